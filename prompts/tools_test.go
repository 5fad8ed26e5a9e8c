package prompts

import (
	"strings"
	"testing"
)

func promptNames(tools Tools) []string {
	var out []string
	for _, p := range All(nil, tools) {
		out = append(out, p.Prompt.Name)
	}
	return out
}

func TestPromptsNeedTheirTools(t *testing.T) {
	reads := setOf("search_issues", "my_issues", "get_issue", "project_list")
	tests := []struct {
		name  string
		tools Tools
		want  string
	}{
		{"everything", everything, "create_issue_from_conversation triage_backlog plan_sprint daily_standup release_notes break_down_epic"},
		{"reads only", Tools{Listed: reads}, "daily_standup release_notes"},
		{"nothing", Tools{}, ""},
		{"endpoints only", Tools{Listed: setOf("project_list", "epic_page")}, ""},
		{"reachable without the catalog", Tools{Listed: reads, Reachable: setOf("create_issue", "update_issue")}, "daily_standup release_notes"},
		{"through the catalog", Tools{Listed: setOf("leiga_search_tools", "leiga_describe_tool", "leiga_call_tool"), Reachable: everything.Listed},
			"create_issue_from_conversation triage_backlog plan_sprint daily_standup release_notes break_down_epic"},
	}
	for _, tt := range tests {
		if got := strings.Join(promptNames(tt.tools), " "); got != tt.want {
			t.Errorf("%s: prompts %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestPromptsNameToolsAsTheSessionReachesThem(t *testing.T) {
	catalog := Tools{
		Listed:    setOf("leiga_search_tools", "leiga_describe_tool", "leiga_call_tool", "search_issues", "create_issue"),
		Reachable: setOf("search_issues", "create_issue", "epic_page", "epic_detail", "project_list"),
	}
	bare := Tools{Listed: setOf("search_issues", "create_issue", "get_issue")}
	tests := []struct {
		name       string
		tools      Tools
		prompt     string
		args       map[string]string
		want, lack []string
	}{
		{"catalog rewrite", catalog, "break_down_epic", map[string]string{"project": "Apollo", "epic": "Checkout v2"},
			[]string{"`leiga_call_tool` with `name: \"epic_page\"` and arguments `projectId: <project id>`, `keyword: \"Checkout v2\"`",
				"`leiga_call_tool` with `name: \"epic_detail\"`", "`search_issues` with `project: \"Apollo\"`", "`leiga_search_tools`"},
			nil},
		{"optional tools left out", bare, "break_down_epic", map[string]string{"project": "Apollo", "epic": "Checkout v2"},
			[]string{"Ask me for the epic's goal", "`create_issue` with"},
			[]string{"epic_page", "epic_detail", "project_list", "leiga_"}},
		{"me without my_issues", bare, "daily_standup", nil,
			[]string{"`search_issues` with `assignee: \"me\"`"}, []string{"my_issues", "leiga_"}},
		{"me with my_issues", everything, "daily_standup", nil,
			[]string{"`my_issues` with `status: [\"done\"]`, `updated: \"yesterday..today\"`"}, []string{"assignee"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var found bool
			for _, p := range All(nil, tt.tools) {
				if p.Prompt.Name != tt.prompt {
					continue
				}
				found = true
				res, err := get(t, p, tt.args)
				if err != nil {
					t.Fatal(err)
				}
				got := text(t, res)
				for _, w := range tt.want {
					if !strings.Contains(got, w) {
						t.Errorf("text lacks %s:\n%s", w, got)
					}
				}
				for _, w := range tt.lack {
					if strings.Contains(got, w) {
						t.Errorf("text has %s:\n%s", w, got)
					}
				}
			}
			if !found {
				t.Fatalf("prompt %s not offered", tt.prompt)
			}
		})
	}
}

func TestRenderArgs(t *testing.T) {
	tests := []struct {
		kv   []any
		want string
	}{
		{[]any{"sprint", "none", "sort", "priority"}, "`sprint: \"none\"`, `sort: \"priority\"`"},
		{[]any{"project", "", "status", []string{"open"}}, "`status: [\"open\"]`"},
		{[]any{"id", placeholder("epic id"), "include_comments", true, "page", 2}, "`id: <epic id>`, `include_comments: true`, `page: 2`"},
		{[]any{"text", `say "hi" <b>`}, "`text: \"say \\\"hi\\\" <b>\"`"},
		{nil, ""},
	}
	for _, tt := range tests {
		got, err := renderArgs(tt.kv...)
		if err != nil || got != tt.want {
			t.Errorf("renderArgs(%v) = %q, %v; want %q", tt.kv, got, err, tt.want)
		}
	}
	for _, bad := range [][]any{{"odd"}, {1, "x"}, {"f", func() {}}} {
		if _, err := renderArgs(bad...); err == nil {
			t.Errorf("renderArgs(%v): no error", bad)
		}
	}
	if _, err := (Tools{}).call("search_issues"); err == nil || !strings.Contains(err.Error(), "cannot use") {
		t.Errorf("naming an unavailable tool: %v", err)
	}
}
