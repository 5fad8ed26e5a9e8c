package toolkit

import (
	"context"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

func TestRegistryRefusesMislabelledTools(t *testing.T) {
	in := schemas.IssueGet{}
	tests := []struct {
		name string
		tool Tool
		want string
	}{
		{"unset effect", Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: endpoints.IssueGet}, "effect is not set"},
		{"read labelled a write", Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: endpoints.IssueGet, Effect: Update}, "only reads: effect must be Read"},
		{"removal not destructive", Tool{Name: "issue_remove", Title: "T", Description: "D", Endpoint: endpoints.IssueRemove, Effect: Update}, "effect must be Delete"},
		{"search labelled a write", Tool{Name: "issue_page", Title: "T", Description: "D", Endpoint: endpoints.IssuePage, Effect: Create}, "only reads"},
		{"write labelled read-only", Tool{Name: "issue_add", Title: "T", Description: "D", Endpoint: endpoints.IssueAdd, Effect: Read}, "writes: effect must not be Read"},
		{"endpoint that dispatches", Tool{Name: "issue_add", Title: "T", Description: "D", Endpoint: endpoints.IssueAdd, Effect: Dispatch}, "cannot dispatch"},
		{"composed removal not destructive", Tool{Name: "tag_remove_all", Title: "T", Description: "D", Input: in, Handler: nopHandler, Effect: Update}, "name says it removes"},
		{"bad name", Tool{Name: "Issue-Get", Title: "T", Description: "D", Endpoint: endpoints.IssueGet, Effect: Read}, "snake_case"},
		{"no input", Tool{Name: "issue_get", Title: "T", Description: "D", Handler: nopHandler, Effect: Read}, "no input type"},
		{"no endpoint nor handler", Tool{Name: "issue_get", Title: "T", Description: "D", Input: in, Effect: Read}, "neither endpoint nor handler"},
		{"no title", Tool{Name: "issue_get", Description: "D", Endpoint: endpoints.IssueGet, Effect: Read}, "title and description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Registry{byName: map[string]*Tool{}}
			tool := tt.tool
			err := r.add(&tool)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("add = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestRegistryRefusesDuplicates(t *testing.T) {
	get := func(name, title string) Tool {
		return Tool{Name: name, Title: title, Description: "D", Endpoint: endpoints.IssueGet, Effect: Read}
	}
	tests := []struct {
		name     string
		tools    []Tool
		defaults Defaults
		want     string
	}{
		{"same name", []Tool{get("issue_get", "A"), get("issue_get", "B")}, Defaults{}, `tool "issue_get": defined twice`},
		{"same title", []Tool{get("issue_get", "Get issue"), get("get_issue", "Get issue")}, Defaults{}, `title "Get issue" is already used by issue_get`},
		{"unknown default tool", []Tool{get("issue_get", "A")}, Defaults{Tools: []string{"nope"}}, `default toolset names unknown tool "nope"`},
		{"unknown default toolset", []Tool{get("issue_get", "A")}, Defaults{Toolsets: []string{"nope"}}, `unknown toolset "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewRegistry([]Module{{Name: "issue", Description: "d", Tools: func() []Tool { return tt.tools }}}, tt.defaults)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewRegistry = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// nopHandler is a handler for registry checks that never run it.
func nopHandler(context.Context, *Tool, *Deps, any) (*mcp.CallToolResult, error) { return nil, nil }
