package tools

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/mark3labs/mcp-go/mcp"
)

// sent is one request the fake Leiga received.
type sent struct {
	Method, Path, Query, Body, Token, ContentType string
}

// fakeLeiga records requests and answers each path with a scripted body.
type fakeLeiga struct {
	mu      sync.Mutex
	got     []sent
	replies map[string]string // "METHOD /path" -> response body; default: success with data {"ok":true}
	status  int
}

func (f *fakeLeiga) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	path := strings.TrimPrefix(r.URL.Path, "/openapi/api")
	f.mu.Lock()
	f.got = append(f.got, sent{r.Method, path, r.URL.RawQuery, string(b), r.Header.Get("accessToken"), r.Header.Get("Content-Type")})
	body, ok := f.replies[r.Method+" "+path]
	status := f.status
	f.mu.Unlock()
	if !ok {
		body = `{"code":"0","msg":"success","data":{"ok":true}}`
	}
	if status == 0 {
		status = 200
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// lookups are the reads a tool may make to check its arguments (a
// project's field codes); requests leaves them out.
var lookups = map[string]string{
	"GET /issue/issue-fields": `{"code":"0","msg":"ok","data":{"fields":[{"fieldCode":"summary","fieldName":"Summary"},{"fieldCode":"status","fieldName":"Status"},{"fieldCode":"customfield_3","fieldName":"Severity"},{"fieldCode":"customfield_7","fieldName":"Team"},{"fieldCode":"estimateLabour","fieldName":"Estimate"}]}}`,
	"GET /epic/epic-fields":   `{"code":"0","msg":"ok","data":{"fields":[{"fieldCode":"summary","fieldName":"Summary"},{"fieldCode":"customfield_3","fieldName":"Severity"}]}}`,
}

// requests returns what the fake received, argument-checking look-ups
// left out unless their path is in keep.
func (f *fakeLeiga) requests(keep ...string) []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sent
	for _, s := range f.got {
		if _, lookup := lookups[s.Method+" "+s.Path]; !lookup || slices.Contains(keep, s.Path) {
			out = append(out, s)
		}
	}
	return out
}

// newFake starts a fake Leiga and returns Deps that call it.
func newFake(t *testing.T) (*fakeLeiga, *toolkit.Deps) {
	t.Helper()
	f := &fakeLeiga{replies: maps.Clone(lookups)}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	api, err := leigaapi.New(leigaapi.Options{BaseURL: srv.URL + "/openapi/api", Tokens: auth.NewStaticToken("test-token-1"), MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f, &toolkit.Deps{API: api, Resolver: resolve.New(api, resolve.Options{})}
}

// structured decodes a result's structuredContent.
func structured(t testing.TB, res *mcp.CallToolResult) map[string]any {
	t.Helper()
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("structuredContent %s: %v", b, err)
	}
	return m
}

// testRegistry is built once: building checks and compiles every schema.
var testRegistry = sync.OnceValue(MustRegistry)

// call runs a registered tool with JSON arguments.
func call(t *testing.T, d *toolkit.Deps, name, args string) *mcp.CallToolResult {
	t.Helper()
	tool, ok := testRegistry().Tool(name)
	if !ok {
		t.Fatalf("no tool %q", name)
	}
	return tool.Call(context.Background(), d, json.RawMessage(args))
}

// refusal is a call with invalid arguments: the tool must answer isError
// with every want in its text, and send nothing upstream.
type refusal struct {
	tool, args string
	want       []string
}

// assertRefused runs each refusal against its own fake Leiga and checks the
// isError result, every wanted substring, and that no request was sent.
func assertRefused(t *testing.T, cases []refusal) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.tool+" "+tt.args, func(t *testing.T) {
			f, d := newFake(t)
			res := call(t, d, tt.tool, tt.args)
			if !res.IsError {
				t.Fatalf("want isError, got %s", text(res))
			}
			for _, w := range tt.want {
				if !strings.Contains(text(res), w) {
					t.Errorf("error %q does not contain %q", text(res), w)
				}
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("sent %d requests for invalid arguments", n)
			}
		})
	}
}

// assertEffects checks that each named tool exists in toolset with the
// wanted effect.
func assertEffects(t *testing.T, toolset string, want map[string]toolkit.Effect) {
	t.Helper()
	reg := testRegistry()
	for name, effect := range want {
		tool, ok := reg.Tool(name)
		if !ok {
			t.Errorf("no tool %s", name)
			continue
		}
		if tool.Effect != effect {
			t.Errorf("%s: effect %s, want %s", name, tool.Effect, effect)
		}
		if tool.Toolset != toolset {
			t.Errorf("%s: toolset %s", name, tool.Toolset)
		}
	}
}

// text returns a result's first text content.
func text(res *mcp.CallToolResult) string {
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			return tc.Text
		}
	}
	return ""
}
