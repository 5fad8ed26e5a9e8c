package tools

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

func rankNames(ix *toolIndex, q string, keep func(*toolkit.Tool) bool) []string {
	var out []string
	for _, h := range ix.rank(q, keep) {
		out = append(out, h.tool.Name)
	}
	return out
}

func every(*toolkit.Tool) bool { return true }

func TestRankRules(t *testing.T) {
	ix := buildToolIndex(testRegistry().Tools()).(*toolIndex)
	tests := []struct {
		name, query string
		before      [][2]string // each pair: the first ranks above the second
		first       string
	}{
		{name: "workflow tool above the endpoint tool that prefers it", query: "get issue by number",
			before: [][2]string{{"get_issue", "issue_get_by_issue_number"}}, first: "get_issue"},
		{name: "search above the paged endpoints", query: "search issues",
			before: [][2]string{{"search_issues", "issue_page"}, {"search_issues", "issue_v2_page"}}},
		{name: "log work above the labour endpoint", query: "add a work log",
			before: [][2]string{{"log_work", "issue_labour_record_add"}}},
		{name: "deletion first when asked", query: "remove a tag", first: "tag_remove"},
		{name: "deletion never first otherwise", query: "tag",
			before: [][2]string{{"tag_list", "tag_remove"}}},
		{name: "reads first for a read", query: "show the comments",
			before: [][2]string{{"comment_page", "comment_add"}}},
		{name: "writes first for a write", query: "change a comment",
			before: [][2]string{{"comment_update", "comment_page"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rankNames(ix, tt.query, every)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("%q: first %v, want %s", tt.query, got[:min(3, len(got))], tt.first)
			}
			for _, p := range tt.before {
				i, j := slices.Index(got, p[0]), slices.Index(got, p[1])
				if i < 0 || (j >= 0 && j < i) {
					t.Errorf("%q: %s at %d, %s at %d; want the first above: %v", tt.query, p[0], i, p[1], j, got)
				}
			}
		})
	}
}

func TestRankIsDeterministic(t *testing.T) {
	tools := testRegistry().Tools()
	a := rankNames(buildToolIndex(tools).(*toolIndex), "update the issue status", every)
	for range 5 {
		if b := rankNames(buildToolIndex(tools).(*toolIndex), "update the issue status", every); !slices.Equal(a, b) {
			t.Fatalf("two rankings differ:\n%v\n%v", a, b)
		}
	}
}

func TestRankNothingMatches(t *testing.T) {
	ix := buildToolIndex(testRegistry().Tools()).(*toolIndex)
	for _, q := range []string{"", "the of and", "zzzz qqqq", "ABC-"} {
		if got := rankNames(ix, q, every); len(got) != 0 {
			t.Errorf("%q: %v, want nothing", q, got)
		}
	}
}

func TestSearchToolsHonoursToolsetAndNarrowing(t *testing.T) {
	reg := testRegistry()
	d := &toolkit.Deps{Reach: toolkit.NewReach(reg.Tools(), nil)}
	tool, _ := reg.Tool("leiga_search_tools")
	call := func(ctx context.Context, args string) []string {
		res := tool.Call(ctx, d, json.RawMessage(args))
		if res.IsError {
			t.Fatalf("%s: %v", args, res.Content)
		}
		b, _ := json.Marshal(res.StructuredContent)
		var out struct {
			Tools []struct {
				Name     string
				Toolset  string
				ReadOnly bool
			} `json:"tools"`
		}
		_ = json.Unmarshal(b, &out)
		var names []string
		for _, x := range out.Tools {
			names = append(names, x.Name+"/"+x.Toolset)
			if n, ok := toolkit.NarrowingFrom(ctx); ok && n.ReadOnly && !x.ReadOnly {
				t.Errorf("%s: %s writes, the client is read-only", args, x.Name)
			}
		}
		return names
	}
	for _, n := range call(context.Background(), `{"query":"create","toolset":"sprint"}`) {
		if !strings.HasSuffix(n, "/sprint") {
			t.Errorf("toolset sprint: got %s", n)
		}
	}
	if got := call(context.Background(), `{"query":"create an issue","toolset":"issue"}`); len(got) == 0 || got[0] != "create_issue/workflow" {
		t.Errorf("toolset issue includes create_issue, which comes first: %v", got)
	}
	ro := toolkit.WithNarrowing(context.Background(), toolkit.Narrowing{ReadOnly: true})
	if got := call(ro, `{"query":"delete the webhook"}`); len(got) == 0 {
		t.Error("read-only narrowing: no read tool found for webhooks")
	}
	if got := call(context.Background(), `{"query":"issue","limit":2}`); len(got) != 2 {
		t.Errorf("limit 2: %v", got)
	}
}

func BenchmarkToolSearch(b *testing.B) {
	tools := testRegistry().Tools()
	ix := buildToolIndex(tools).(*toolIndex)
	b.ResetTimer()
	for b.Loop() {
		ix.rank("move WEB-14 to Sprint 13 and assign it to Alice", every)
	}
}
