package sandbox

import (
	"net/http"
	"slices"
	"strings"
)

// handler serves one endpoint. It runs with the state lock held and
// returns the envelope data or an error (usually an *apiError).
type handler func(st *store, c *call) (any, error)

// route is one catalog endpoint.
type route struct {
	method    string
	path      string
	handle    handler
	public    bool // served without an accessToken (/authorize)
	multipart bool // body is multipart/form-data instead of JSON
}

// routes is the whole Open API catalog, in catalog order.
var routes = []route{
	{method: http.MethodPost, path: "/authorize/access-permanent-token", handle: (*store).permanentToken, public: true},
	{method: http.MethodPost, path: "/authorize/access-token", handle: (*store).accessToken, public: true},
	{method: http.MethodPost, path: "/authorize/refresh-token", handle: (*store).refreshToken, public: true},

	{method: http.MethodGet, path: "/user/project-user-list", handle: (*store).projectUserList},
	{method: http.MethodGet, path: "/user/project-user-page", handle: (*store).projectUserPage},
	{method: http.MethodPost, path: "/user/add-members", handle: (*store).addMembers},
	{method: http.MethodDelete, path: "/user/remove-members", handle: (*store).removeMembers},

	{method: http.MethodGet, path: "/org/all-member-list", handle: (*store).orgMembers},
	{method: http.MethodPost, path: "/org/enable-org-user", handle: (*store).enableUser},
	{method: http.MethodPost, path: "/org/disable-org-user", handle: (*store).disableUser},
	{method: http.MethodDelete, path: "/org/remove-org-user", handle: (*store).removeUser},

	{method: http.MethodGet, path: "/project/project-template", handle: (*store).projectTemplates},
	{method: http.MethodGet, path: "/project/list", handle: (*store).projectList},
	{method: http.MethodGet, path: "/project/project-overview-scheme", handle: (*store).projectOverviewScheme},
	{method: http.MethodPost, path: "/project/add", handle: (*store).addProject},
	{method: http.MethodPatch, path: "/project/update", handle: (*store).updateProject},
	{method: http.MethodGet, path: "/project/get-by-project-key", handle: (*store).projectByKey},
	{method: http.MethodGet, path: "/project/get", handle: (*store).getProject},
	{method: http.MethodPost, path: "/project/role-change", handle: (*store).changeRoles},
	{method: http.MethodGet, path: "/project/role-type", handle: (*store).roleTypes},
	{method: http.MethodPost, path: "/project/role-type", handle: (*store).roleTypes},

	{method: http.MethodGet, path: "/issue/type-list", handle: (*store).issueTypeList},
	{method: http.MethodGet, path: "/issue/issue-scheme", handle: (*store).issueScheme},
	{method: http.MethodGet, path: "/issue/issue-fields", handle: (*store).issueFieldList},
	{method: http.MethodGet, path: "/issue/issue-field-info", handle: (*store).issueFieldInfo},
	{method: http.MethodPost, path: "/issue/batch-add", handle: (*store).batchAddIssues},
	{method: http.MethodPost, path: "/issue/add", handle: (*store).addIssue},
	{method: http.MethodPatch, path: "/issue/batch-update", handle: (*store).batchUpdateIssues},
	{method: http.MethodPatch, path: "/issue/update", handle: (*store).updateIssue},
	{method: http.MethodGet, path: "/issue/v2/get", handle: (*store).getIssue},
	{method: http.MethodGet, path: "/issue/get", handle: (*store).getIssue},
	{method: http.MethodGet, path: "/issue/get-by-issue-number", handle: (*store).getIssueByNumber},
	{method: http.MethodDelete, path: "/issue/remove", handle: (*store).removeIssue},
	{method: http.MethodDelete, path: "/issue/batch-remove", handle: (*store).batchRemoveIssues},
	{method: http.MethodPost, path: "/issue/page", handle: (*store).pageIssues},
	{method: http.MethodPost, path: "/issue/v2/page", handle: (*store).pageIssuesV2},
	{method: http.MethodPost, path: "/issue/filter-condition-field", handle: (*store).filterConditionFields},
	{method: http.MethodPost, path: "/issue/select-options", handle: (*store).selectOptions},
	{method: http.MethodGet, path: "/issue/relationship-list", handle: (*store).relationList},
	{method: http.MethodPost, path: "/issue/add-relationship", handle: (*store).addRelation},
	{method: http.MethodPost, path: "/issue/remove-relationship", handle: (*store).removeRelation},
	{method: http.MethodPost, path: "/issue/batch-add-subtask", handle: (*store).addSubtasks},
	{method: http.MethodDelete, path: "/issue/remove-subtask", handle: (*store).removeSubtask},
	{method: http.MethodPatch, path: "/issue/update-subtask", handle: (*store).updateSubtask},
	{method: http.MethodPost, path: "/issue/list-subtask", handle: (*store).listSubtasks},
	{method: http.MethodPatch, path: "/issue/update-subtask-status", handle: (*store).setSubtaskDone},
	{method: http.MethodPost, path: "/issue/list-subtask-field", handle: (*store).subtaskFieldList},
	{method: http.MethodPost, path: "/issue/labour-record/add", handle: (*store).addLabour},
	{method: http.MethodPatch, path: "/issue/labour-record/update", handle: (*store).updateLabour},
	{method: http.MethodDelete, path: "/issue/labour-record/delete", handle: (*store).removeLabour},
	{method: http.MethodPost, path: "/issue/labour-record/page", handle: (*store).pageLabour},
	{method: http.MethodPost, path: "/issue/trash-select-options", handle: (*store).trashOptions},
	{method: http.MethodPost, path: "/issue/trash/page", handle: (*store).pageTrash},
	{method: http.MethodPost, path: "/issue/trash/restore", handle: (*store).restoreIssue},
	{method: http.MethodPost, path: "/issue/page-finished", handle: (*store).pageFinished},

	{method: http.MethodPost, path: "/sprint/add", handle: (*store).addSprint},
	{method: http.MethodPatch, path: "/sprint/update", handle: (*store).updateSprint},
	{method: http.MethodPost, path: "/sprint/remove", handle: (*store).removeSprint},
	{method: http.MethodGet, path: "/sprint/get", handle: (*store).getSprint},
	{method: http.MethodPost, path: "/sprint/list-with-count", handle: (*store).listSprints},

	{method: http.MethodPost, path: "/workflow/list", handle: (*store).listWorkflows},
	{method: http.MethodPost, path: "/workflow/list/next-state", handle: (*store).nextStates},

	{method: http.MethodPost, path: "/tag/add", handle: (*store).addTag},
	{method: http.MethodPatch, path: "/tag/update", handle: (*store).updateTag},
	{method: http.MethodDelete, path: "/tag/remove", handle: (*store).removeTag},
	{method: http.MethodPost, path: "/tag/list", handle: (*store).listTags},

	{method: http.MethodGet, path: "/epic/filter-options", handle: (*store).epicFilterOptions},
	{method: http.MethodPost, path: "/epic/page", handle: (*store).pageEpics},
	{method: http.MethodPost, path: "/epic/page-issue", handle: (*store).pageEpicIssues},
	{method: http.MethodGet, path: "/epic/epic-fields", handle: (*store).epicFieldList},
	{method: http.MethodGet, path: "/epic/epic-field-info", handle: (*store).epicFieldInfo},
	{method: http.MethodPost, path: "/epic/add", handle: (*store).addEpic},
	{method: http.MethodPost, path: "/epic/update", handle: (*store).updateEpic},
	{method: http.MethodPost, path: "/epic/remove", handle: (*store).removeEpic},
	{method: http.MethodGet, path: "/epic/detail", handle: (*store).epicDetail},
	{method: http.MethodPost, path: "/epic/relation-issue", handle: (*store).relateEpicIssues},

	{method: http.MethodGet, path: "/version/version-status-list", handle: (*store).versionStatusList},
	{method: http.MethodGet, path: "/version/optional-owner-list", handle: (*store).versionOwnerOptions},
	{method: http.MethodPost, path: "/version/all-version", handle: (*store).pageVersions},
	{method: http.MethodPost, path: "/version/add", handle: (*store).addVersion},
	{method: http.MethodPatch, path: "/version/update", handle: (*store).updateVersion},
	{method: http.MethodDelete, path: "/version/remove", handle: (*store).removeVersion},
	{method: http.MethodPatch, path: "/version/release", handle: (*store).releaseVersion},
	{method: http.MethodPatch, path: "/version/unrelease", handle: (*store).unreleaseVersion},
	{method: http.MethodPatch, path: "/version/archive", handle: (*store).archiveVersion},
	{method: http.MethodPatch, path: "/version/unarchive", handle: (*store).unarchiveVersion},
	{method: http.MethodGet, path: "/version/detail", handle: (*store).versionDetail},
	{method: http.MethodPatch, path: "/version/associate-issue", handle: (*store).associateVersionIssue},
	{method: http.MethodPatch, path: "/version/disassociate-issue", handle: (*store).disassociateVersionIssue},
	{method: http.MethodPost, path: "/version/page-associate", handle: (*store).pageVersionIssues},

	{method: http.MethodGet, path: "/webhook/list-types", handle: (*store).webhookTypeList},
	{method: http.MethodGet, path: "/webhook/list-events", handle: (*store).webhookEventList},
	{method: http.MethodPost, path: "/webhook/add", handle: (*store).addWebhook},
	{method: http.MethodDelete, path: "/webhook/delete", handle: (*store).removeWebhook},
	{method: http.MethodPatch, path: "/webhook/update", handle: (*store).updateWebhook},
	{method: http.MethodGet, path: "/webhook/get", handle: (*store).getWebhook},
	{method: http.MethodPost, path: "/webhook/page", handle: (*store).pageWebhooks},

	{method: http.MethodPost, path: "/comment/add", handle: (*store).addComment},
	{method: http.MethodPatch, path: "/comment/update", handle: (*store).updateComment},
	{method: http.MethodDelete, path: "/comment/remove", handle: (*store).removeComment},
	{method: http.MethodPost, path: "/comment/page", handle: (*store).pageComments},
	{method: http.MethodPatch, path: "/comment/update-sticker-status", handle: (*store).setSticker},
	{method: http.MethodPost, path: "/comment/list-sticker", handle: (*store).stickerList},

	{method: http.MethodPost, path: "/file/upload", handle: (*store).uploadFile, multipart: true},
	{method: http.MethodPost, path: "/file/download", handle: (*store).downloadFile},
	{method: http.MethodDelete, path: "/file/remove", handle: (*store).removeFile},
	{method: http.MethodPost, path: "/file/list", handle: (*store).listFiles},
	{method: http.MethodPost, path: "/file/bind", handle: (*store).bindFile},

	{method: http.MethodPost, path: "/msg/list", handle: (*store).listMessages},
}

// routeIndex indexes routes by path, then method.
func routeIndex() map[string]map[string]*route {
	idx := make(map[string]map[string]*route)
	for i := range routes {
		rt := &routes[i]
		if idx[rt.path] == nil {
			idx[rt.path] = make(map[string]*route)
		}
		idx[rt.path][rt.method] = rt
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
