package tools

import (
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// epicContract lists a contract case for every epic endpoint tool.
var epicContract = []contractCase{
	{"epic_filter_options", `{"projectId":1}`, "GET", "/epic/filter-options", "projectId=1", ""},
	{"epic_page", `{"projectId":1,"keyword":"login","owner":5,"status":7,"pageNumber":2,"pageSize":50}`,
		"POST", "/epic/page", "", `{"projectId":1,"keyword":"login","owner":5,"status":7,"pageNumber":2,"pageSize":50}`},
	{"epic_page", `{"projectId":1}`, "POST", "/epic/page", "", `{"projectId":1,"pageNumber":1,"pageSize":20}`},
	{"epic_page_issue", `{"projectId":1,"id":8}`, "POST", "/epic/page-issue", "", `{"projectId":1,"id":8,"pageNumber":1,"pageSize":20}`},
	{"epic_epic_fields", `{"projectId":1}`, "GET", "/epic/epic-fields", "projectId=1", ""},
	{"epic_epic_field_info", `{"projectId":1,"fieldCode":"priority"}`, "GET", "/epic/epic-field-info", "fieldCode=priority&projectId=1", ""},
	{"epic_add", `{"projectId":1,"data":{"summary":"Checkout v2","owner":5,"dueDate":"2026-11-30","customfield_3":["a"]}}`,
		"POST", "/epic/add", "", `{"projectId":1,"data":{"customfield_3":["a"],"dueDate":DUE,"owner":5,"summary":"Checkout v2"}}`},
	{"epic_update", `{"id":8,"data":{"status":12,"label":[4]}}`, "POST", "/epic/update", "", `{"id":8,"data":{"label":[4],"status":12}}`},
	{"epic_remove", `{"id":8}`, "POST", "/epic/remove", "", `{"id":8}`},
	{"epic_detail", `{"id":8}`, "GET", "/epic/detail", "id=8", ""},
	{"epic_relation_issue", `{"epicId":8,"issueIds":[11,9007199254740993]}`, "POST", "/epic/relation-issue", "", `{"epicId":8,"issueIds":[11,9007199254740993]}`},
}

func TestEpicInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"epic_add", `{"projectId":1}`, []string{`missing required field "data"`}},
		{"epic_add", `{"projectId":1,"data":{"title":"x"}}`, []string{`unknown field code "title" in data; valid codes: summary, customfield_3`}},
		{"epic_update", `{"data":{"summary":"x"}}`, []string{`missing required field "id"`}},
		{"epic_page", `{"projectId":1,"pageSize":500}`, []string{`field "pageSize"`}},
		{"epic_page_issue", `{"projectId":1}`, []string{`missing required field "id"`}},
		{"epic_epic_field_info", `{"projectId":1,"fieldCode":""}`, []string{`field "fieldCode"`}},
		{"epic_relation_issue", `{"epicId":8,"issueIds":[]}`, []string{`field "issueIds"`}},
		{"epic_relation_issue", `{"epicId":8,"issueIds":[0]}`, []string{`field "issueIds[0]"`}},
		{"epic_relation_issue", `{"epicId":8,"issueIds":{"id":11}}`, []string{`field "issueIds": expected array`}},
	})
}

func TestEpicEffects(t *testing.T) {
	assertEffects(t, "epic", map[string]toolkit.Effect{
		"epic_filter_options": toolkit.Read, "epic_page": toolkit.Read, "epic_page_issue": toolkit.Read, "epic_epic_fields": toolkit.Read,
		"epic_epic_field_info": toolkit.Read, "epic_add": toolkit.Create, "epic_update": toolkit.Update, "epic_remove": toolkit.Delete,
		"epic_detail": toolkit.Read, "epic_relation_issue": toolkit.Update,
	})
}

func TestEpicPageNote(t *testing.T) {
	f, d := newFake(t)
	f.replies["POST /epic/page"] = `{"code":"0","msg":"ok","data":{"total":45,"list":[{"id":1},{"id":2}]}}`
	res := call(t, d, "epic_page", `{"projectId":1,"pageNumber":2,"pageSize":2}`)
	if res.IsError {
		t.Fatal(text(res))
	}
	if want := "More: call again with pageNumber=3."; !strings.Contains(text(res), want) {
		t.Errorf("text = %q, want it to contain %q", text(res), want)
	}
}
