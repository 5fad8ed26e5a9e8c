package tools

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// searchEval is the tool-search evaluation set: natural requests, as a user
// or a model would phrase them, and the one tool that does the job best.
// Every module is covered; where a workflow tool does the job it is the
// expected answer. The last group was written after the ranking was tuned
// on the others, as a check that it generalises.
var searchEval = []struct{ query, want string }{
	// workflow: the name-based tools
	{"move WEB-14 to Sprint 13", "update_issue"},
	{"comment on issue", "add_comment"},
	{"assign issue to someone", "update_issue"},
	{"what's on my plate", "my_issues"},
	{"move all open bugs in WEB to the next sprint", "bulk_update_issues"},
	{"assign every unassigned bug in MOBILE to Carol", "bulk_update_issues"},
	{"burndown chart of the current sprint", "sprint_report"},
	{"how is the sprint going", "sprint_report"},
	{"who has the most open work in MOBILE", "workload_report"},
	{"open bugs about login", "search_issues"},
	{"create a bug report", "create_issue"},
	{"file a new task in project MOBILE", "create_issue"},
	{"close ABC-12", "update_issue"},
	{"mark the issue as done", "update_issue"},
	{"log 2 hours on ABC-5", "log_work"},
	{"show issue ABC-123", "get_issue"},
	{"get issue details by number", "get_issue"},
	{"find issues in the backlog", "search_issues"},
	{"look for tickets mentioning checkout", "search_issues"},
	{"my open tasks", "my_issues"},
	{"reply to a comment", "add_comment"},
	{"change the priority of an issue", "update_issue"},
	{"which statuses can an issue move to next", "workflow_list_next_state"},
	{"list the workflow states of a project", "workflow_list"},
	// org
	{"disable a user account in the organization", "org_disable_org_user"},
	{"list everyone in the organization", "org_all_member_list"},
	{"re-enable a deactivated user", "org_enable_org_user"},
	// user
	{"who is in project MOBILE", "user_project_user_list"},
	{"add Alice to the project", "user_add_members"},
	{"remove a member from the project", "user_remove_members"},
	// project
	{"list all projects", "project_list"},
	{"create a new project", "project_add"},
	{"get project by key MOBILE", "project_get_by_project_key"},
	{"what roles can project members have", "project_role_type"},
	{"change a member's role", "project_role_change"},
	// issue endpoints
	{"link two issues as related", "issue_add_relationship"},
	{"add subtasks to an issue", "issue_batch_add_subtask"},
	{"restore a deleted issue from the trash", "issue_trash_restore"},
	{"what did the team finish last week", "issue_page_finished"},
	{"what issue types does the project have", "issue_type_list"},
	{"create many issues at once", "issue_batch_add"},
	{"delete issue ABC-9", "issue_remove"},
	{"list work logs of the project", "issue_labour_record_page"},
	// sprint
	{"create a new sprint", "sprint_add"},
	{"list sprints of the project", "sprint_list_with_count"},
	{"change the sprint end date", "sprint_update"},
	{"show sprint details", "sprint_get"},
	// epic
	{"create an epic", "epic_add"},
	{"add issues to an epic", "epic_relation_issue"},
	{"which issues belong to the epic", "epic_page_issue"},
	// version
	{"release version 2.0", "version_release"},
	{"archive an old version", "version_archive"},
	{"list the issues in release 2.4", "version_page_associate"},
	{"create a new release", "version_add"},
	// tag
	{"create a label", "tag_add"},
	{"rename a tag", "tag_update"},
	{"list labels in the project", "tag_list"},
	// comment
	{"edit my comment", "comment_update"},
	{"react with a thumbs up sticker to a comment", "comment_update_sticker_status"},
	{"show the comments on an issue", "comment_page"},
	// file
	{"upload a screenshot", "file_upload"},
	{"attach a file to an issue", "file_bind"},
	{"download the attachment", "file_download"},
	// webhook
	{"delete the webhook", "webhook_delete"},
	{"set up a webhook for new issues", "webhook_add"},
	{"what events can webhooks subscribe to", "webhook_list_events"},
	// msg
	{"show my notifications", "msg_list"},
	{"unread mentions", "msg_list"},
	// written after tuning
	{"create a ticket for the crash on startup", "create_issue"},
	{"set the due date of MOBILE-3 to friday", "update_issue"},
	{"reassign WEB-7 to Bob", "update_issue"},
	{"what am I working on", "my_issues"},
	{"issues assigned to me", "my_issues"},
	{"unassigned bugs in the current sprint", "search_issues"},
	{"high priority issues in the backlog", "search_issues"},
	{"record 90 minutes of work", "log_work"},
	{"reply to Dana's comment on ABC-4", "add_comment"},
	{"who can own a version", "version_optional_owner_list"},
	{"list versions", "version_all_version"},
	{"rename sprint 4", "sprint_update"},
	{"delete a sprint", "sprint_remove"},
	{"list epics", "epic_page"},
	{"remove the tag urgent", "tag_remove"},
	{"list files attached to ABC-3", "file_list"},
	{"subtasks of an issue", "issue_list_subtask"},
	{"what fields does a bug have", "issue_issue_fields"},
	{"project templates", "project_project_template"},
	{"show webhooks of the project", "webhook_page"},
	{"change the webhook URL", "webhook_update"},
	{"kick a user out of the organization", "org_remove_org_user"},
	{"unrelease version 1.2", "version_unrelease"},
	{"what's in the trash", "issue_trash_page"},
	{"details of an epic", "epic_detail"},
	{"update an epic's dates", "epic_update"},
	{"remove an issue from a version", "version_disassociate_issue"},
	{"issues linked to ABC-1", "issue_relationship_list"},
	{"project members by page", "user_project_user_page"},
	{"list my messages", "msg_list"},
}

// searchRanking runs leiga_search_tools over every tool and returns the
// ranked names.
func searchRanking(t *testing.T, d *toolkit.Deps, query string, limit int) []string {
	t.Helper()
	tool, _ := testRegistry().Tool("leiga_search_tools")
	args, _ := json.Marshal(map[string]any{"query": query, "limit": limit})
	res := tool.Call(context.Background(), d, args)
	if res.IsError {
		t.Fatalf("leiga_search_tools(%q): %v", query, res.Content)
	}
	b, _ := json.Marshal(res.StructuredContent)
	var out struct {
		Tools []struct{ Name string } `json:"tools"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(out.Tools))
	for i, x := range out.Tools {
		names[i] = x.Name
	}
	return names
}

func TestToolSearchEvaluation(t *testing.T) {
	reg := testRegistry()
	d := &toolkit.Deps{Reach: toolkit.NewReach(reg.Tools(), nil)}
	covered := map[string]bool{}
	top1, top3 := 0, 0
	for _, c := range searchEval {
		tool, ok := reg.Tool(c.want)
		if !ok {
			t.Fatalf("%q: expected tool %s does not exist", c.query, c.want)
		}
		covered[tool.Toolset] = true
		got := searchRanking(t, d, c.query, 10)
		rank := slices.Index(got, c.want)
		switch {
		case rank == 0:
			top1++
			top3++
		case rank > 0 && rank < 3:
			top3++
			t.Logf("%q: %s at rank %d: %v", c.query, c.want, rank+1, got[:min(3, len(got))])
		default:
			t.Logf("%q: %s not in the top 3: %v", c.query, c.want, got[:min(3, len(got))])
		}
	}
	n := len(searchEval)
	p1, p3 := float64(top1)/float64(n), float64(top3)/float64(n)
	t.Logf("tool search: %d requests, first %d (%.0f%%), top 3 %d (%.0f%%)", n, top1, 100*p1, top3, 100*p3)
	if n < 40 {
		t.Errorf("the evaluation set has %d requests, want at least 40", n)
	}
	for _, ts := range reg.Toolsets() {
		if ts.Name != toolkit.ToolsetCatalog && !covered[ts.Name] {
			t.Errorf("no request in the evaluation set expects a tool of toolset %s", ts.Name)
		}
	}
	if p3 < 0.90 {
		t.Errorf("expected tool in the top 3 for %.0f%% of requests, want at least 90%%", 100*p3)
	}
	if p1 < 0.75 {
		t.Errorf("expected tool first for %.0f%% of requests, want at least 75%%", 100*p1)
	}
}

// asksToDelete recognises a request that asks to delete, remove or disable
// something, independently of the ranking's own word lists.
var asksToDelete = regexp.MustCompile(`(?i)\b(delete|remove|disable|deactivate|kick|drop|erase|unlink)\b`)

func TestToolSearchNeverLeadsWithADeletion(t *testing.T) {
	reg := testRegistry()
	d := &toolkit.Deps{Reach: toolkit.NewReach(reg.Tools(), nil)}
	requests := []string{
		// one word that names a thing some tool deletes
		"webhook", "tag", "file", "comment", "sprint", "epic", "version", "member", "subtask",
		"relation", "work log", "org user", "issue", "labour record",
	}
	for _, c := range searchEval {
		requests = append(requests, c.query)
	}
	checked := 0
	for _, q := range requests {
		if asksToDelete.MatchString(q) {
			continue
		}
		checked++
		got := searchRanking(t, d, q, 3)
		if len(got) == 0 {
			continue
		}
		if first, _ := reg.Tool(got[0]); first.Effect == toolkit.Delete {
			t.Errorf("%q: first answer %s deletes; the request does not ask to", q, first.Name)
		}
	}
	t.Logf("%d requests that do not ask to delete: none answered first by a deleting tool", checked)
}

// TestToolSearchOneIssueOrMany: a request about one numbered issue leads
// with the tool that changes one issue; a request about many leads with
// the bulk tool.
func TestToolSearchOneIssueOrMany(t *testing.T) {
	reg := testRegistry()
	d := &toolkit.Deps{Reach: toolkit.NewReach(reg.Tools(), nil)}
	tests := []struct{ query, first string }{
		{"set the due date of MOBILE-3 to friday", "update_issue"},
		{"move MOBILE-3 to the next sprint", "update_issue"},
		{"move all open bugs in WEB to the next sprint", "bulk_update_issues"},
	}
	for _, tt := range tests {
		if got := searchRanking(t, d, tt.query, 3); len(got) == 0 || got[0] != tt.first {
			t.Errorf("%q: ranking %v, want %s first", tt.query, got, tt.first)
		}
	}
}
