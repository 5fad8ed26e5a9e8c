package tools

import (
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// versionContract lists a contract case for every version endpoint tool.
var versionContract = []contractCase{
	{"version_version_status_list", `{}`, "GET", "/version/version-status-list", "", ""},
	{"version_optional_owner_list", `{}`, "GET", "/version/optional-owner-list", "", ""},
	{"version_all_version", `{"name":"v1","statusList":["RELEASED","UNRELEASED"],"ownerIds":[5,6],"pageNumber":3,"pageSize":10}`,
		"POST", "/version/all-version", "", `{"name":"v1","statusList":["RELEASED","UNRELEASED"],"ownerIds":[5,6],"pageNumber":3,"pageSize":10}`},
	{"version_all_version", `{}`, "POST", "/version/all-version", "", `{"pageNumber":1,"pageSize":20}`},
	{"version_add", `{"name":"v1.0","ownerId":5,"startDate":"2026-11-30","planDate":1767139200000,"description":"First cut"}`,
		"POST", "/version/add", "", `{"name":"v1.0","ownerId":5,"startDate":DUE,"planDate":1767139200000,"description":"First cut"}`},
	{"version_update", `{"id":4,"name":"v1.1","ownerId":6,"startDate":1764460800000,"planDate":"2026-11-30","description":"Second cut"}`,
		"PATCH", "/version/update", "", `{"id":4,"name":"v1.1","ownerId":6,"startDate":1764460800000,"planDate":DUE,"description":"Second cut"}`},
	{"version_remove", `{"id":4}`, "DELETE", "/version/remove", "", `{"id":4}`},
	{"version_release", `{"id":4,"releasedDate":"2026-11-30"}`, "PATCH", "/version/release", "", `{"id":4,"releasedDate":DUE}`},
	{"version_unrelease", `{"id":4}`, "PATCH", "/version/unrelease", "", `{"id":4}`},
	{"version_archive", `{"id":4}`, "PATCH", "/version/archive", "", `{"id":4}`},
	{"version_unarchive", `{"id":4}`, "PATCH", "/version/unarchive", "", `{"id":4}`},
	{"version_detail", `{"id":9007199254740993}`, "GET", "/version/detail", "id=9007199254740993", ""},
	{"version_associate_issue", `{"releaseId":4,"issueId":11}`, "PATCH", "/version/associate-issue", "", `{"releaseId":4,"issueId":11}`},
	{"version_disassociate_issue", `{"releaseId":4,"issueId":11}`, "PATCH", "/version/disassociate-issue", "", `{"releaseId":4,"issueId":11}`},
	{"version_page_associate", `{"releaseId":4,"projectId":1,"stateCategory":3,"assigneeId":5}`,
		"POST", "/version/page-associate", "", `{"releaseId":4,"projectId":1,"stateCategory":3,"assigneeId":5,"pageNumber":1,"pageSize":20}`},
}

func TestVersionInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"version_page_associate", `{"releaseId":4,"stateCategory":1}`, []string{`field "stateCategory": got 1; valid values: 2, 3, 4`}},
		{"version_page_associate", `{"projectId":1}`, []string{`missing required field "releaseId"`}},
		{"version_associate_issue", `{"releaseId":4}`, []string{`missing required field "issueId"`}},
		{"version_disassociate_issue", `{"issueId":11}`, []string{`missing required field "releaseId"`}},
		{"version_add", `{"ownerId":5}`, []string{`missing required field "name"`}},
		{"version_add", `{"name":"v1","planDate":"soon"}`, []string{`field "planDate"`}},
		{"version_all_version", `{"ownerIds":["bob"]}`, []string{`field "ownerIds[0]": expected integer, got string "bob"`}},
		{"version_all_version", `{"pageNumber":0}`, []string{`field "pageNumber"`}},
		{"version_remove", `{}`, []string{`missing required field "id"`}},
		{"version_release", `{"id":4,"releaseDate":1}`, []string{`unknown field "releaseDate"; valid fields: id, releasedDate`}},
	})
}

// TestVersionEffects pins the annotation of each version tool: releasing,
// archiving and (dis)associating issues change state in place and can be
// undone, so they are toolkit.Update, not toolkit.Delete.
func TestVersionEffects(t *testing.T) {
	assertEffects(t, "version", map[string]toolkit.Effect{
		"version_version_status_list": toolkit.Read, "version_optional_owner_list": toolkit.Read, "version_all_version": toolkit.Read,
		"version_add": toolkit.Create, "version_update": toolkit.Update, "version_remove": toolkit.Delete,
		"version_release": toolkit.Update, "version_unrelease": toolkit.Update, "version_archive": toolkit.Update, "version_unarchive": toolkit.Update,
		"version_detail": toolkit.Read, "version_associate_issue": toolkit.Update, "version_disassociate_issue": toolkit.Update,
		"version_page_associate": toolkit.Read,
	})
}
