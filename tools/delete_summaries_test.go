package tools

import (
	"slices"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

func TestDeleteQuestions(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	tests := []struct{ tool, args, want string }{
		{"issue_remove", `{"id":10015}`, `Delete WEB-1 "One-page checkout" and its 2 subtasks?`},
		{"issue_remove", `{"id":10016}`, `Delete WEB-2 "Coupon field accepts expired codes"?`},
		{"issue_batch_remove", `{"projectId":102,"issueIds":[10015,10016,10022,10019]}`,
			`Delete 4 issues: WEB-1 "One-page checkout", WEB-2 "Coupon field accepts expired codes", WEB-8 "Search returns no results for accented characters" and 1 more, with 2 subtasks?`},
		{"comment_remove", `{"id":4001}`, `Delete comment 4001?`},
		{"tag_remove", `{"id":511}`, `Delete tag "bug" of WEB (on 4 issues)?`},
		{"sprint_remove", `{"sprintId":213}`, `Delete sprint "Sprint 13" of WEB (not started, holding 1 issue)?`},
		{"version_remove", `{"id":602}`, `Delete version "v1.1" (unreleased, linked to 5 issues)?`},
		{"epic_remove", `{"id":311}`, `Delete epic "Checkout redesign" of WEB (3 issues linked)?`},
		{"webhook_delete", `{"webhookId":701}`, `Delete webhook "Deploy notifier" of WEB, which posts to "https://hooks.acme.example/leiga/web"?`},
		{"file_remove", `{"fileKey":"f-9001"}`, `Delete file "f-9001"?`},
		{"org_remove_org_user", `{"userId":1003}`, `Remove Carol Nguyen <carol.nguyen@acme.example> from the organisation?`},
		{"org_disable_org_user", `{"userId":1004}`, `Disable the account of David Okafor <david.okafor@acme.example>?`},
		{"user_remove_members", `{"projectId":102,"userIds":[1003,1005]}`,
			`Remove Carol Nguyen <carol.nguyen@acme.example>, Emma Schmidt <emma.schmidt@acme.example> from project WEB?`},
		{"issue_remove_subtask", `{"issueId":10015,"subTaskId":10025}`, `Call issue_remove_subtask with {"issueId":10015,"subTaskId":10025}?`},
	}
	for _, tt := range tests {
		tool, ok := testRegistry().Tool(tt.tool)
		if !ok {
			t.Fatalf("no tool %s", tt.tool)
		}
		if got := summaryOf(t, d, tool, tt.args); got != tt.want {
			t.Errorf("%s %s:\n got %s\nwant %s", tt.tool, tt.args, got, tt.want)
		}
	}
	if w := rec.writes(); len(w) != 0 {
		t.Errorf("asking wrote: %+v", w)
	}
}

// TestEveryDeleteIsAsked checks the question table against the registry:
// each entry is a Delete tool, and the Delete tools without one are the
// known few asked generically.
func TestEveryDeleteIsAsked(t *testing.T) {
	generic := []string{"issue_remove_relationship", "issue_remove_subtask", "issue_labour_record_delete"}
	for name := range deleteSummaries {
		if tool, ok := testRegistry().Tool(name); !ok || tool.Effect != toolkit.Delete || tool.Confirm == nil {
			t.Errorf("%s has a question but is not a registered Delete tool carrying it", name)
		}
	}
	for _, tool := range testRegistry().Tools() {
		if tool.Effect == toolkit.Delete && tool.Confirm == nil && !slices.Contains(generic, tool.Name) {
			t.Errorf("%s deletes but has no question: add one to deleteSummaries, or to the generic list here", tool.Name)
		}
	}
}
