package tools

import (
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Endpoint tools whose job a workflow tool does better name it, so a model
// that sees both does not pick at random.
func TestEndpointToolsNameTheWorkflowToolToPrefer(t *testing.T) {
	reg := testRegistry()
	tests := []struct{ endpoint, workflow string }{
		{"issue_get", "get_issue"},
		{"issue_v2_get", "get_issue"},
		{"issue_get_by_issue_number", "get_issue"},
		{"issue_add", "create_issue"},
		{"issue_update", "update_issue"},
		{"issue_page", "search_issues"},
		{"issue_v2_page", "search_issues"},
		{"issue_labour_record_add", "log_work"},
		{"comment_add", "add_comment"},
		{"version_associate_issue", "update_issue"},
	}
	for _, tt := range tests {
		tool, _ := reg.Tool(tt.endpoint)
		if !strings.Contains(tool.Description, "Prefer "+tt.workflow) {
			t.Errorf("%s: description %q does not say to prefer %s", tt.endpoint, tool.Description, tt.workflow)
		}
	}
	for _, tool := range reg.Tools() {
		if m := preferRef.FindStringSubmatch(tool.Description); m != nil {
			if _, ok := reg.Tool(m[1]); !ok {
				t.Errorf("%s: prefers %s, which does not exist", tool.Name, m[1])
			}
		}
	}
}

// The default set holds one tool per job: no tool in it says to prefer
// another tool that is also in it.
func TestDefaultSetHasNoNearDuplicates(t *testing.T) {
	list, err := testRegistry().Select(toolkit.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	in := map[string]bool{}
	for _, tool := range list {
		in[tool.Name] = true
	}
	for _, tool := range list {
		if m := preferRef.FindStringSubmatch(tool.Description); m != nil && in[m[1]] {
			t.Errorf("default set has both %s and %s, which it says to prefer", tool.Name, m[1])
		}
	}
	if !in["get_issue"] || in["issue_get_by_issue_number"] {
		t.Error("the default set's issue getter is get_issue, alone")
	}
}

// The issue and comment toolsets include the workflow tools that do their
// jobs by name (see Modules).
func TestToolsetsIncludeTheirWorkflowTools(t *testing.T) {
	reg := testRegistry()
	tests := []struct {
		toolset string
		want    []string
	}{
		{"issue", []string{"create_issue", "update_issue", "search_issues", "my_issues", "get_issue", "log_work", "issue_get_by_issue_number"}},
		{"comment", []string{"add_comment", "comment_page"}},
		{"workflow", []string{"create_issue", "add_comment", "workflow_list"}},
	}
	for _, tt := range tests {
		list, err := reg.Select(toolkit.Selection{Toolsets: []string{tt.toolset}})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range tt.want {
			if !slices.ContainsFunc(list, func(tool *toolkit.Tool) bool { return tool.Name == name }) {
				t.Errorf("--toolsets %s lacks %s", tt.toolset, name)
			}
		}
	}
	for _, name := range []string{"create_issue", "add_comment"} {
		tool, _ := reg.Tool(name)
		if tool.Toolset != "workflow" {
			t.Errorf("%s: home toolset %s, want workflow", name, tool.Toolset)
		}
	}
}
