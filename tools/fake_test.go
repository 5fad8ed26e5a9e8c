package tools

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
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

func (f *fakeLeiga) requests() []sent {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]sent(nil), f.got...)
}

// newFake starts a fake Leiga and returns Deps that call it.
func newFake(t *testing.T) (*fakeLeiga, *Deps) {
	t.Helper()
	f := &fakeLeiga{replies: map[string]string{}}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	api, err := leigaapi.New(leigaapi.Options{BaseURL: srv.URL + "/openapi/api", Tokens: leigaapi.NewStaticToken("test-token-1"), MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	return f, &Deps{API: api}
}

// testRegistry is built once: building checks and compiles every schema.
var testRegistry = sync.OnceValue(MustRegistry)

// call runs a registered tool with JSON arguments.
func call(t *testing.T, d *Deps, name, args string) *mcp.CallToolResult {
	t.Helper()
	tool, ok := testRegistry().Tool(name)
	if !ok {
		t.Fatalf("no tool %q", name)
	}
	return tool.Call(context.Background(), d, json.RawMessage(args))
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
