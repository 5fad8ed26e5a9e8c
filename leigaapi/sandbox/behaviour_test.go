package sandbox

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestErrorAnswers checks codes and messages of invalid calls.
func TestErrorAnswers(t *testing.T) {
	add := func(data map[string]any) map[string]any {
		return map[string]any{"projectId": 101, "issueTypeId": 1, "data": data}
	}
	tests := []struct {
		method, path string
		params       map[string]any
		raw          string // sent instead of params when set
		status       int
		code, msg    string
	}{
		{http.MethodPost, "/issue/add", map[string]any{"projectId": "101", "issueTypeId": 1, "data": map[string]any{}}, "", 200, "400", "projectId must be an integer"},
		{http.MethodPost, "/issue/add", map[string]any{"projectId": 101, "issueTypeId": 1.5, "data": map[string]any{}}, "", 200, "400", "issueTypeId must be an integer"},
		{http.MethodPost, "/issue/add", map[string]any{"projectId": 101, "issueTypeId": 1, "data": []int{}}, "", 200, "400", "data must be an object"},
		{http.MethodPost, "/issue/add", add(map[string]any{}), "", 200, "400", "data.summary is required"},
		{http.MethodPost, "/issue/add", add(map[string]any{"summary": "x", "bogus": 1}), "", 200, "400", "data.bogus: unknown field"},
		{http.MethodPost, "/issue/add", add(map[string]any{"summary": "x", "label": []int64{511}}), "", 200, "400", "data.label: 511"},
		{http.MethodPost, "/issue/add", add(map[string]any{"summary": "x", "assignee": 1006}), "", 200, "400", "data.assignee"},
		{http.MethodPost, "/issue/add", add(map[string]any{"summary": "x", "status": 21}), "", 200, "400", "data.status"},
		{http.MethodPost, "/issue/add", add(map[string]any{"summary": "x", "dueDate": "tomorrow"}), "", 200, "400", "data.dueDate"},
		{http.MethodPost, "/issue/add", map[string]any{"projectId": 101, "issueTypeId": 4, "data": map[string]any{"summary": "x"}}, "", 200, "404", "issue type 4 not found"},
		{http.MethodPost, "/issue/add", map[string]any{"projectId": 999, "issueTypeId": 1, "data": map[string]any{"summary": "x"}}, "", 200, "404", "project 999 not found"},
		{http.MethodPatch, "/issue/update", map[string]any{"id": 10003, "data": map[string]any{"status": nil}}, "", 200, "400", "data.status: cannot be cleared"},
		{http.MethodPatch, "/issue/update", nil, `{"id":`, 200, "400", "malformed JSON body"},
		{http.MethodPatch, "/issue/update", nil, `[1]`, 200, "400", "JSON object"},
		{http.MethodGet, "/issue/get", map[string]any{"id": "abc"}, "", 200, "400", "id must be an integer"},
		{http.MethodGet, "/issue/get", map[string]any{"id": 10037}, "", 200, "404", "issue 10037 not found"},
		{http.MethodGet, "/issue/get-by-issue-number", map[string]any{"issueNumber": "MOBILE"}, "", 200, "400", "issueNumber must look like KEY-123"},
		{http.MethodGet, "/issue/get-by-issue-number", map[string]any{"issueNumber": "MOBILE-99"}, "", 200, "404", "issue MOBILE-99 not found"},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "orderBy": "priority"}, "", 200, "400", "orderBy"},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "sort": "UP"}, "", 200, "400", "sort must be ASC or DESC"},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "statusTypes": []int{5}}, "", 200, "400", "statusTypes"},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "pageSize": 0}, "", 200, "400", "pageSize"},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "selectFields": map[string]any{"color": []int{1}}}, "", 200, "400", `unknown fieldCode "color"`},
		{http.MethodPost, "/issue/page", map[string]any{"projectId": 101, "dateFields": map[string]any{"dueDate": []int{1}}}, "", 200, "400", "dateFields.dueDate"},
		{http.MethodPost, "/issue/v2/page", map[string]any{"projectId": 101, "selectFilter": []map[string]any{{"fieldCode": "status", "operator": "like"}}}, "", 200, "400", "operator"},
		{http.MethodPost, "/issue/v2/page", map[string]any{"projectId": 101, "numberFilter": []map[string]any{{"fieldCode": "estimatePoint"}}}, "", 200, "400", "numberFilter.value is required"},
		{http.MethodPost, "/issue/add-relationship", map[string]any{"issueId": 10001, "linkedIssueId": 10002, "type": "LIKES"}, "", 200, "400", "type must be one of"},
		{http.MethodPost, "/issue/add-relationship", map[string]any{"issueId": 10001, "linkedIssueId": 10001, "type": "BLOCKS"}, "", 200, "400", "itself"},
		{http.MethodPost, "/issue/trash/restore", map[string]any{"id": 10001}, "", 200, "404", "trashed issue 10001 not found"},
		{http.MethodPatch, "/version/release", map[string]any{"id": 601, "releasedDate": 1764460800000}, "", 200, "409", "it is released"},
		{http.MethodPatch, "/version/unarchive", map[string]any{"id": 602}, "", 200, "409", "it is unreleased"},
		{http.MethodPatch, "/version/associate-issue", map[string]any{"releaseId": 603, "issueId": 10001}, "", 200, "409", "archived"},
		{http.MethodPost, "/version/add", map[string]any{"name": "v1.0", "ownerId": 1001}, "", 200, "409", "already exists"},
		{http.MethodPost, "/tag/add", map[string]any{"projectId": 101, "tagName": "Bug"}, "", 200, "409", "already exists"},
		{http.MethodPost, "/sprint/add", map[string]any{"projectId": 101, "name": "Sprint 14", "startDate": 10, "endDate": 5}, "", 200, "400", "endDate"},
		{http.MethodPost, "/org/disable-org-user", map[string]any{"userId": 1001}, "", 200, "400", "API user"},
		{http.MethodDelete, "/org/remove-org-user", map[string]any{"userId": 1002}, "", 200, "409", "leads project MOBILE"},
		{http.MethodPost, "/user/add-members", map[string]any{"projectId": 101, "userIds": []int{1007}}, "", 200, "409", "disabled"},
		{http.MethodPost, "/webhook/add", map[string]any{"projectId": 101, "name": "x", "url": "ftp://x", "type": "leiga"}, "", 200, "400", "url"},
		{http.MethodPost, "/issue/labour-record/add", map[string]any{"issueId": 10003, "labour": 0, "recordTime": 1, "remarks": "x"}, "", 200, "400", "labour"},
		{http.MethodPatch, "/comment/update-sticker-status", map[string]any{"linkId": 7001, "stickerCode": "liga-OK", "deleteFlag": 2, "issueId": 10003}, "", 200, "400", "deleteFlag"},
		{http.MethodPatch, "/comment/update-sticker-status", map[string]any{"linkId": 7001, "stickerCode": "liga-OK", "deleteFlag": 0, "issueId": 10016}, "", 200, "400", "does not belong"},
		{http.MethodPost, "/comment/add", map[string]any{"commentModule": "sprint", "linkId": 202, "content": "x"}, "", 200, "400", "commentModule"},
		{http.MethodPost, "/msg/list", map[string]any{"category": []string{"spam"}}, "", 200, "400", "category"},
		{http.MethodPost, "/file/download", map[string]any{"fileKey": "nope"}, "", 200, "404", "file nope not found"},
		{http.MethodPost, "/workflow/list/next-state", map[string]any{"defId": 401, "stateId": 21}, "", 200, "404", "state 21 not found"},
		{http.MethodPost, "/issue/batch-add-subtask", map[string]any{"issueId": 10011, "datas": []map[string]any{{"summary": "x"}}}, "", 200, "400", "subtasks cannot have subtasks"},
		{http.MethodPost, "/issue/batch-add-subtask", map[string]any{"issueId": 10003, "datas": []map[string]any{{"summary": "x"}, {}}}, "", 200, "400", "datas[1]: data.summary is required"},
		{http.MethodGet, "/nothing/here", nil, "", 404, "404", "no endpoint /nothing/here"},
		{http.MethodPut, "/openapi/api/issue/add", nil, "", 405, "405", "method PUT not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.path+" "+tt.msg, func(t *testing.T) {
			tc := newTester(t, Options{})
			req := request(tt.method, tt.path, tt.params)
			if tt.raw != "" {
				req = httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.raw))
			}
			r := tc.serve(req)
			if r.Status != tt.status || r.Code != tt.code || !strings.Contains(r.Msg, tt.msg) {
				t.Fatalf("HTTP %d code %q msg %q; want HTTP %d code %q msg containing %q", r.Status, r.Code, r.Msg, tt.status, tt.code, tt.msg)
			}
		})
	}
}

// TestIssueQueries checks the list filters and sorting against the demo.
func TestIssueQueries(t *testing.T) {
	v1, v2, finished := "/issue/page", "/issue/v2/page", "/issue/page-finished"
	tests := []struct {
		name   string
		path   string
		params map[string]any
		want   []string
	}{
		{"summary substring", v1, map[string]any{"projectId": 101, "summary": "LOGIN"}, []string{"MOBILE-13", "MOBILE-10"}},
		{"summary is an issue number", v1, map[string]any{"projectId": 102, "summary": "web-5"}, []string{"WEB-5"}},
		{"v1 ignores subtasks", v1, map[string]any{"projectId": 101, "selectFields": map[string]any{"assignee": []int{1004}}}, []string{"MOBILE-4"}},
		{"v2 matches through subtasks", v2, map[string]any{"projectId": 101, "selectFilter": []map[string]any{{"fieldCode": "assignee", "ids": []int{1004}}}}, []string{"MOBILE-4", "MOBILE-3"}},
		{"done category", v1, map[string]any{"projectId": 102, "statusTypes": []int{4}}, []string{"WEB-12", "WEB-6", "WEB-3"}},
		{"oldest first", v1, map[string]any{"projectId": 103, "orderBy": "createTime", "sort": "asc", "pageSize": 3}, []string{"OPS-4", "OPS-9", "OPS-1"}},
		{"recently updated", v1, map[string]any{"projectId": 103, "orderBy": "updateTime", "pageSize": 2}, []string{"OPS-2", "OPS-6"}},
		{"due from now on", v1, map[string]any{"projectId": 103, "dateFields": map[string]any{"dueDate": []any{ts(0, 0), nil}}}, []string{"OPS-8", "OPS-6"}},
		{"label", v1, map[string]any{"projectId": 101, "selectFields": map[string]any{"label": []int{504}}}, []string{"MOBILE-5", "MOBILE-1"}},
		{"custom field", v1, map[string]any{"projectId": 102, "selectFields": map[string]any{severityField: []int{9101}}}, []string{"WEB-12"}},
		{"issue type", v1, map[string]any{"projectId": 103, "selectFields": map[string]any{"issueType": []int{3}}}, []string{"OPS-6", "OPS-3"}},
		{"points in range", v2, map[string]any{"projectId": 101, "numberFilter": []map[string]any{{"fieldCode": "estimatePoint", "operator": "inRange", "range": map[string]any{"min": 5, "max": 8}}}}, []string{"MOBILE-9", "MOBILE-6", "MOBILE-3", "MOBILE-1"}},
		{"no sprint", v2, map[string]any{"projectId": 103, "selectFilter": []map[string]any{{"fieldCode": "sprint", "operator": "blank"}}}, []string{"OPS-8", "OPS-9", "OPS-4"}},
		{"not in sprint 221", v2, map[string]any{"projectId": 103, "selectFilter": []map[string]any{{"fieldCode": "sprint", "ids": []int{221}, "operator": "notContains"}}}, []string{"OPS-8", "OPS-7", "OPS-9", "OPS-4"}},
		{"finished in OPS", finished, map[string]any{"projectIds": []int{103}}, []string{"OPS-1", "OPS-4"}},
		{"finished by Carol", finished, map[string]any{"assigneeIds": []int{1003}, "after": ts(-4, 0)}, []string{"WEB-10"}},
	}
	tc := newTester(t, Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p page[issueView]
			tc.ok(http.MethodPost, tt.path, tt.params, &p)
			var got []string
			for _, is := range p.List {
				got = append(got, is.IssueNumber)
			}
			if !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCrossModuleEffects checks that writes in one module show in others.
func TestCrossModuleEffects(t *testing.T) {
	tc := newTester(t, Options{})
	get := func(id int64) issueView {
		var v issueView
		tc.ok(http.MethodGet, "/issue/get", map[string]any{"id": id}, &v)
		return v
	}
	tc.ok(http.MethodPost, "/sprint/remove", map[string]any{"sprintId": 202}, nil)
	tc.ok(http.MethodDelete, "/tag/remove", map[string]any{"id": 501}, nil)
	tc.ok(http.MethodPost, "/epic/remove", map[string]any{"id": 301}, nil)
	tc.ok(http.MethodDelete, "/version/remove", map[string]any{"id": 601}, nil)
	if v := get(10003); v.SprintID != nil || v.EpicID != nil {
		t.Fatalf("MOBILE-3 keeps a removed sprint or epic: %+v", v)
	}
	if v := get(10002); len(v.Tags) != 1 || v.ReleaseVersionID != nil {
		t.Fatalf("MOBILE-2 keeps a removed tag or version: %+v", v)
	}

	tc.ok(http.MethodPatch, "/issue/update", map[string]any{"id": 10007, "data": map[string]any{"epic": 302}}, nil)
	var epics page[epicRow]
	tc.ok(http.MethodPost, "/epic/page", map[string]any{"projectId": 101}, &epics)
	if len(epics.List) != 1 || epics.List[0].IssueCount != 3 {
		t.Fatalf("epic 302 after adding MOBILE-7: %+v", epics.List)
	}

	tc.ok(http.MethodPost, "/org/disable-org-user", map[string]any{"userId": 1004}, nil)
	tc.fails(codeBadRequest, http.MethodPatch, "/issue/update", map[string]any{"id": 10007, "data": map[string]any{"assignee": 1004}})
	tc.ok(http.MethodPost, "/org/enable-org-user", map[string]any{"userId": 1004}, nil)
	tc.ok(http.MethodPatch, "/issue/update", map[string]any{"id": 10007, "data": map[string]any{"assignee": 1004}}, nil)

	tc.ok(http.MethodPost, "/issue/add-relationship", map[string]any{"issueId": 10001, "linkedIssueId": 10002, "type": "BLOCKS"}, nil)
	var rels []relationRow
	tc.ok(http.MethodGet, "/issue/relationship-list", map[string]any{"id": 10002}, &rels)
	if len(rels) != 1 || rels[0].Type != "IS_BLOCKS_BY" || rels[0].IssueNumber != "MOBILE-1" {
		t.Fatalf("inverse relation: %+v", rels)
	}
	tc.ok(http.MethodPost, "/issue/remove-relationship", map[string]any{"issueId": 10002, "linkedIssueId": 10001, "type": "IS_BLOCKS_BY"}, nil)
	tc.ok(http.MethodGet, "/issue/relationship-list", map[string]any{"id": 10001}, &rels)
	if len(rels) != 0 {
		t.Fatalf("relation left after removal: %+v", rels)
	}

	tc.ok(http.MethodPost, "/issue/labour-record/add", map[string]any{"issueId": 10004, "labour": 2.5, "recordTime": ts(0, 12), "remarks": "Review"}, nil)
	var row issueRow
	tc.ok(http.MethodGet, "/issue/get", map[string]any{"id": 10004}, &row)
	if row.ActualLabour != 2.5 {
		t.Fatalf("actualLabour %v", row.ActualLabour)
	}

	tc.ok(http.MethodPost, "/comment/add", map[string]any{"commentModule": "issue", "linkId": 10004, "content": "<p>@Alice Chen please review</p>",
		"commentAttributes": map[string]any{"commentAtInfos": []map[string]any{{"userId": 1001, "userName": "Alice Chen"}}}}, nil)
	var msgs page[messageRow]
	tc.ok(http.MethodPost, "/msg/list", map[string]any{"read": false, "category": []string{"comment"}}, &msgs)
	if msgs.Total != 2 || msgs.List[0].Action != "at" || msgs.List[0].Content != "@Alice Chen please review" {
		t.Fatalf("mention message: %+v", msgs)
	}
}

// TestSubtasksAndTrash covers subtask writes and trash cascades.
func TestSubtasksAndTrash(t *testing.T) {
	tc := newTester(t, Options{})
	var added subtaskAdded
	tc.ok(http.MethodPost, "/issue/batch-add-subtask", map[string]any{"issueId": 10015, "datas": []map[string]any{{"summary": "Payment step", "assignee": 1003, "estimateLabour": 5}}}, &added)
	if len(added.IssueAddVOList) != 1 || added.IssueAddVOList[0].IssueNumber != "WEB-14" {
		t.Fatalf("added %+v", added)
	}
	sub := added.IssueAddVOList[0].ID
	tc.ok(http.MethodPatch, "/issue/update-subtask-status", map[string]any{"id": sub, "projectId": 102, "done": true}, nil)
	var subs []subtaskRow
	tc.ok(http.MethodPost, "/issue/list-subtask", map[string]any{"id": 10015}, &subs)
	if len(subs) != 3 || !subs[2].Done || subs[2].StatusName != "Done" || *subs[2].RemainingLabour != 5 {
		t.Fatalf("subtasks %+v", subs)
	}
	tc.fails(codeNotFound, http.MethodPatch, "/issue/update-subtask-status", map[string]any{"id": sub, "projectId": 101, "done": false})

	tc.ok(http.MethodDelete, "/issue/remove", map[string]any{"id": 10015}, nil)
	tc.fails(codeNotFound, http.MethodGet, "/issue/get", map[string]any{"id": 10024})
	tc.fails(codeConflict, http.MethodPost, "/issue/trash/restore", map[string]any{"id": 10024})
	var trash page[trashRow]
	tc.ok(http.MethodPost, "/issue/trash/page", map[string]any{"summary": "order"}, &trash)
	if trash.Total != 1 || trash.List[0].IssueNumber != "WEB-11" {
		t.Fatalf("trash search: %+v", trash)
	}
	tc.ok(http.MethodPost, "/issue/trash/restore", map[string]any{"id": 10015}, nil)
	tc.ok(http.MethodPost, "/issue/list-subtask", map[string]any{"id": 10015}, &subs)
	if len(subs) != 3 {
		t.Fatalf("subtasks after restore: %d", len(subs))
	}

	tc.ok(http.MethodDelete, "/issue/remove", map[string]any{"id": 10014}, nil)
	var again createdIssue
	tc.ok(http.MethodPost, "/issue/add", map[string]any{"projectId": 101, "issueTypeId": 2, "data": map[string]any{"summary": "Next"}}, &again)
	if again.IssueNumber != "MOBILE-16" {
		t.Fatalf("issue number %s reused or skipped", again.IssueNumber)
	}
}

// TestNewProject creates a project and uses it end to end.
func TestNewProject(t *testing.T) {
	tc := newTester(t, Options{})
	var p created
	tc.ok(http.MethodPost, "/project/add", map[string]any{"projectName": "Data Platform", "templateCode": "KANBAN", "leaderId": 1004}, &p)
	var view projectView
	tc.ok(http.MethodGet, "/project/get-by-project-key", map[string]any{"projectKey": "dp"}, &view)
	if view.ID != p.ID || view.ProjectKey != "DP" || view.Leader != "David Okafor" || view.MemberCount != 2 {
		t.Fatalf("project %+v", view)
	}
	var flows []workflowView
	tc.ok(http.MethodPost, "/workflow/list", map[string]any{"projectId": p.ID}, &flows)
	var next []stateView
	tc.ok(http.MethodPost, "/workflow/list/next-state", map[string]any{"defId": flows[0].ID, "stateId": flows[0].States[0].StateID}, &next)
	if len(next) != 1 || next[0].StateName != "In Progress" {
		t.Fatalf("next states %+v", next)
	}
	var is createdIssue
	tc.ok(http.MethodPost, "/issue/add", map[string]any{"projectId": p.ID, "issueTypeId": 1, "data": map[string]any{"summary": "Nightly export", "assignee": 1004}}, &is)
	if is.IssueNumber != "DP-1" {
		t.Fatalf("first issue %s", is.IssueNumber)
	}
	tc.ok(http.MethodPost, "/project/add", map[string]any{"projectName": "Design Partners", "templateCode": "SCRUM", "leaderId": 1005}, nil)
	tc.ok(http.MethodGet, "/project/get-by-project-key", map[string]any{"projectKey": "DP2"}, &view)
	tc.fails(codeConflict, http.MethodPost, "/project/add", map[string]any{"projectName": "data platform", "templateCode": "SCRUM", "leaderId": 1004})
	tc.ok(http.MethodPatch, "/project/update", map[string]any{"id": p.ID, "data": map[string]any{"projectName": "Data Lake", "projectCategory": 2}}, nil)
	var list []projectRow
	tc.ok(http.MethodGet, "/project/list", nil, &list)
	if len(list) != 5 || list[3].PName != "Data Lake" {
		t.Fatalf("project list %+v", list)
	}
}

// TestPaging checks page cutting and totals.
func TestPaging(t *testing.T) {
	tc := newTester(t, Options{})
	for _, tt := range []struct{ number, size, want int }{{1, 10, 7}, {3, 3, 1}, {4, 3, 0}, {1000000000000, 1000, 0}} {
		var p page[memberRow]
		tc.ok(http.MethodGet, "/org/all-member-list", map[string]any{"pageNumber": tt.number, "pageSize": tt.size}, &p)
		if p.Total != 7 || len(p.List) != tt.want {
			t.Errorf("page %d size %d: total %d, %d rows, want %d", tt.number, tt.size, p.Total, len(p.List), tt.want)
		}
	}
}
