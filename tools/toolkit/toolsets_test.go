package toolkit

import (
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// alsoModules are two modules: issue defines issue_get and also includes
// the workflow module's get_issue.
func alsoModules(also ...string) []Module {
	return []Module{
		{Name: "issue", Description: "d", Also: also, Tools: func() []Tool {
			return []Tool{{Name: "issue_get", Title: "Get by id", Description: "D", Endpoint: endpoints.IssueGet, Effect: Read}}
		}},
		{Name: "workflow", Description: "d", Tools: func() []Tool {
			return []Tool{{Name: "get_issue", Title: "Get issue", Description: "D", Input: schemas.GetIssue{}, Handler: nopHandler, Effect: Read}}
		}},
	}
}

func TestToolsetAlsoIncludes(t *testing.T) {
	r, err := NewRegistry(alsoModules("get_issue"), Defaults{Toolsets: []string{"issue"}})
	if err != nil {
		t.Fatal(err)
	}
	names := func(s Selection) []string {
		list, err := r.Select(s)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tool := range list {
			out = append(out, tool.Name)
		}
		return out
	}
	tests := []struct {
		name string
		sel  Selection
		want []string
	}{
		{"home and also", Selection{Toolsets: []string{"issue"}}, []string{"issue_get", "get_issue"}},
		{"home only", Selection{Toolsets: []string{"workflow"}}, []string{"get_issue"}},
		{"both, once each", Selection{Toolsets: []string{"issue", "workflow"}}, []string{"issue_get", "get_issue"}},
		{"default through an also", Selection{}, []string{"issue_get", "get_issue"}},
		{"excluded", Selection{Toolsets: []string{"issue"}, Exclude: []string{"get_issue"}}, []string{"issue_get"}},
	}
	for _, tt := range tests {
		if got := names(tt.sel); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	if got, want := r.ToolsetsOf("get_issue"), []string{"workflow", "issue", ToolsetDefault}; !slices.Equal(got, want) {
		t.Errorf("ToolsetsOf(get_issue) = %v, want %v", got, want)
	}
	tool, _ := r.Tool("get_issue")
	if tool.Toolset != "workflow" || !tool.InToolset("issue") || !tool.InToolset("workflow") || tool.InToolset("sprint") {
		t.Errorf("get_issue: home %s, in issue %v", tool.Toolset, tool.InToolset("issue"))
	}
}

func TestToolsetAlsoRefusesMistakes(t *testing.T) {
	tests := []struct {
		also []string
		want string
	}{
		{[]string{"nope"}, `toolset issue: also names unknown tool "nope"`},
		{[]string{"issue_get"}, "toolset issue: names issue_get twice"},
		{[]string{"get_issue", "get_issue"}, "toolset issue: names get_issue twice"},
	}
	for _, tt := range tests {
		_, err := NewRegistry(alsoModules(tt.also...), Defaults{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("also %v: %v, want an error containing %q", tt.also, err, tt.want)
		}
	}
}
