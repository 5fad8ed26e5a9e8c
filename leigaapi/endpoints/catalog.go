package endpoints

import (
	"encoding/json"

	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// The Leiga Open API, in catalog order (testdata/endpoints.json).

// Module authorize.
var (
	// AuthorizeAccessPermanentToken is the catalog's "Get Permanent Token".
	AuthorizeAccessPermanentToken = post[schemas.AuthorizeClient, TokenGrant]("/authorize/access-permanent-token")
	// AuthorizeAccessToken is the catalog's "Get Access Token".
	AuthorizeAccessToken = post[schemas.AuthorizeClient, TokenGrant]("/authorize/access-token")
	// AuthorizeRefreshToken is the catalog's "Refresh Access Token".
	AuthorizeRefreshToken = post[schemas.AuthorizeRefresh, TokenGrant]("/authorize/refresh-token")
)

// Module user.
var (
	// UserProjectUserList is the catalog's "Get project member list (without pagination)".
	UserProjectUserList = get[schemas.UserProjectUserList, Page[Member]]("/user/project-user-list")
	// UserProjectUserPage is the catalog's "Get Project member list (with pagination)".
	UserProjectUserPage = get[schemas.UserProjectUserPage, json.RawMessage]("/user/project-user-page")
	// UserAddMembers is the catalog's "Add Project Members".
	UserAddMembers = post[schemas.UserAddMembers, json.RawMessage]("/user/add-members")
	// UserRemoveMembers is the catalog's "Remove Project Members".
	UserRemoveMembers = del[schemas.UserRemoveMembers, json.RawMessage]("/user/remove-members")
)

// Module org.
var (
	// OrgAllMemberList is the catalog's "Get Organization Users (with pagination)".
	OrgAllMemberList = get[schemas.OrgAllMemberList, Page[Member]]("/org/all-member-list")
	// OrgEnableOrgUser is the catalog's "Enable Organization User".
	OrgEnableOrgUser = post[schemas.OrgEnableOrgUser, json.RawMessage]("/org/enable-org-user")
	// OrgDisableOrgUser is the catalog's "Disable Organization User".
	OrgDisableOrgUser = post[schemas.OrgDisableOrgUser, json.RawMessage]("/org/disable-org-user")
	// OrgRemoveOrgUser is the catalog's "Remove Organization User".
	OrgRemoveOrgUser = del[schemas.OrgRemoveOrgUser, json.RawMessage]("/org/remove-org-user")
)

// Module project.
var (
	// ProjectProjectTemplate is the catalog's "Get Project Template List".
	ProjectProjectTemplate = get[schemas.ProjectProjectTemplate, json.RawMessage]("/project/project-template")
	// ProjectList is the catalog's "Get Project List".
	ProjectList = get[schemas.ProjectList, Page[Project]]("/project/list")
	// ProjectProjectOverviewScheme is the catalog's "Get Project Overview Template".
	ProjectProjectOverviewScheme = get[schemas.ProjectProjectOverviewScheme, json.RawMessage]("/project/project-overview-scheme")
	// ProjectAdd is the catalog's "New Project".
	ProjectAdd = post[schemas.ProjectAdd, json.RawMessage]("/project/add")
	// ProjectUpdate is the catalog's "Update Project".
	ProjectUpdate = patch[schemas.ProjectUpdate, json.RawMessage]("/project/update")
	// ProjectGetByProjectKey is the catalog's "Get Project Information By Project Key".
	ProjectGetByProjectKey = get[schemas.ProjectGetByProjectKey, Project]("/project/get-by-project-key")
	// ProjectGet is the catalog's "Get Project Information".
	ProjectGet = get[schemas.ProjectGet, Project]("/project/get")
	// ProjectRoleChange is the catalog's "Change Project Members Role".
	ProjectRoleChange = post[schemas.ProjectRoleChange, json.RawMessage]("/project/role-change")
	// ProjectRoleType is the catalog's "Get Project Roles".
	ProjectRoleType = get[schemas.ProjectRoleType, json.RawMessage]("/project/role-type")
	// ProjectRoles is the catalog's "Get Project Roles".
	ProjectRoles = read[schemas.ProjectRoleType, json.RawMessage]("/project/role-type")
)

// Module issue.
var (
	// IssueTypeList is the catalog's "Get Issue Type List".
	IssueTypeList = get[schemas.IssueTypeList, Page[IssueType]]("/issue/type-list")
	// IssueIssueScheme is the catalog's "Get Issue Scheme".
	IssueIssueScheme = get[schemas.IssueIssueScheme, Page[FieldInfo]]("/issue/issue-scheme")
	// IssueIssueFields is the catalog's "Get Issue Fields".
	IssueIssueFields = get[schemas.IssueIssueFields, Page[FieldInfo]]("/issue/issue-fields")
	// IssueIssueFieldInfo is the catalog's "Get Issue Field Detail".
	IssueIssueFieldInfo = get[schemas.IssueIssueFieldInfo, FieldInfo]("/issue/issue-field-info")
	// IssueBatchAdd is the catalog's "Batch Add Issue".
	IssueBatchAdd = post[schemas.IssueBatchAdd, json.RawMessage]("/issue/batch-add")
	// IssueAdd is the catalog's "New Issue".
	IssueAdd = post[schemas.IssueAdd, Created]("/issue/add")
	// IssueBatchUpdate is the catalog's "Batch Update Issue".
	IssueBatchUpdate = patch[schemas.IssueBatchUpdate, json.RawMessage]("/issue/batch-update")
	// IssueUpdate is the catalog's "Update Issue".
	IssueUpdate = patch[schemas.IssueUpdate, json.RawMessage]("/issue/update")
	// IssueV2Get is the catalog's "Get Issue Detail V2".
	IssueV2Get = get[schemas.IssueV2Get, json.RawMessage]("/issue/v2/get")
	// IssueGet is the catalog's "Get Issue Detail".
	IssueGet = get[schemas.IssueGet, Issue]("/issue/get")
	// IssueGetByIssueNumber is the catalog's "Get Issue Detail By Issue Number".
	IssueGetByIssueNumber = get[schemas.IssueGetByIssueNumber, Issue]("/issue/get-by-issue-number")
	// IssueRemove is the catalog's "Remove Issue".
	IssueRemove = del[schemas.IssueRemove, json.RawMessage]("/issue/remove")
	// IssueBatchRemove is the catalog's "Batch Remove Issue".
	IssueBatchRemove = del[schemas.IssueBatchRemove, json.RawMessage]("/issue/batch-remove")
	// IssuePage is the catalog's "Query Issue List".
	IssuePage = read[schemas.IssuePage, Page[Issue]]("/issue/page")
	// IssueV2Page is the catalog's "Query Issue List V2".
	IssueV2Page = read[schemas.IssueV2Page, json.RawMessage]("/issue/v2/page")
	// IssueFilterConditionField is the catalog's "Get Project Issue Filter Fields".
	IssueFilterConditionField = read[schemas.IssueFilterConditionField, json.RawMessage]("/issue/filter-condition-field")
	// IssueSelectOptions is the catalog's "Get Issue Select Options".
	IssueSelectOptions = read[schemas.IssueSelectOptions, json.RawMessage]("/issue/select-options")
	// IssueRelationshipList is the catalog's "Get Issue Relations".
	IssueRelationshipList = get[schemas.IssueRelationshipList, json.RawMessage]("/issue/relationship-list")
	// IssueAddRelationship is the catalog's "Add Issue Relation".
	IssueAddRelationship = post[schemas.IssueAddRelationship, json.RawMessage]("/issue/add-relationship")
	// IssueRemoveRelationship is the catalog's "Remove Issue Relation".
	IssueRemoveRelationship = post[schemas.IssueRemoveRelationship, json.RawMessage]("/issue/remove-relationship")
	// IssueBatchAddSubtask is the catalog's "Batch Add Subtasks".
	IssueBatchAddSubtask = post[schemas.IssueBatchAddSubtask, json.RawMessage]("/issue/batch-add-subtask")
	// IssueRemoveSubtask is the catalog's "Remove Subtask".
	IssueRemoveSubtask = del[schemas.IssueRemoveSubtask, json.RawMessage]("/issue/remove-subtask")
	// IssueUpdateSubtask is the catalog's "Update Subtask".
	IssueUpdateSubtask = patch[schemas.IssueUpdateSubtask, json.RawMessage]("/issue/update-subtask")
	// IssueListSubtask is the catalog's "Get Subtask List".
	IssueListSubtask = read[schemas.IssueListSubtask, Page[Subtask]]("/issue/list-subtask")
	// IssueUpdateSubtaskStatus is the catalog's "Update Subtask Status".
	IssueUpdateSubtaskStatus = patch[schemas.IssueUpdateSubtaskStatus, json.RawMessage]("/issue/update-subtask-status")
	// IssueListSubtaskField is the catalog's "Get Subtask Field List".
	IssueListSubtaskField = read[schemas.IssueListSubtaskField, Page[FieldInfo]]("/issue/list-subtask-field")
	// IssueLabourRecordAdd is the catalog's "Add Labour Record".
	IssueLabourRecordAdd = post[schemas.IssueLabourRecordAdd, Created]("/issue/labour-record/add")
	// IssueLabourRecordUpdate is the catalog's "Update Labour Record".
	IssueLabourRecordUpdate = patch[schemas.IssueLabourRecordUpdate, json.RawMessage]("/issue/labour-record/update")
	// IssueLabourRecordDelete is the catalog's "Remove Labour Record".
	IssueLabourRecordDelete = del[schemas.IssueLabourRecordDelete, json.RawMessage]("/issue/labour-record/delete")
	// IssueLabourRecordPage is the catalog's "Labour Record List".
	IssueLabourRecordPage = read[schemas.IssueLabourRecordPage, json.RawMessage]("/issue/labour-record/page")
	// IssueTrashSelectOptions is the catalog's "Get Trash Select Option List".
	IssueTrashSelectOptions = read[schemas.IssueTrashSelectOptions, json.RawMessage]("/issue/trash-select-options")
	// IssueTrashPage is the catalog's "Get Trash List".
	IssueTrashPage = read[schemas.IssueTrashPage, json.RawMessage]("/issue/trash/page")
	// IssueTrashRestore is the catalog's "Restore Issue".
	IssueTrashRestore = post[schemas.IssueTrashRestore, json.RawMessage]("/issue/trash/restore")
	// IssuePageFinished is the catalog's "Get Finished Issue List".
	IssuePageFinished = read[schemas.IssuePageFinished, json.RawMessage]("/issue/page-finished")
)

// Module sprint.
var (
	// SprintAdd is the catalog's "New Sprint".
	SprintAdd = post[schemas.SprintAdd, Created]("/sprint/add")
	// SprintUpdate is the catalog's "Update Sprint".
	SprintUpdate = patch[schemas.SprintUpdate, json.RawMessage]("/sprint/update")
	// SprintRemove is the catalog's "Remove Sprint".
	SprintRemove = post[schemas.SprintRemove, json.RawMessage]("/sprint/remove")
	// SprintGet is the catalog's "Get Sprint Detail".
	SprintGet = get[schemas.SprintGet, Sprint]("/sprint/get")
	// SprintListWithCount is the catalog's "Get Project Sprint List".
	SprintListWithCount = read[schemas.SprintListWithCount, Page[Sprint]]("/sprint/list-with-count")
)

// Module workflow.
var (
	// WorkflowList is the catalog's "Query Project Workflow List".
	WorkflowList = read[schemas.WorkflowList, Page[Workflow]]("/workflow/list")
	// WorkflowListNextState is the catalog's "Get State Transition List".
	WorkflowListNextState = read[schemas.WorkflowListNextState, Page[State]]("/workflow/list/next-state")
)

// Module tag.
var (
	// TagAdd is the catalog's "New Tag".
	TagAdd = post[schemas.TagAdd, Created]("/tag/add")
	// TagUpdate is the catalog's "Update Tag".
	TagUpdate = patch[schemas.TagUpdate, json.RawMessage]("/tag/update")
	// TagRemove is the catalog's "Remove Tag".
	TagRemove = del[schemas.TagRemove, json.RawMessage]("/tag/remove")
	// TagList is the catalog's "Get Tag List".
	TagList = read[schemas.TagList, Page[Tag]]("/tag/list")
)

// Module epic.
var (
	// EpicFilterOptions is the catalog's "Epic Filter Options".
	EpicFilterOptions = get[schemas.EpicFilterOptions, json.RawMessage]("/epic/filter-options")
	// EpicPage is the catalog's "Get Epic List".
	EpicPage = read[schemas.EpicPage, Page[Epic]]("/epic/page")
	// EpicPageIssue is the catalog's "Epic Related Issue List".
	EpicPageIssue = read[schemas.EpicPageIssue, json.RawMessage]("/epic/page-issue")
	// EpicEpicFields is the catalog's "Get Epic Field List".
	EpicEpicFields = get[schemas.EpicEpicFields, Page[FieldInfo]]("/epic/epic-fields")
	// EpicEpicFieldInfo is the catalog's "Get Epic Field Detail".
	EpicEpicFieldInfo = get[schemas.EpicEpicFieldInfo, json.RawMessage]("/epic/epic-field-info")
	// EpicAdd is the catalog's "New Epic".
	EpicAdd = post[schemas.EpicAdd, Created]("/epic/add")
	// EpicUpdate is the catalog's "Update Epic".
	EpicUpdate = post[schemas.EpicUpdate, json.RawMessage]("/epic/update")
	// EpicRemove is the catalog's "Remove Epic".
	EpicRemove = post[schemas.EpicRemove, json.RawMessage]("/epic/remove")
	// EpicDetail is the catalog's "Get Epic Detail".
	EpicDetail = get[schemas.EpicDetail, json.RawMessage]("/epic/detail")
	// EpicRelationIssue is the catalog's "Add Issues To Epic".
	EpicRelationIssue = post[schemas.EpicRelationIssue, json.RawMessage]("/epic/relation-issue")
)

// Module version.
var (
	// VersionVersionStatusList is the catalog's "Get Version Status List".
	VersionVersionStatusList = get[schemas.VersionVersionStatusList, json.RawMessage]("/version/version-status-list")
	// VersionOptionalOwnerList is the catalog's "Get Version Owner Options".
	VersionOptionalOwnerList = get[schemas.VersionOptionalOwnerList, json.RawMessage]("/version/optional-owner-list")
	// VersionAllVersion is the catalog's "Get Version List".
	VersionAllVersion = read[schemas.VersionAllVersion, Page[Version]]("/version/all-version")
	// VersionAdd is the catalog's "New Version".
	VersionAdd = post[schemas.VersionAdd, Created]("/version/add")
	// VersionUpdate is the catalog's "Update Version".
	VersionUpdate = patch[schemas.VersionUpdate, json.RawMessage]("/version/update")
	// VersionRemove is the catalog's "Remove Version".
	VersionRemove = del[schemas.VersionRemove, json.RawMessage]("/version/remove")
	// VersionRelease is the catalog's "Release Version".
	VersionRelease = patch[schemas.VersionRelease, json.RawMessage]("/version/release")
	// VersionUnrelease is the catalog's "Cancel Release Version".
	VersionUnrelease = patch[schemas.VersionUnrelease, json.RawMessage]("/version/unrelease")
	// VersionArchive is the catalog's "Archive Version".
	VersionArchive = patch[schemas.VersionArchive, json.RawMessage]("/version/archive")
	// VersionUnarchive is the catalog's "Cancel Archive Version".
	VersionUnarchive = patch[schemas.VersionUnarchive, json.RawMessage]("/version/unarchive")
	// VersionDetail is the catalog's "Get Version Details".
	VersionDetail = get[schemas.VersionDetail, Version]("/version/detail")
	// VersionAssociateIssue is the catalog's "Add Issue To Version".
	VersionAssociateIssue = patch[schemas.VersionAssociateIssue, json.RawMessage]("/version/associate-issue")
	// VersionDisassociateIssue is the catalog's "Remove Issue From Version".
	VersionDisassociateIssue = patch[schemas.VersionDisassociateIssue, json.RawMessage]("/version/disassociate-issue")
	// VersionPageAssociate is the catalog's "Version Related Issue List".
	VersionPageAssociate = read[schemas.VersionPageAssociate, json.RawMessage]("/version/page-associate")
)

// Module webhook.
var (
	// WebhookListTypes is the catalog's "Get Webhook Type List".
	WebhookListTypes = get[schemas.WebhookListTypes, json.RawMessage]("/webhook/list-types")
	// WebhookListEvents is the catalog's "Get Webhook Event List".
	WebhookListEvents = get[schemas.WebhookListEvents, json.RawMessage]("/webhook/list-events")
	// WebhookAdd is the catalog's "New Webhook".
	WebhookAdd = post[schemas.WebhookAdd, json.RawMessage]("/webhook/add")
	// WebhookDelete is the catalog's "Remove Webhook".
	WebhookDelete = del[schemas.WebhookDelete, json.RawMessage]("/webhook/delete")
	// WebhookUpdate is the catalog's "Update Webhook".
	WebhookUpdate = patch[schemas.WebhookUpdate, json.RawMessage]("/webhook/update")
	// WebhookGet is the catalog's "Get Webhook Detail".
	WebhookGet = get[schemas.WebhookGet, json.RawMessage]("/webhook/get")
	// WebhookPage is the catalog's "Query Webhook List".
	WebhookPage = read[schemas.WebhookPage, json.RawMessage]("/webhook/page")
)

// Module comment.
var (
	// CommentAdd is the catalog's "New Comment".
	CommentAdd = post[schemas.CommentAdd, Created]("/comment/add")
	// CommentUpdate is the catalog's "Update Comment".
	CommentUpdate = patch[schemas.CommentUpdate, json.RawMessage]("/comment/update")
	// CommentRemove is the catalog's "Remove Comment".
	CommentRemove = del[schemas.CommentRemove, json.RawMessage]("/comment/remove")
	// CommentPage is the catalog's "Get Comment List".
	CommentPage = read[schemas.CommentPage, Page[Comment]]("/comment/page")
	// CommentUpdateStickerStatus is the catalog's "Update Comment Sticker".
	CommentUpdateStickerStatus = patch[schemas.CommentUpdateStickerStatus, json.RawMessage]("/comment/update-sticker-status")
	// CommentListSticker is the catalog's "List Comment Sticker".
	CommentListSticker = read[schemas.CommentListSticker, json.RawMessage]("/comment/list-sticker")
)

// Module file.
var (
	// FileUpload is the catalog's "Upload File".
	FileUpload = post[schemas.FileUpload, json.RawMessage]("/file/upload")
	// FileDownload is the catalog's "Download File".
	FileDownload = read[schemas.FileDownload, json.RawMessage]("/file/download")
	// FileRemove is the catalog's "Remove File".
	FileRemove = del[schemas.FileRemove, json.RawMessage]("/file/remove")
	// FileList is the catalog's "Get File List".
	FileList = read[schemas.FileList, json.RawMessage]("/file/list")
	// FileBind is the catalog's "Bind File".
	FileBind = post[schemas.FileBind, json.RawMessage]("/file/bind")
)

// Module msg.
var (
	// MsgList is the catalog's "Get Personal Message List".
	MsgList = read[schemas.MsgList, Page[Message]]("/msg/list")
)

// All lists every endpoint in catalog order.
func All() []Route {
	return []Route{
		AuthorizeAccessPermanentToken, AuthorizeAccessToken, AuthorizeRefreshToken, UserProjectUserList,
		UserProjectUserPage, UserAddMembers, UserRemoveMembers, OrgAllMemberList,
		OrgEnableOrgUser, OrgDisableOrgUser, OrgRemoveOrgUser, ProjectProjectTemplate,
		ProjectList, ProjectProjectOverviewScheme, ProjectAdd, ProjectUpdate,
		ProjectGetByProjectKey, ProjectGet, ProjectRoleChange, ProjectRoleType,
		ProjectRoles, IssueTypeList, IssueIssueScheme, IssueIssueFields,
		IssueIssueFieldInfo, IssueBatchAdd, IssueAdd, IssueBatchUpdate,
		IssueUpdate, IssueV2Get, IssueGet, IssueGetByIssueNumber,
		IssueRemove, IssueBatchRemove, IssuePage, IssueV2Page,
		IssueFilterConditionField, IssueSelectOptions, IssueRelationshipList, IssueAddRelationship,
		IssueRemoveRelationship, IssueBatchAddSubtask, IssueRemoveSubtask, IssueUpdateSubtask,
		IssueListSubtask, IssueUpdateSubtaskStatus, IssueListSubtaskField, IssueLabourRecordAdd,
		IssueLabourRecordUpdate, IssueLabourRecordDelete, IssueLabourRecordPage, IssueTrashSelectOptions,
		IssueTrashPage, IssueTrashRestore, IssuePageFinished, SprintAdd,
		SprintUpdate, SprintRemove, SprintGet, SprintListWithCount,
		WorkflowList, WorkflowListNextState, TagAdd, TagUpdate,
		TagRemove, TagList, EpicFilterOptions, EpicPage,
		EpicPageIssue, EpicEpicFields, EpicEpicFieldInfo, EpicAdd,
		EpicUpdate, EpicRemove, EpicDetail, EpicRelationIssue,
		VersionVersionStatusList, VersionOptionalOwnerList, VersionAllVersion, VersionAdd,
		VersionUpdate, VersionRemove, VersionRelease, VersionUnrelease,
		VersionArchive, VersionUnarchive, VersionDetail, VersionAssociateIssue,
		VersionDisassociateIssue, VersionPageAssociate, WebhookListTypes, WebhookListEvents,
		WebhookAdd, WebhookDelete, WebhookUpdate, WebhookGet,
		WebhookPage, CommentAdd, CommentUpdate, CommentRemove,
		CommentPage, CommentUpdateStickerStatus, CommentListSticker, FileUpload,
		FileDownload, FileRemove, FileList, FileBind,
		MsgList,
	}
}
