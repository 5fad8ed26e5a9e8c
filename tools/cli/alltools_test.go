package cli

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// endpointCall is a valid call of one endpoint tool against the demo data,
// and what its result must contain.
type endpointCall struct {
	name string
	args map[string]any
	// want are substrings of the compact JSON of structuredContent (for
	// file_download, which answers the file itself, of its text content).
	want []string
}

// uploadedNotes is the file file_upload sends in the endpoint table.
const uploadedNotes = "release notes for v1.1\n"

// endpointCalls has one row per endpoint tool. The arguments are the
// sandbox catalog's valid requests (leigaapi/sandbox catalog_test.go
// validParams) with the tools' own argument shapes: dates as "YYYY-MM-DD"
// or epoch milliseconds, file_upload as {fileName, contentBase64}. The rows
// run in order on one sandbox (one server costs a registry build, too slow
// to repeat 105 times under -race): reads first, on the seeded demo data,
// then writes ordered so that no row removes what a later one needs.
var endpointCalls = []endpointCall{
	// Reads, on the demo data as seeded.
	{"org_all_member_list", map[string]any{"key": "acme", "pageNumber": 1, "pageSize": 10}, []string{`"total":7`, `"alice.chen@acme.example"`}},
	{"user_project_user_list", map[string]any{"projectId": 101, "keyword": "a"}, []string{"Alice Chen"}},
	{"user_project_user_page", map[string]any{"projectId": 101, "pageNumber": 1, "pageSize": 2}, []string{`"total":5`}},
	{"project_project_template", map[string]any{}, []string{"SCRUM", "KANBAN"}},
	{"project_list", map[string]any{}, []string{`"pkey":"MOBILE"`, `"pkey":"WEB"`, `"pkey":"OPS"`}},
	{"project_project_overview_scheme", map[string]any{"projectId": 101}, []string{`"fieldCode":"projectName"`, `"fieldCode":"leader"`}},
	{"project_get_by_project_key", map[string]any{"projectKey": "MOBILE"}, []string{"Mobile App"}},
	{"project_get", map[string]any{"projectId": 101}, []string{"Mobile App"}},
	{"project_role_type", map[string]any{}, []string{`"roleName":"Project Admin"`, `"roleCode":"viewer"`}},
	{"issue_type_list", map[string]any{"projectId": 101}, []string{"Story", "Bug", "Task"}},
	{"issue_issue_scheme", map[string]any{"projectId": 101, "issueTypeId": 1}, []string{`"fieldCode":"summary"`, `"name":"In Review"`}},
	{"issue_issue_fields", map[string]any{"projectId": 101, "issueTypeId": 1}, []string{`"fieldCode":"summary"`, `"fieldCode":"status"`}},
	{"issue_issue_field_info", map[string]any{"projectId": 101, "issueTypeId": 1, "fieldCode": "status"}, []string{"In Progress"}},
	{"issue_v2_get", map[string]any{"id": 10003}, []string{"MOBILE-3"}},
	{"issue_get", map[string]any{"id": 10003}, []string{"Cache the last 50 messages for offline reading"}},
	{"issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-3"}, []string{`"issueNumber":"MOBILE-3"`, `"id":10003`}},
	{"issue_page", map[string]any{
		"projectId": 101, "summary": "cache", "statusTypes": []int64{2, 3}, "selectFields": map[string]any{"priority": []int64{2}},
		"dateFields": map[string]any{"createTime": []any{"2026-01-01", int64(1830297600000)}}, "orderBy": "updateTime", "sort": "ASC",
		"pageNumber": 1, "pageSize": 5, "showedCustomFieldCodes": []string{"customfield_15"},
	}, []string{"MOBILE-3", `"total":1`}},
	{"issue_v2_page", map[string]any{
		"projectId":    101,
		"selectFilter": []map[string]any{{"fieldCode": "assignee", "ids": []int64{1002}}},
		"numberFilter": []map[string]any{{"fieldCode": "estimatePoint", "operator": "greaterThan", "value": 1}},
		"pageNumber":   1, "pageSize": 10,
	}, []string{"MOBILE-3"}},
	{"issue_filter_condition_field", map[string]any{"projectId": 101}, []string{`"customFieldCode":"assignee"`, `"customFieldName":"Priority"`}},
	{"issue_select_options", map[string]any{"projectId": 101, "customFiledIds": []int64{3, 15}}, []string{`"name":"Critical","value":9101`, `"name":"In Review","stateCategory":3,"value":13`}},
	{"issue_relationship_list", map[string]any{"id": 10029}, []string{"OPS-5"}},
	{"issue_list_subtask", map[string]any{"id": 10003}, []string{"Design the local message schema", "Purge cached messages on sign-out"}},
	{"issue_list_subtask_field", map[string]any{"projectId": 101, "issueTypeId": 1}, []string{`"fieldCode":"summary"`}},
	{"issue_labour_record_page", map[string]any{"projectId": 101, "issueId": 10003, "startDate": "2026-10-01", "endDate": int64(1830297600000)}, []string{"Message cache schema", "Pruning job"}},
	{"issue_trash_select_options", map[string]any{}, []string{`"deleteByOptionList":[{"id":1001,"name":"Alice Chen"}]`, `"name":"Operations"`}},
	{"issue_trash_page", map[string]any{"projectIds": []int64{101}}, []string{"MOBILE-15", `"total":1`}},
	{"issue_page_finished", map[string]any{"projectIds": []int64{101}, "after": "2026-01-01", "pageNumber": 1, "pageSize": 10}, []string{"MOBILE-1"}},
	{"workflow_list", map[string]any{"projectId": 101}, []string{"Mobile Workflow"}},
	{"workflow_list_next_state", map[string]any{"defId": 401, "stateId": 12}, []string{"In Review"}},
	{"sprint_get", map[string]any{"id": 202}, []string{"Sprint 12", "Offline reading of recent messages"}},
	{"sprint_list_with_count", map[string]any{"projectId": 101}, []string{"Sprint 11", "Sprint 12", "Sprint 13"}},
	{"epic_filter_options", map[string]any{"projectId": 101}, []string{`"name":"Emma Schmidt"`, `"id":14,"name":"Done"`}},
	{"epic_page", map[string]any{"projectId": 101, "keyword": "offline", "pageNumber": 1, "pageSize": 10}, []string{"Offline mode"}},
	{"epic_page_issue", map[string]any{"projectId": 101, "id": 301, "pageNumber": 1, "pageSize": 10}, []string{"MOBILE-3", "MOBILE-4", "MOBILE-14"}},
	{"epic_epic_fields", map[string]any{"projectId": 101}, []string{`"fieldCode":"summary"`}},
	{"epic_epic_field_info", map[string]any{"projectId": 101, "fieldCode": "owner"}, []string{`"fieldCode":"owner"`, `"name":"Bob Martinez","value":1002`}},
	{"epic_detail", map[string]any{"id": 301}, []string{"Offline mode"}},
	{"version_version_status_list", map[string]any{}, []string{"released"}},
	{"version_optional_owner_list", map[string]any{}, []string{"Alice Chen"}},
	{"version_all_version", map[string]any{"name": "v1", "statusList": []string{"released"}, "pageNumber": 1, "pageSize": 10}, []string{"v1.0"}},
	{"version_detail", map[string]any{"id": 602}, []string{"v1.1", "Offline reading and the new checkout."}},
	{"version_page_associate", map[string]any{"releaseId": 601, "pageNumber": 1, "pageSize": 10}, []string{"MOBILE-1", "WEB-3", `"total":5`}},
	{"tag_list", map[string]any{"projectId": 101}, []string{"frontend", "android"}},
	{"comment_page", map[string]any{"commentModule": "issue", "linkId": 10003, "pageNumber": 1, "pageSize": 10}, []string{"Started on the SQLite schema", `"commentId":7002`}},
	{"comment_list_sticker", map[string]any{}, []string{"liga-THUMBS_UP"}},
	{"file_download", map[string]any{"fileKey": "fk-9001"}, []string{"crash-log.txt", "FATAL EXCEPTION: main\njava.lang.IllegalStateException: Camera is closed"}},
	{"file_list", map[string]any{"linkModule": "issue", "linkEntity": "attachment", "linkId": 10002}, []string{`"fileKey":"fk-9001"`, "crash-log.txt"}},
	{"webhook_list_types", map[string]any{"projectId": 102}, []string{"slack"}},
	{"webhook_list_events", map[string]any{"projectId": 102}, []string{`"eventCode":"Issue.Create"`, `"eventCode":"Comment.Update"`}},
	{"webhook_get", map[string]any{"webhookId": 701}, []string{"Deploy notifier", "https://hooks.acme.example/leiga/web"}},
	{"webhook_page", map[string]any{"projectId": 102, "pageNumber": 1, "pageSize": 10}, []string{"Deploy notifier"}},
	{"msg_list", map[string]any{"read": false, "category": []string{"comment", "responsible"}, "pageNumber": 1, "pageSize": 10}, []string{"MOBILE-3 Cache the last 50 messages for offline reading"}},

	// Writes, ordered so that none undoes what a later row needs.
	{"org_enable_org_user", map[string]any{"userId": 1007}, []string{`"success":true`}},
	{"user_add_members", map[string]any{"projectId": 102, "userIds": []int64{1006}}, []string{`"success":true`}},
	{"user_remove_members", map[string]any{"projectId": 101, "userIds": []int64{1005}}, []string{`"success":true`}},
	{"org_disable_org_user", map[string]any{"userId": 1005}, []string{`"success":true`}},
	{"project_add", map[string]any{"projectName": "Data Platform", "templateCode": "SCRUM", "leaderId": 1004, "description": "Warehouse and pipelines"}, []string{`"id":104`}},
	{"project_update", map[string]any{"id": 101, "data": map[string]any{"description": "Native apps", "leader": 1001}}, []string{`"success":true`}},
	{"project_role_change", map[string]any{"projectId": 101, "userId": 1004, "roleIdList": []int64{1}}, []string{`"success":true`}},
	{"issue_add", map[string]any{"projectId": 101, "issueTypeId": 1, "data": map[string]any{"summary": "Tablet layout", "status": 12, "dueDate": "2026-11-30"}}, []string{`"issueNumber":"MOBILE-16"`}},
	{"issue_batch_add", map[string]any{"projectId": 101, "issueTypeId": 2, "datas": []map[string]any{
		{"summary": "Profile crash reports", "dueDate": "2026-11-20"}, {"summary": "Rotate signing keys", "startDate": int64(1793005200000)},
	}}, []string{`"issueNumber":"MOBILE-17"`, `"issueNumber":"MOBILE-18"`, `"success":true`}},
	{"issue_batch_update", map[string]any{"projectId": 101, "issueTypeId": 1, "issueIds": []int64{10001, 10003}, "data": map[string]any{"priority": 1}}, []string{`"issueId":10001`, `"issueId":10003`}},
	{"issue_update", map[string]any{"id": 10003, "data": map[string]any{"status": 13}}, []string{`"success":true`}},
	{"issue_add_relationship", map[string]any{"issueId": 10001, "linkedIssueId": 10002, "type": "CAUSES"}, []string{`"success":true`}},
	{"issue_remove_relationship", map[string]any{"issueId": 10029, "linkedIssueId": 10032, "type": "BLOCKS"}, []string{`"success":true`}},
	{"issue_batch_add_subtask", map[string]any{"issueId": 10003, "datas": []map[string]any{{"summary": "Migrate old caches"}}}, []string{`"issueNumber":"MOBILE-19"`}},
	{"issue_update_subtask", map[string]any{"id": 10012, "data": map[string]any{"assignee": 1002}}, []string{`"success":true`}},
	{"issue_update_subtask_status", map[string]any{"id": 10012, "projectId": 101, "done": true}, []string{`"success":true`}},
	{"issue_remove_subtask", map[string]any{"issueId": 10003, "subTaskId": 10012}, []string{`"success":true`}},
	{"issue_labour_record_add", map[string]any{"issueId": 10003, "labour": 1.5, "recordTime": "2026-11-01", "remarks": "Pairing"}, []string{`"id":8006`}},
	{"issue_labour_record_update", map[string]any{"id": 8001, "labour": 4}, []string{`"success":true`}},
	{"issue_labour_record_delete", map[string]any{"id": 8001}, []string{`"success":true`}},
	{"issue_trash_restore", map[string]any{"id": 10037}, []string{`"success":true`}},
	{"issue_remove", map[string]any{"id": 10008}, []string{`"success":true`}},
	{"issue_batch_remove", map[string]any{"projectId": 101, "issueIds": []int64{10009, 10010}}, []string{`"issueId":10009`, `"issueId":10010`}},
	{"sprint_add", map[string]any{"projectId": 101, "name": "Sprint 14", "startDate": "2026-11-23", "endDate": int64(1796580000000), "goal": "Tablet support", "assignee": 1002}, []string{`"name":"Sprint 14"`, `"startDate":1795392000000`, `"endDate":1796580000000`, `"goal":"Tablet support"`}},
	{"sprint_update", map[string]any{"id": 203, "name": "Sprint 13", "goal": "Biometrics"}, []string{`"success":true`}},
	{"sprint_remove", map[string]any{"sprintId": 203}, []string{`"success":true`}},
	{"epic_add", map[string]any{"projectId": 101, "data": map[string]any{"summary": "Tablet layout", "dueDate": "2026-12-15"}}, []string{`"id":322`}},
	{"epic_update", map[string]any{"id": 301, "data": map[string]any{"status": 14}}, []string{`"success":true`}},
	{"epic_relation_issue", map[string]any{"epicId": 301, "issueIds": []int64{10007}}, []string{`"success":true`}},
	{"epic_remove", map[string]any{"id": 302}, []string{`"success":true`}},
	{"version_add", map[string]any{"name": "v1.2", "ownerId": 1001, "startDate": "2026-11-15", "planDate": int64(1796407200000), "description": "Biometrics"}, []string{`"id":604`}},
	{"version_update", map[string]any{"id": 602, "name": "v1.1", "ownerId": 1002, "description": "Offline reading"}, []string{`"success":true`}},
	{"version_associate_issue", map[string]any{"releaseId": 602, "issueId": 10004}, []string{`"success":true`}},
	{"version_disassociate_issue", map[string]any{"releaseId": 602, "issueId": 10003}, []string{`"success":true`}},
	{"version_release", map[string]any{"id": 602, "releasedDate": "2026-11-01"}, []string{`"success":true`}},
	{"version_unrelease", map[string]any{"id": 601}, []string{`"success":true`}},
	{"version_archive", map[string]any{"id": 601}, []string{`"success":true`}},
	{"version_unarchive", map[string]any{"id": 603}, []string{`"success":true`}},
	{"version_remove", map[string]any{"id": 603}, []string{`"success":true`}},
	{"tag_add", map[string]any{"projectId": 101, "tagName": "performance"}, []string{`"id":525`, `"tagName":"performance"`}},
	{"tag_update", map[string]any{"id": 503, "tagName": "design"}, []string{`"success":true`}},
	{"tag_remove", map[string]any{"id": 503}, []string{`"success":true`}},
	{"comment_add", map[string]any{"commentModule": "issue", "linkId": 10003, "content": "<p>Agreed</p>", "commentId": 7001}, []string{`"id":7007`}},
	{"comment_update", map[string]any{"commentId": 7002, "content": "<p>Edited</p>"}, []string{`"success":true`}},
	{"comment_update_sticker_status", map[string]any{"linkModule": "issue", "linkEntity": "comment", "linkId": 7001, "stickerCode": "liga-OK", "deleteFlag": 0, "issueId": 10003}, []string{`"success":true`}},
	{"comment_remove", map[string]any{"id": 7001}, []string{`"success":true`}},
	{"file_upload", map[string]any{"fileName": "notes.txt", "contentBase64": base64.StdEncoding.EncodeToString([]byte(uploadedNotes))}, []string{`"fileName":"notes.txt"`, `"fileSize":23`, `"fileKey":"fk-9002"`}},
	{"file_bind", map[string]any{"fileKey": "fk-9001", "linkModule": "issue", "linkEntity": "attachment", "linkId": 10003}, []string{`"success":true`}},
	{"file_remove", map[string]any{"fileKey": "fk-9001"}, []string{`"success":true`}},
	{"webhook_add", map[string]any{"projectId": 101, "name": "CI", "url": "https://ci.acme.example/hook", "type": "slack", "state": "enabled", "eventIds": []int64{1}}, []string{`"webhookId":702`, `"name":"CI"`, `"state":"enabled"`}},
	{"webhook_update", map[string]any{"webhookId": 701, "state": "disabled"}, []string{`"webhookId":701`, `"state":"disabled"`}},
	{"webhook_delete", map[string]any{"webhookId": 701}, []string{`"webhookId":701`}},
	{"org_remove_org_user", map[string]any{"userId": 1005}, []string{`"success":true`}},
}

// e2eEndpointTools are the registered tools that call one Leiga endpoint.
func e2eEndpointTools() []*toolkit.Tool {
	var out []*toolkit.Tool
	for _, tool := range tools.MustRegistry().Tools() {
		if tool.Endpoint != nil {
			out = append(out, tool)
		}
	}
	return out
}

// TestEveryEndpointToolHasARow fails when an endpoint tool has no row in
// endpointCalls (add one for a new tool), has two, or a row names no
// endpoint tool.
func TestEveryEndpointToolHasARow(t *testing.T) {
	rows := map[string]int{}
	for _, row := range endpointCalls {
		rows[row.name]++
	}
	registered := map[string]bool{}
	for _, tool := range e2eEndpointTools() {
		registered[tool.Name] = true
		switch rows[tool.Name] {
		case 0:
			t.Errorf("endpoint tool %s (%s) has no row in endpointCalls", tool.Name, tool.Endpoint)
		case 1:
		default:
			t.Errorf("endpoint tool %s has %d rows in endpointCalls", tool.Name, rows[tool.Name])
		}
	}
	for _, name := range slices.Sorted(maps.Keys(rows)) {
		if !registered[name] {
			t.Errorf("endpointCalls row %s is not a registered endpoint tool", name)
		}
	}
	// Every endpoint of the catalog is a tool, but the token calls (never
	// a model's) and the POST twin of the project roles read.
	noTool := []endpoints.Route{endpoints.AuthorizeAccessPermanentToken, endpoints.AuthorizeAccessToken, endpoints.AuthorizeRefreshToken, endpoints.ProjectRoles}
	for _, e := range endpoints.All() {
		has := slices.ContainsFunc(e2eEndpointTools(), func(tool *toolkit.Tool) bool { return tool.Endpoint == e })
		if want := !slices.Contains(noTool, e); has != want {
			t.Errorf("endpoint %s: has a tool %t, want %t", e, has, want)
		}
	}
}

// e2eRequired are the top-level required properties of a tool's schema.
func e2eRequired(t *testing.T, tool *toolkit.Tool) []string {
	t.Helper()
	var s struct {
		Required []string `json:"required"`
	}
	if err := json.Unmarshal(tool.Schema(), &s); err != nil {
		t.Fatalf("%s schema: %v", tool.Name, err)
	}
	return s.Required
}

// e2eCall calls a tool and returns the raw result.
func e2eCall(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any) *mcp.CallToolResult {
	t.Helper()
	res, err := callTool(ctx, c, name, args)
	if err != nil {
		t.Fatalf("tools/call %s: %v", name, err)
	}
	return res.CallToolResult
}

// e2eStructured returns a result's structuredContent as a JSON object and its
// compact JSON text.
func e2eStructured(t *testing.T, name string, res *mcp.CallToolResult) (map[string]any, string) {
	t.Helper()
	if res.StructuredContent == nil {
		t.Fatalf("%s: no structuredContent; text: %.300s", name, resultText(res))
	}
	raw, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatalf("%s: structuredContent: %v", name, err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: structuredContent is not a JSON object: %s", name, raw)
	}
	return m, string(raw)
}

// TestEveryEndpointToolAgainstTheSandbox calls every endpoint tool through
// an MCP client with valid arguments from the demo data, then once without
// each required argument.
func TestEveryEndpointToolAgainstTheSandbox(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c := sandboxClient(t, "--toolsets", "all")
	byName := map[string]*toolkit.Tool{}
	for _, tool := range e2eEndpointTools() {
		byName[tool.Name] = tool
	}
	for _, row := range endpointCalls {
		tool, ok := byName[row.name]
		if !ok {
			continue // TestEveryEndpointToolHasARow reports it
		}
		t.Run(row.name, func(t *testing.T) {
			res := e2eCall(t, ctx, c, tool.Name, maps.Clone(row.args))
			if res.IsError {
				t.Fatalf("%s %v: isError: %s", tool.Name, row.args, resultText(res))
			}
			var got string
			if tool.Name == "file_download" {
				// The file's bytes, not an envelope: text files come back as text.
				got = resultText(res)
			} else {
				m, raw := e2eStructured(t, tool.Name, res)
				if len(m) == 0 {
					t.Fatalf("%s: empty structuredContent", tool.Name)
				}
				got = raw
			}
			for _, w := range row.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s result lacks %q: %.600s", tool.Name, w, got)
				}
			}

			for _, field := range e2eRequired(t, tool) {
				args := maps.Clone(row.args)
				delete(args, field)
				res := e2eCall(t, ctx, c, tool.Name, args)
				text := resultText(res)
				if !res.IsError || !strings.Contains(text, `missing required field "`+field+`"`) {
					t.Errorf("%s without %s: isError=%v, text %q; want an error naming %q", tool.Name, field, res.IsError, text, field)
				}
			}
		})
	}
}
