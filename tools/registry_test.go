package tools

import (
	"slices"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

func TestEverySchemaReflectsAndCompiles(t *testing.T) {
	if err := testRegistry().CheckSchemas(); err != nil {
		t.Fatal(err)
	}
}

func TestReadOnlySelectionHidesEveryWrite(t *testing.T) {
	list, err := testRegistry().Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := testRegistry().Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}})
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
	if !slices.ContainsFunc(list, func(t *toolkit.Tool) bool { return t.Name == "leiga_call_tool" }) {
		t.Error("leiga_call_tool is missing under --read-only")
	}
}
