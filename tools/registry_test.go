package tools

import (
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/schemas"
)

func TestEverySchemaReflectsAndCompiles(t *testing.T) {
	if err := testRegistry().CheckSchemas(); err != nil {
		t.Fatal(err)
	}
}

func TestRegistryRefusesMislabelledTools(t *testing.T) {
	in := schemas.IssueGet{}
	tests := []struct {
		name string
		tool Tool
		want string
	}{
		{"unset effect", Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: get("/issue/get"), Input: in}, "effect is not set"},
		{"GET labelled a write", Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: get("/issue/get"), Input: in, Effect: Update}, "GET endpoint must be Read"},
		{"removal not destructive", Tool{Name: "issue_remove", Title: "T", Description: "D", Endpoint: del("/issue/remove"), Input: in, Effect: Update}, "effect must be Delete"},
		{"search labelled a write", Tool{Name: "issue_page", Title: "T", Description: "D", Endpoint: post("/issue/page"), Input: in, Effect: Create}, "only reads"},
		{"write labelled read-only", Tool{Name: "issue_add", Title: "T", Description: "D", Endpoint: post("/issue/add"), Input: in, Effect: Read}, "writes: effect must not be Read"},
		{"endpoint that dispatches", Tool{Name: "issue_add", Title: "T", Description: "D", Endpoint: post("/issue/add"), Input: in, Effect: Dispatch}, "cannot dispatch"},
		{"bad name", Tool{Name: "Issue-Get", Title: "T", Description: "D", Endpoint: get("/issue/get"), Input: in, Effect: Read}, "snake_case"},
		{"no input", Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: get("/issue/get"), Effect: Read}, "no input type"},
		{"no title", Tool{Name: "issue_get", Description: "D", Endpoint: get("/issue/get"), Input: in, Effect: Read}, "title and description"},
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
	r := &Registry{byName: map[string]*Tool{}}
	ok := Tool{Name: "issue_get", Title: "T", Description: "D", Endpoint: get("/issue/get"), Input: in, Effect: Read}
	dup := ok
	if err := r.add(&ok); err != nil {
		t.Fatal(err)
	}
	if err := r.add(&dup); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("duplicate: %v", err)
	}
}

func TestReadOnlySelectionHidesEveryWrite(t *testing.T) {
	list, err := testRegistry().Select(Selection{Toolsets: []string{ToolsetAll}, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := testRegistry().Select(Selection{Toolsets: []string{ToolsetAll}})
	if len(list) == 0 || len(list) >= len(all) {
		t.Fatalf("read-only keeps %d of %d tools", len(list), len(all))
	}
	for _, tool := range list {
		ann := tool.MCP().Annotations
		if ann.ReadOnlyHint == nil || !*ann.ReadOnlyHint || *ann.DestructiveHint {
			t.Errorf("%s is served under --read-only but is not annotated read-only", tool.Name)
		}
	}
	// The dispatcher stays, reaching only reads (see the catalog tests).
	if !slices.ContainsFunc(list, func(t *Tool) bool { return t.Name == "leiga_call_tool" }) {
		t.Error("leiga_call_tool is missing under --read-only")
	}
}
