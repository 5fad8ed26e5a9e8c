package tools

import (
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// issueContract lists a contract case for every issue endpoint tool.
var issueContract = []contractCase{
	{"issue_type_list", `{"projectId":1}`, "GET", "/issue/type-list", "projectId=1", ""},
	{"issue_issue_scheme", `{"projectId":1,"issueTypeId":2}`, "GET", "/issue/issue-scheme", "issueTypeId=2&projectId=1", ""},
	{"issue_issue_fields", `{"projectId":1,"issueTypeId":2}`, "GET", "/issue/issue-fields", "issueTypeId=2&projectId=1", ""},
	{"issue_issue_field_info", `{"projectId":1,"issueTypeId":2,"fieldCode":"customfield_3"}`, "GET", "/issue/issue-field-info", "fieldCode=customfield_3&issueTypeId=2&projectId=1", ""},
	{"issue_batch_add", `{"projectId":1,"issueTypeId":2,"datas":[{"summary":"A","assignee":7,"startDate":"2026-11-30"},{"summary":"B","follows":[8,9],"estimatePoint":2.5}]}`,
		"POST", "/issue/batch-add", "", `{"projectId":1,"issueTypeId":2,"datas":[{"summary":"A","assignee":7,"startDate":DUE},{"summary":"B","follows":[8,9],"estimatePoint":2.5}]}`},
	{"issue_add", `{"projectId":1,"issueTypeId":2,"data":{"summary":"Crash on login","priority":3,"label":[4,5],"dueDate":"2026-11-30","customfield_7":"x"}}`,
		"POST", "/issue/add", "", `{"projectId":1,"issueTypeId":2,"data":{"customfield_7":"x","dueDate":DUE,"label":[4,5],"priority":3,"summary":"Crash on login"}}`},
	{"issue_batch_update", `{"projectId":1,"issueTypeId":2,"issueIds":[10,11],"data":{"sprint":5,"releaseVersion":6}}`,
		"PATCH", "/issue/batch-update", "", `{"projectId":1,"issueTypeId":2,"issueIds":[10,11],"data":{"sprint":5,"releaseVersion":6}}`},
	{"issue_update", `{"id":10,"data":{"status":4,"description":"<p>x</p>","owner":3,"epic":12}}`,
		"PATCH", "/issue/update", "", `{"id":10,"data":{"status":4,"description":"<p>x</p>","owner":3,"epic":12}}`},
	{"issue_v2_get", `{"id":10}`, "GET", "/issue/v2/get", "id=10", ""},
	{"issue_get", `{"id":9007199254740993}`, "GET", "/issue/get", "id=9007199254740993", ""},
	{"issue_get_by_issue_number", `{"issueNumber":"ABC-123"}`, "GET", "/issue/get-by-issue-number", "issueNumber=ABC-123", ""},
	{"issue_remove", `{"id":10}`, "DELETE", "/issue/remove", "", `{"id":10}`},
	{"issue_batch_remove", `{"projectId":1,"issueIds":[10,11]}`, "DELETE", "/issue/batch-remove", "", `{"projectId":1,"issueIds":[10,11]}`},
	{"issue_page", `{"projectId":1,"summary":"login","selectFields":{"priority":[3,4]},"dateFields":{"dueDate":["2026-11-30",1800000000000]},"showedCustomFieldCodes":["customfield_7"],"statusTypes":[2,3],"orderBy":"updateTime","sort":"ASC","pageNumber":2,"pageSize":50}`,
		"POST", "/issue/page", "", `{"projectId":1,"summary":"login","selectFields":{"priority":[3,4]},"dateFields":{"dueDate":[DUE,1800000000000]},"showedCustomFieldCodes":["customfield_7"],"statusTypes":[2,3],"orderBy":"updateTime","sort":"ASC","pageNumber":2,"pageSize":50}`},
	{"issue_page", `{"projectId":1}`, "POST", "/issue/page", "", `{"projectId":1,"pageNumber":1,"pageSize":20}`},
	{"issue_v2_page", `{"projectId":1,"summary":"x","showedCustomFieldCodes":["customfield_1"],"orderBy":"createTime","sort":"DESC","statusTypes":[4],` +
		`"selectFilter":[{"fieldCode":"customfield_1","ids":[5,6],"operator":"notContains"}],` +
		`"numberFilter":[{"fieldCode":"estimatePoint","value":0,"operator":"greaterThan"},{"fieldCode":"customfield_2","range":{"min":1.5,"max":8},"operator":"inRange"}]}`,
		"POST", "/issue/v2/page", "", `{"projectId":1,"summary":"x","showedCustomFieldCodes":["customfield_1"],"orderBy":"createTime","sort":"DESC","statusTypes":[4],` +
			`"selectFilter":[{"fieldCode":"customfield_1","ids":[5,6],"operator":"notContains"}],` +
			`"numberFilter":[{"fieldCode":"estimatePoint","value":0,"operator":"greaterThan"},{"fieldCode":"customfield_2","range":{"min":1.5,"max":8},"operator":"inRange"}],"pageNumber":1,"pageSize":20}`},
	{"issue_filter_condition_field", `{"projectId":1}`, "POST", "/issue/filter-condition-field", "", `{"projectId":1}`},
	{"issue_select_options", `{"projectId":1,"customFiledIds":[21,22]}`, "POST", "/issue/select-options", "", `{"projectId":1,"customFiledIds":[21,22]}`},
	{"issue_relationship_list", `{"id":10}`, "GET", "/issue/relationship-list", "id=10", ""},
	{"issue_add_relationship", `{"issueId":10,"linkedIssueId":11,"type":"BLOCKS"}`, "POST", "/issue/add-relationship", "", `{"issueId":10,"linkedIssueId":11,"type":"BLOCKS"}`},
	{"issue_remove_relationship", `{"issueId":10,"linkedIssueId":11,"type":"IS_DUPLICATES_BY"}`, "POST", "/issue/remove-relationship", "", `{"issueId":10,"linkedIssueId":11,"type":"IS_DUPLICATES_BY"}`},
	{"issue_batch_add_subtask", `{"issueId":10,"datas":[{"summary":"Write tests","assignee":7,"dueDate":"2026-11-30"}]}`,
		"POST", "/issue/batch-add-subtask", "", `{"issueId":10,"datas":[{"summary":"Write tests","assignee":7,"dueDate":DUE}]}`},
	{"issue_remove_subtask", `{"issueId":10,"subTaskId":30}`, "DELETE", "/issue/remove-subtask", "", `{"issueId":10,"subTaskId":30}`},
	{"issue_update_subtask", `{"id":30,"data":{"summary":"Renamed","customfield_9":[1,2]}}`, "PATCH", "/issue/update-subtask", "", `{"id":30,"data":{"summary":"Renamed","customfield_9":[1,2]}}`},
	{"issue_list_subtask", `{"id":10}`, "POST", "/issue/list-subtask", "", `{"id":10}`},
	{"issue_update_subtask_status", `{"id":30,"projectId":1,"done":false}`, "PATCH", "/issue/update-subtask-status", "", `{"id":30,"projectId":1,"done":false}`},
	{"issue_list_subtask_field", `{"projectId":1,"issueTypeId":2}`, "POST", "/issue/list-subtask-field", "", `{"projectId":1,"issueTypeId":2}`},
	{"issue_labour_record_add", `{"issueId":10,"labour":1.5,"recordTime":"2026-11-30","remarks":"Pairing"}`,
		"POST", "/issue/labour-record/add", "", `{"issueId":10,"labour":1.5,"recordTime":DUE,"remarks":"Pairing"}`},
	{"issue_labour_record_update", `{"id":40,"labour":2,"recordTime":1800000000000,"remarks":"More"}`,
		"PATCH", "/issue/labour-record/update", "", `{"id":40,"labour":2,"recordTime":1800000000000,"remarks":"More"}`},
	{"issue_labour_record_delete", `{"id":40}`, "DELETE", "/issue/labour-record/delete", "", `{"id":40}`},
	{"issue_labour_record_page", `{"projectId":1,"issueId":10,"startDate":"2026-11-30","endDate":1800000000000,"createBy":7}`,
		"POST", "/issue/labour-record/page", "", `{"projectId":1,"issueId":10,"startDate":DUE,"endDate":1800000000000,"createBy":7}`},
	// No source documents paging for these two lists: none is sent.
	{"issue_labour_record_page", `{"projectId":1}`, "POST", "/issue/labour-record/page", "", `{"projectId":1}`},
	{"issue_trash_select_options", `{}`, "POST", "/issue/trash-select-options", "", `{}`},
	{"issue_trash_page", `{"projectIds":[1,2],"summary":"old","deleteBys":[7],"startDeleteTime":"2026-11-30","endDeleteTime":1800000000000,"deleteTimeOrderBy":"ASC"}`,
		"POST", "/issue/trash/page", "", `{"projectIds":[1,2],"summary":"old","deleteBys":[7],"startDeleteTime":DUE,"endDeleteTime":1800000000000,"deleteTimeOrderBy":"ASC"}`},
	{"issue_trash_page", `{}`, "POST", "/issue/trash/page", "", `{}`},
	{"issue_trash_page", `{"fields":["summary"]}`, "POST", "/issue/trash/page", "", `{}`},
	{"issue_trash_restore", `{"id":10}`, "POST", "/issue/trash/restore", "", `{"id":10}`},
	{"issue_page_finished", `{"projectIds":[1],"sprintIds":[5],"assigneeIds":[7,8],"after":"2026-11-30","before":1800000000000,"pageNumber":2,"pageSize":30}`,
		"POST", "/issue/page-finished", "", `{"projectIds":[1],"sprintIds":[5],"assigneeIds":[7,8],"after":DUE,"before":1800000000000,"pageNumber":2,"pageSize":30}`},
	{"issue_page_finished", `{}`, "POST", "/issue/page-finished", "", `{"pageNumber":1,"pageSize":20}`},
}

// TestIssueInvalidArguments checks that bad issue arguments name the field
// (and the valid values, for enums) and send nothing.
func TestIssueInvalidArguments(t *testing.T) {
	assertRefused(t, []refusal{
		{"issue_page", `{"projectId":1,"statusTypes":[1]}`, []string{`field "statusTypes[0]": got 1; valid values: 2, 3, 4`}},
		{"issue_page", `{"projectId":1,"sort":"up"}`, []string{`field "sort": got "up"; valid values: "ASC", "DESC"`}},
		{"issue_page", `{"projectId":1,"orderBy":"name"}`, []string{`field "orderBy"`, `"createTime", "updateTime"`}},
		{"issue_page", `{"projectId":1,"pageSize":101}`, []string{`field "pageSize"`}},
		{"issue_page", `{"projectId":1,"dateFields":{"dueDate":["soon"]}}`, []string{`field "dateFields.dueDate[0]"`}},
		{"issue_page", `{"summary":"x"}`, []string{`missing required field "projectId"`}},
		{"issue_v2_page", `{"projectId":1,"selectFilter":[{"fieldCode":"customfield_1","operator":"between"}]}`,
			[]string{`field "selectFilter[0].operator": got "between"; valid values: "contains", "notContains", "blank", "notBlank"`}},
		{"issue_v2_page", `{"projectId":1,"numberFilter":[{"value":3}]}`, []string{`missing required field "numberFilter[0].fieldCode"`}},
		{"issue_v2_page", `{"projectId":1,"numberFilter":[{"fieldCode":"x","operator":"atLeast"}]}`, []string{`field "numberFilter[0].operator"`, `"inRange"`}},
		{"issue_add_relationship", `{"issueId":1,"linkedIssueId":2,"type":"FOLLOWS"}`, []string{`field "type": got "FOLLOWS"; valid values: "RELATES_TO", "PARENT", "CHILD", "BLOCKS"`, `"IS_DUPLICATES_BY"`}},
		{"issue_remove_relationship", `{"issueId":1,"linkedIssueId":2}`, []string{`missing required field "type"`}},
		{"issue_trash_page", `{"deleteTimeOrderBy":"asc"}`, []string{`field "deleteTimeOrderBy": got "asc"; valid values: "ASC", "DESC"`}},
		{"issue_update_subtask_status", `{"id":30,"projectId":1}`, []string{`missing required field "done"`}},
		{"issue_labour_record_add", `{"issueId":10,"labour":1,"recordTime":"2026-11-30"}`, []string{`missing required field "remarks"`}},
		{"issue_labour_record_add", `{"issueId":10,"labour":0,"recordTime":"2026-11-30","remarks":"x"}`, []string{`field "labour"`}},
		{"issue_labour_record_add", `{"issueId":10,"labour":1,"recordTime":"some day","remarks":"x"}`, []string{`field "recordTime"`}},
		{"issue_batch_add", `{"projectId":1,"issueTypeId":2,"datas":[]}`, []string{`field "datas"`}},
		{"issue_batch_add", `{"projectId":1,"issueTypeId":2,"datas":[{"titel":"x"}]}`, []string{`invalid arguments for issue_batch_add: unknown field code "titel" in datas[0]; valid codes: summary`}},
		{"issue_batch_update", `{"projectId":1,"issueTypeId":2,"issueIds":[0],"data":{"sprint":5}}`, []string{`field "issueIds[0]"`}},
		{"issue_batch_remove", `{"projectId":1}`, []string{`missing required field "issueIds"`}},
		{"issue_select_options", `{"projectId":1,"customFieldIds":[1]}`, []string{`missing required field "customFiledIds"`, `unknown field "customFieldIds"`}},
		{"issue_issue_field_info", `{"projectId":1,"issueTypeId":2,"fieldCode":""}`, []string{`field "fieldCode"`}},
		{"issue_remove", `{}`, []string{`missing required field "id"`}},
		{"issue_trash_select_options", `{"projectId":1}`, []string{`unknown field "projectId"`}},
	})
}

// TestIssueEffects pins the annotations of the issue writes a client must
// treat with care.
func TestIssueEffects(t *testing.T) {
	assertEffects(t, "issue", map[string]toolkit.Effect{
		"issue_remove": toolkit.Delete, "issue_batch_remove": toolkit.Delete, "issue_remove_relationship": toolkit.Delete,
		"issue_remove_subtask": toolkit.Delete, "issue_labour_record_delete": toolkit.Delete,
		"issue_trash_restore": toolkit.Update, "issue_update_subtask_status": toolkit.Update, "issue_batch_update": toolkit.Update,
		"issue_add_relationship": toolkit.Create, "issue_batch_add_subtask": toolkit.Create, "issue_labour_record_add": toolkit.Create,
		"issue_page": toolkit.Read, "issue_v2_page": toolkit.Read, "issue_trash_page": toolkit.Read, "issue_page_finished": toolkit.Read,
	})
}
