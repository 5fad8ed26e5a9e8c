package tools_test

// In-process tool dispatch: argument validation, decoding and binding, the
// Leiga client (token, request, envelope decoding) and result shaping,
// against a fake upstream that answers canned envelopes without a socket.
// The envelopes are the sandbox's real answers to the same calls, recorded
// once before timing starts.
//
//	go test -run '^$' -bench BenchmarkDispatch -benchmem ./tools
//
// Targets: ≤ 50 µs and ≤ 200 allocs per call.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools"
)

// cannedResponse is one recorded upstream answer.
type cannedResponse struct {
	status int
	header http.Header
	body   []byte
}

// cannedTransport answers each "METHOD /path" with the body recorded from
// the sandbox the first time it was asked. After freeze it never calls the
// sandbox again: an unknown path is an error.
type cannedTransport struct {
	next   http.RoundTripper
	mu     sync.Mutex
	frozen bool
	byPath map[string]*cannedResponse
}

func newCannedTransport(next http.RoundTripper) *cannedTransport {
	return &cannedTransport{next: next, byPath: map[string]*cannedResponse{}}
}

func (c *cannedTransport) freeze() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.frozen = true
}

func (c *cannedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.Method + " " + req.URL.Path
	c.mu.Lock()
	canned, ok := c.byPath[key]
	frozen := c.frozen
	c.mu.Unlock()
	if !ok {
		if frozen {
			return nil, fmt.Errorf("canned transport: nothing recorded for %s", key)
		}
		resp, err := c.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		canned = &cannedResponse{status: resp.StatusCode, header: resp.Header, body: body}
		c.mu.Lock()
		c.byPath[key] = canned
		c.mu.Unlock()
	} else if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode:    canned.status,
		Header:        canned.header,
		Body:          io.NopCloser(bytes.NewReader(canned.body)),
		ContentLength: int64(len(canned.body)),
		Request:       req,
	}, nil
}

// benchDeps returns Deps whose Leiga client talks to a canned transport.
func benchDeps(tb testing.TB, reg *toolkit.Registry) (*toolkit.Deps, *cannedTransport) {
	tb.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	canned := newCannedTransport(sb.Transport())
	api, err := leigaapi.New(leigaapi.Options{
		BaseURL:    "http://leiga.invalid/openapi/api",
		Tokens:     auth.NewStaticToken(sandbox.StaticToken),
		HTTPClient: &http.Client{Transport: canned},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return &toolkit.Deps{API: api, Reach: toolkit.NewReach(reg.Tools(), nil), Location: time.UTC}, canned
}

// dispatchCases are representative calls: GET without and with
// parameters, a POST read with paging, a write, the catalog dispatcher and
// a tool that needs no upstream.
var dispatchCases = []struct {
	tool string
	args string
}{
	{"project_list", `{}`},
	{"issue_get_by_issue_number", `{"issueNumber":"MOBILE-1"}`},
	{"comment_page", `{"commentModule":"issue","linkId":10001,"pageSize":10}`},
	{"issue_update", `{"id":10002,"data":{"summary":"Benchmark summary","priority":2}}`},
	{"leiga_call_tool", `{"name":"tag_list","arguments":{"projectId":101}}`},
	{"leiga_search_tools", `{"query":"release a version"}`},
}

func BenchmarkDispatch(b *testing.B) {
	reg, err := tools.NewRegistry()
	if err != nil {
		b.Fatal(err)
	}
	d, canned := benchDeps(b, reg)
	ctx := context.Background()
	// Record every upstream answer once, and check each call succeeds.
	for _, bc := range dispatchCases {
		tool, ok := reg.Tool(bc.tool)
		if !ok {
			b.Fatalf("no tool %s", bc.tool)
		}
		if res := tool.Call(ctx, d, json.RawMessage(bc.args)); res.IsError {
			b.Fatalf("%s: %v", bc.tool, res.Content)
		}
	}
	canned.freeze()
	for _, bc := range dispatchCases {
		tool, _ := reg.Tool(bc.tool)
		args := json.RawMessage(bc.args)
		b.Run("tool="+bc.tool, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if res := tool.Call(ctx, d, args); res.IsError {
					b.Fatalf("%s: %v", bc.tool, res.Content)
				}
			}
		})
	}
}

// BenchmarkDispatchInvalid is the cost of refusing bad arguments (no
// upstream call).
func BenchmarkDispatchInvalid(b *testing.B) {
	reg, err := tools.NewRegistry()
	if err != nil {
		b.Fatal(err)
	}
	d, canned := benchDeps(b, reg)
	canned.freeze()
	tool, _ := reg.Tool("issue_update")
	args := json.RawMessage(`{"id":"x","data":{"summary":1,"bogus":true}}`)
	b.ReportAllocs()
	for b.Loop() {
		if res := tool.Call(context.Background(), d, args); !res.IsError {
			b.Fatal("invalid arguments accepted")
		}
	}
}
