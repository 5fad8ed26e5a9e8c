package sandbox

import (
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
)

// handler serves one endpoint. It runs with the state lock held and
// returns the envelope data or an error (usually an *apiError).
type handler func(st *store, c *call) (any, error)

// route is one catalog endpoint.
type route struct {
	ep        endpoints.Route
	handle    handler
	public    bool // served without an accessToken (/authorize)
	multipart bool // body is multipart/form-data instead of JSON
}

// routes is the whole Open API catalog, in catalog order.
var routes = []route{
	{ep: endpoints.AuthorizeAccessPermanentToken, handle: (*store).permanentToken, public: true},
	{ep: endpoints.AuthorizeAccessToken, handle: (*store).accessToken, public: true},
	{ep: endpoints.AuthorizeRefreshToken, handle: (*store).refreshToken, public: true},

	{ep: endpoints.UserProjectUserList, handle: (*store).projectUserList},
	{ep: endpoints.UserProjectUserPage, handle: (*store).projectUserPage},
	{ep: endpoints.UserAddMembers, handle: (*store).addMembers},
	{ep: endpoints.UserRemoveMembers, handle: (*store).removeMembers},

	{ep: endpoints.OrgAllMemberList, handle: (*store).orgMembers},
	{ep: endpoints.OrgEnableOrgUser, handle: (*store).enableUser},
	{ep: endpoints.OrgDisableOrgUser, handle: (*store).disableUser},
	{ep: endpoints.OrgRemoveOrgUser, handle: (*store).removeUser},

	{ep: endpoints.ProjectProjectTemplate, handle: (*store).projectTemplates},
	{ep: endpoints.ProjectList, handle: (*store).projectList},
	{ep: endpoints.ProjectProjectOverviewScheme, handle: (*store).projectOverviewScheme},
	{ep: endpoints.ProjectAdd, handle: (*store).addProject},
	{ep: endpoints.ProjectUpdate, handle: (*store).updateProject},
	{ep: endpoints.ProjectGetByProjectKey, handle: (*store).projectByKey},
	{ep: endpoints.ProjectGet, handle: (*store).getProject},
	{ep: endpoints.ProjectRoleChange, handle: (*store).changeRoles},
	{ep: endpoints.ProjectRoleType, handle: (*store).roleTypes},
	{ep: endpoints.ProjectRoles, handle: (*store).roleTypes},

	{ep: endpoints.IssueTypeList, handle: (*store).issueTypeList},
	{ep: endpoints.IssueIssueScheme, handle: (*store).issueScheme},
	{ep: endpoints.IssueIssueFields, handle: (*store).issueFieldList},
	{ep: endpoints.IssueIssueFieldInfo, handle: (*store).issueFieldInfo},
	{ep: endpoints.IssueBatchAdd, handle: (*store).batchAddIssues},
	{ep: endpoints.IssueAdd, handle: (*store).addIssue},
	{ep: endpoints.IssueBatchUpdate, handle: (*store).batchUpdateIssues},
	{ep: endpoints.IssueUpdate, handle: (*store).updateIssue},
	{ep: endpoints.IssueV2Get, handle: (*store).getIssue},
	{ep: endpoints.IssueGet, handle: (*store).getIssue},
	{ep: endpoints.IssueGetByIssueNumber, handle: (*store).getIssueByNumber},
	{ep: endpoints.IssueRemove, handle: (*store).removeIssue},
	{ep: endpoints.IssueBatchRemove, handle: (*store).batchRemoveIssues},
	{ep: endpoints.IssuePage, handle: (*store).pageIssues},
	{ep: endpoints.IssueV2Page, handle: (*store).pageIssuesV2},
	{ep: endpoints.IssueFilterConditionField, handle: (*store).filterConditionFields},
	{ep: endpoints.IssueSelectOptions, handle: (*store).selectOptions},
	{ep: endpoints.IssueRelationshipList, handle: (*store).relationList},
	{ep: endpoints.IssueAddRelationship, handle: (*store).addRelation},
	{ep: endpoints.IssueRemoveRelationship, handle: (*store).removeRelation},
	{ep: endpoints.IssueBatchAddSubtask, handle: (*store).addSubtasks},
	{ep: endpoints.IssueRemoveSubtask, handle: (*store).removeSubtask},
	{ep: endpoints.IssueUpdateSubtask, handle: (*store).updateSubtask},
	{ep: endpoints.IssueListSubtask, handle: (*store).listSubtasks},
	{ep: endpoints.IssueUpdateSubtaskStatus, handle: (*store).setSubtaskDone},
	{ep: endpoints.IssueListSubtaskField, handle: (*store).subtaskFieldList},
	{ep: endpoints.IssueLabourRecordAdd, handle: (*store).addLabour},
	{ep: endpoints.IssueLabourRecordUpdate, handle: (*store).updateLabour},
	{ep: endpoints.IssueLabourRecordDelete, handle: (*store).removeLabour},
	{ep: endpoints.IssueLabourRecordPage, handle: (*store).pageLabour},
	{ep: endpoints.IssueTrashSelectOptions, handle: (*store).trashOptions},
	{ep: endpoints.IssueTrashPage, handle: (*store).pageTrash},
	{ep: endpoints.IssueTrashRestore, handle: (*store).restoreIssue},
	{ep: endpoints.IssuePageFinished, handle: (*store).pageFinished},

	{ep: endpoints.SprintAdd, handle: (*store).addSprint},
	{ep: endpoints.SprintUpdate, handle: (*store).updateSprint},
	{ep: endpoints.SprintRemove, handle: (*store).removeSprint},
	{ep: endpoints.SprintGet, handle: (*store).getSprint},
	{ep: endpoints.SprintListWithCount, handle: (*store).listSprints},

	{ep: endpoints.WorkflowList, handle: (*store).listWorkflows},
	{ep: endpoints.WorkflowListNextState, handle: (*store).nextStates},

	{ep: endpoints.TagAdd, handle: (*store).addTag},
	{ep: endpoints.TagUpdate, handle: (*store).updateTag},
	{ep: endpoints.TagRemove, handle: (*store).removeTag},
	{ep: endpoints.TagList, handle: (*store).listTags},

	{ep: endpoints.EpicFilterOptions, handle: (*store).epicFilterOptions},
	{ep: endpoints.EpicPage, handle: (*store).pageEpics},
	{ep: endpoints.EpicPageIssue, handle: (*store).pageEpicIssues},
	{ep: endpoints.EpicEpicFields, handle: (*store).epicFieldList},
	{ep: endpoints.EpicEpicFieldInfo, handle: (*store).epicFieldInfo},
	{ep: endpoints.EpicAdd, handle: (*store).addEpic},
	{ep: endpoints.EpicUpdate, handle: (*store).updateEpic},
	{ep: endpoints.EpicRemove, handle: (*store).removeEpic},
	{ep: endpoints.EpicDetail, handle: (*store).epicDetail},
	{ep: endpoints.EpicRelationIssue, handle: (*store).relateEpicIssues},

	{ep: endpoints.VersionVersionStatusList, handle: (*store).versionStatusList},
	{ep: endpoints.VersionOptionalOwnerList, handle: (*store).versionOwnerOptions},
	{ep: endpoints.VersionAllVersion, handle: (*store).pageVersions},
	{ep: endpoints.VersionAdd, handle: (*store).addVersion},
	{ep: endpoints.VersionUpdate, handle: (*store).updateVersion},
	{ep: endpoints.VersionRemove, handle: (*store).removeVersion},
	{ep: endpoints.VersionRelease, handle: (*store).releaseVersion},
	{ep: endpoints.VersionUnrelease, handle: (*store).unreleaseVersion},
	{ep: endpoints.VersionArchive, handle: (*store).archiveVersion},
	{ep: endpoints.VersionUnarchive, handle: (*store).unarchiveVersion},
	{ep: endpoints.VersionDetail, handle: (*store).versionDetail},
	{ep: endpoints.VersionAssociateIssue, handle: (*store).associateVersionIssue},
	{ep: endpoints.VersionDisassociateIssue, handle: (*store).disassociateVersionIssue},
	{ep: endpoints.VersionPageAssociate, handle: (*store).pageVersionIssues},

	{ep: endpoints.WebhookListTypes, handle: (*store).webhookTypeList},
	{ep: endpoints.WebhookListEvents, handle: (*store).webhookEventList},
	{ep: endpoints.WebhookAdd, handle: (*store).addWebhook},
	{ep: endpoints.WebhookDelete, handle: (*store).removeWebhook},
	{ep: endpoints.WebhookUpdate, handle: (*store).updateWebhook},
	{ep: endpoints.WebhookGet, handle: (*store).getWebhook},
	{ep: endpoints.WebhookPage, handle: (*store).pageWebhooks},

	{ep: endpoints.CommentAdd, handle: (*store).addComment},
	{ep: endpoints.CommentUpdate, handle: (*store).updateComment},
	{ep: endpoints.CommentRemove, handle: (*store).removeComment},
	{ep: endpoints.CommentPage, handle: (*store).pageComments},
	{ep: endpoints.CommentUpdateStickerStatus, handle: (*store).setSticker},
	{ep: endpoints.CommentListSticker, handle: (*store).stickerList},

	{ep: endpoints.FileUpload, handle: (*store).uploadFile, multipart: true},
	{ep: endpoints.FileDownload, handle: (*store).downloadFile},
	{ep: endpoints.FileRemove, handle: (*store).removeFile},
	{ep: endpoints.FileList, handle: (*store).listFiles},
	{ep: endpoints.FileBind, handle: (*store).bindFile},

	{ep: endpoints.MsgList, handle: (*store).listMessages},
}

// routeIndex indexes routes by path, then method.
func routeIndex() map[string]map[string]*route {
	idx := make(map[string]map[string]*route)
	for i := range routes {
		rt := &routes[i]
		path, method := rt.ep.Path(), rt.ep.Method()
		if idx[path] == nil {
			idx[path] = make(map[string]*route)
		}
		idx[path][method] = rt
	}
	return idx
}

// allowHeader lists the methods a path accepts, for the Allow header.
func allowHeader(byMethod map[string]*route) string {
	methods := make([]string, 0, len(byMethod))
	for m := range byMethod {
		methods = append(methods, m)
	}
	slices.Sort(methods)
	return strings.Join(methods, ", ")
}
