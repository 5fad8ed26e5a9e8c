package mcpserver

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func narrowServer() *server.MCPServer {
	s := server.NewMCPServer("t", "1", server.WithToolFilter(narrowTools))
	noop := func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	}
	for _, tool := range []struct {
		name string
		ro   bool
	}{{"issue_get", true}, {"issue_add", false}, {"sprint_get", true}} {
		mt := mcp.NewTool(tool.name, mcp.WithReadOnlyHintAnnotation(tool.ro))
		s.AddTool(mt, noop)
	}
	return s
}

// testNames are the names narrowServer's headers may use; sprint_add
// exists but is not served.
var testNames = NarrowingNames{
	Toolsets:  []string{"all", "default", "issue", "sprint"},
	Tools:     []string{"issue_get", "issue_add", "sprint_get", "sprint_add"},
	ToolsetOf: toolsetOf,
}

func toolsetOf(name string) []string {
	if name == "sprint_get" {
		return []string{"sprint"}
	}
	return []string{"issue", "default"}
}

func listed(t *testing.T, s *server.MCPServer, ctx context.Context) []string {
	t.Helper()
	msg := s.HandleMessage(ctx, json.RawMessage(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`))
	b, _ := json.Marshal(msg)
	var out struct {
		Result struct {
			Tools []struct{ Name string } `json:"tools"`
		} `json:"result"`
	}
	json.Unmarshal(b, &out)
	var names []string
	for _, tl := range out.Result.Tools {
		names = append(names, tl.Name)
	}
	slices.Sort(names)
	return names
}

func TestNarrowingHeaders(t *testing.T) {
	tests := []struct {
		headers map[string]string
		want    []string
	}{
		{nil, []string{"issue_add", "issue_get", "sprint_get"}},
		{map[string]string{HeaderReadOnly: "true"}, []string{"issue_get", "sprint_get"}},
		{map[string]string{HeaderToolsets: "sprint"}, []string{"sprint_get"}},
		{map[string]string{HeaderToolsets: "default"}, []string{"issue_add", "issue_get"}},
		{map[string]string{HeaderTools: "issue_add, sprint_get"}, []string{"issue_add", "sprint_get"}},
		{map[string]string{HeaderTools: "issue_add,sprint_add"}, []string{"issue_add"}},
		{map[string]string{HeaderToolsets: "issue", HeaderReadOnly: "1"}, []string{"issue_get"}},
	}
	s := narrowServer()
	for _, tt := range tests {
		h := http.Header{}
		for k, v := range tt.headers {
			h.Set(k, v)
		}
		ctx := context.Background()
		n, ok, err := NarrowingFromHeaders(h, testNames)
		if err != nil {
			t.Fatalf("headers %v: %v", tt.headers, err)
		}
		if ok {
			ctx = toolkit.WithNarrowing(ctx, n)
		}
		if got := listed(t, s, ctx); !slices.Equal(got, tt.want) {
			t.Errorf("headers %v: listed %v, want %v", tt.headers, got, tt.want)
		}
	}
}

func TestNarrowedToolCannotBeCalled(t *testing.T) {
	s := narrowServer()
	ctx := toolkit.WithNarrowing(context.Background(), toolkit.Narrowing{ReadOnly: true})
	msg := s.HandleMessage(ctx, json.RawMessage(`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"issue_add","arguments":{}}}`))
	b, _ := json.Marshal(msg)
	if !json.Valid(b) || !contains(string(b), "not found") {
		t.Errorf("calling a hidden tool answered %s, want a not-found error", b)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func TestNarrowingFailsClosed(t *testing.T) {
	tests := []struct {
		headers map[string][]string
		ok      bool // headers present and valid
		ro      bool
		err     string
	}{
		{map[string][]string{HeaderReadOnly: {"true"}}, true, true, ""},
		{map[string][]string{HeaderReadOnly: {"True"}}, true, true, ""},
		{map[string][]string{HeaderReadOnly: {" 1 "}}, true, true, ""},
		{map[string][]string{HeaderReadOnly: {"FALSE"}}, true, false, ""},
		{map[string][]string{HeaderReadOnly: {"0"}}, true, false, ""},
		{map[string][]string{HeaderReadOnly: {"yes"}}, false, false, `invalid X-MCP-Readonly "yes": use true, false, 1 or 0`},
		{map[string][]string{HeaderReadOnly: {"2"}}, false, false, "use true, false, 1 or 0"},
		{map[string][]string{HeaderReadOnly: {"true", "false"}}, false, false, "sent twice"},
		{map[string][]string{HeaderToolsets: {"bogus"}}, false, false, `unknown toolset "bogus"`},
		{map[string][]string{HeaderToolsets: {"sprint", "bogus"}}, false, false, `unknown toolset "bogus"`},
		{map[string][]string{HeaderTools: {"issue_get,issue_gett"}}, false, false, `unknown tool "issue_gett"`},
		{map[string][]string{HeaderToolsets: {"all"}}, true, false, ""},
	}
	for _, tt := range tests {
		h := http.Header{}
		for k, vs := range tt.headers {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
		n, ok, err := NarrowingFromHeaders(h, testNames)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%v: err %v, want %q", tt.headers, err, tt.err)
			}
			continue
		}
		if err != nil || ok != tt.ok || n.ReadOnly != tt.ro {
			t.Errorf("%v: ok %t read-only %t err %v, want ok %t read-only %t", tt.headers, ok, n.ReadOnly, err, tt.ok, tt.ro)
		}
	}
}
