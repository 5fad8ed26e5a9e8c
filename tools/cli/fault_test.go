package cli

// Fault tests: the MCP server built by the CLI's own code (config → app →
// server, exactly as `leiga-mcp --base-url URL` with LEIGA_CLIENT_ID and
// LEIGA_SECRET builds it) talks over loopback HTTP to a sandbox Leiga whose
// fault switches the test controls, and an in-process mcp-go client drives
// it. After every fault the server must still answer, and the next call
// must succeed.

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// syncBufferCap bounds a syncBuffer: past it, the older half is dropped,
// so that a long run logging every call keeps a bounded heap.
const syncBufferCap = 1 << 20

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len()+len(p) > syncBufferCap {
		tail := bytes.Clone(s.b.Bytes()[s.b.Len()/2:])
		s.b.Reset()
		s.b.Write(tail)
	}
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rig is a server built the way the CLI builds it, against a sandbox Leiga
// on a loopback port.
type rig struct {
	sb   *sandbox.Sandbox
	up   *httptest.Server // the sandbox's HTTP server (nil when upstream is down)
	rt   *app
	srv  *server.MCPServer
	c    *client.Client // in-process MCP client
	logs *syncBuffer
}

// rigOptions shape newRig.
type rigOptions struct {
	baseURL  string        // default: a new sandbox on a loopback port
	timeout  time.Duration // --timeout; default 10s
	logLevel string        // --log-level; default info
	noClient bool          // do not start the in-process client
}

// newTestApp builds the CLI's app for baseURL with the sandbox's client id
// and secret in the environment: the same config → app path as
// `leiga-mcp --toolsets all --base-url baseURL`.
func newTestApp(t testing.TB, baseURL string, timeout time.Duration, logLevel string, logs *syncBuffer) *app {
	t.Helper()
	envVars := map[string]string{
		"LEIGA_CLIENT_ID":   sandbox.ClientID,
		"LEIGA_SECRET":      sandbox.Secret,
		"LEIGA_TOKEN_CACHE": "off",
		"LEIGA_USER":        "alice.chen@acme.example", // the sandbox's API user, for "me"
	}
	env := Env{Stdin: strings.NewReader(""), Stdout: logs, Stderr: logs, Getenv: func(k string) string { return envVars[k] }}
	c := &config{}
	if err := c.defaults(env); err != nil {
		t.Fatal(err)
	}
	c.Toolsets = listFlag{"all"}
	c.BaseURL = baseURL
	c.Timeout = timeout
	c.LogLevel = logLevel
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
		t.Fatalf("app: %v", err)
	}
	t.Cleanup(rt.close)
	return rt
}

func newRig(t testing.TB, o rigOptions) *rig {
	t.Helper()
	if o.timeout == 0 {
		o.timeout = 10 * time.Second
	}
	if o.logLevel == "" {
		o.logLevel = "info"
	}
	r := &rig{logs: &syncBuffer{}}
	if o.baseURL == "" {
		sb, err := sandbox.New(sandbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r.sb = sb
		r.up = httptest.NewServer(sb)
		t.Cleanup(r.up.Close)
		o.baseURL = r.up.URL + "/openapi/api"
	}
	r.rt = newTestApp(t, o.baseURL, o.timeout, o.logLevel, r.logs)
	r.srv = r.rt.server()
	if o.noClient {
		return r
	}
	c, err := client.NewInProcessClient(r.srv)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := c.Start(ctx); err != nil {
		t.Fatal(err)
	}
	initialize(t, ctx, c)
	r.c = c
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", r.logs.String())
		}
	})
	return r
}

// initialize runs the MCP handshake and returns the server's answer.
func initialize(t testing.TB, ctx context.Context, c *client.Client) *mcp.InitializeResult {
	t.Helper()
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "leiga-mcp-tests", Version: "1"}
	res, err := c.Initialize(ctx, init)
	if err != nil {
		t.Fatalf("initialize: %v", err)
	}
	return res
}

// call makes one tools/call and returns the result, its text and how long
// it took. A JSON-RPC error (rather than an isError result) fails the test.
func (r *rig) call(t testing.TB, name string, args map[string]any) (*mcp.CallToolResult, string, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := callTool(ctx, r.c, name, args)
	if err != nil {
		t.Fatalf("tools/call %s: protocol error instead of a tool result: %v", name, err)
	}
	return res.CallToolResult, res.text, res.took
}

// toolResult is one call's outcome.
type toolResult struct {
	*mcp.CallToolResult
	text string
	took time.Duration
}

// callTool calls a tool and collects its text.
func callTool(ctx context.Context, c *client.Client, name string, args map[string]any) (toolResult, error) {
	req := mcp.CallToolRequest{}
	req.Params.Name = name
	req.Params.Arguments = args
	start := time.Now()
	res, err := c.CallTool(ctx, req)
	took := time.Since(start)
	if err != nil {
		return toolResult{took: took}, err
	}
	return toolResult{CallToolResult: res, text: resultText(res), took: took}, nil
}

// mustSucceed calls a tool and fails the test on an isError result.
func (r *rig) mustSucceed(t testing.TB, name string, args map[string]any) string {
	t.Helper()
	res, text, _ := r.call(t, name, args)
	if res.IsError {
		t.Fatalf("%s: isError: %s", name, text)
	}
	return text
}

// mustFail calls a tool, expects an isError result whose text has every
// one of want, and returns the text and duration.
func (r *rig) mustFail(t testing.TB, name string, args map[string]any, want ...string) (string, time.Duration) {
	t.Helper()
	res, text, took := r.call(t, name, args)
	if !res.IsError {
		t.Fatalf("%s: want isError, got success: %s", name, text)
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: error %q lacks %q", name, text, w)
		}
	}
	if strings.Contains(text, sandbox.Secret) {
		t.Errorf("%s: error leaks the secret: %s", name, text)
	}
	return text, took
}

// requests returns how many times the sandbox received "METHOD /path".
func (r *rig) requests(key string) int { return r.sb.Stats().Requests[key] }

// healthy checks the server still answers: a call that needs no upstream,
// and a call that does.
func (r *rig) healthy(t testing.TB) {
	t.Helper()
	r.mustSucceed(t, "leiga_search_tools", map[string]any{"query": "release a version"})
	if got := r.mustSucceed(t, "project_list", nil); !strings.Contains(got, "MOBILE") {
		t.Fatalf("project_list after fault: %s", got)
	}
}

const projectList = "GET /project/list"

func TestFaultRead500(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t) // fetches the token

	r.sb.SetFaults(sandbox.Faults{Status: 500, PathPrefix: "/project/list"})
	before := r.requests(projectList)
	_, took := r.mustFail(t, "project_list", nil, "HTTP 500", fmt.Sprintf("after %d attempts", leigaapi.DefaultMaxAttempts), "try again shortly")
	if n := r.requests(projectList) - before; n != leigaapi.DefaultMaxAttempts {
		t.Errorf("a failing read was sent %d times, want %d (retried within bounds)", n, leigaapi.DefaultMaxAttempts)
	}
	if took > 5*time.Second {
		t.Errorf("three attempts took %s", took)
	}

	// A transient 500 is absorbed by the retries.
	r.sb.SetFaults(sandbox.Faults{Status: 500, Count: 2, PathPrefix: "/project/list"})
	before = r.requests(projectList)
	r.mustSucceed(t, "project_list", nil)
	if n := r.requests(projectList) - before; n != 3 {
		t.Errorf("read after two 500s sent %d times, want 3", n)
	}

	r.sb.SetFaults(sandbox.Faults{})
	r.healthy(t)
}

func TestFaultWrite500(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t)
	for _, status := range []int{500, 502} {
		r.sb.SetFaults(sandbox.Faults{Status: status, PathPrefix: "/tag/add"})
		before := r.requests("POST /tag/add")
		r.mustFail(t, "tag_add", map[string]any{"projectId": sandbox.DemoProjectMobile, "tagName": fmt.Sprintf("fault-%d", status)},
			fmt.Sprintf("HTTP %d", status), "may or may not have been applied")
		if n := r.requests("POST /tag/add") - before; n != 1 {
			t.Errorf("HTTP %d on a write: sent %d times upstream, want exactly 1", status, n)
		}
	}
	r.sb.SetFaults(sandbox.Faults{})
	r.healthy(t)
	if got := r.mustSucceed(t, "tag_add", map[string]any{"projectId": sandbox.DemoProjectMobile, "tagName": "after-fault"}); !strings.Contains(got, "after-fault") {
		t.Errorf("tag_add after fault: %s", got)
	}
}

func TestFault429RetryAfter(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t)
	tests := []struct {
		tool, key string
		args      map[string]any
	}{
		{"project_list", projectList, nil},
		{"tag_add", "POST /tag/add", map[string]any{"projectId": sandbox.DemoProjectWeb, "tagName": "after-429"}}, // a 429 write was refused, not applied: resent
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			r.sb.SetFaults(sandbox.Faults{Status: 429, Count: 1, RetryAfter: 1, PathPrefix: tt.key[strings.Index(tt.key, " ")+1:]})
			before := r.requests(tt.key)
			res, text, took := r.call(t, tt.tool, tt.args)
			if res.IsError {
				t.Fatalf("429 then success: isError: %s", text)
			}
			if n := r.requests(tt.key) - before; n != 2 {
				t.Errorf("sent %d times, want 2 (one 429, one retry)", n)
			}
			if took < 900*time.Millisecond {
				t.Errorf("retried after %s: Retry-After: 1 not honoured", took)
			}
		})
	}
	// A server that keeps refusing: bounded attempts, then a clear error.
	r.sb.SetFaults(sandbox.Faults{Status: 429, RetryAfter: 1, PathPrefix: "/project/list"})
	before := r.requests(projectList)
	r.mustFail(t, "project_list", nil, "HTTP 429", "try again shortly")
	if n := r.requests(projectList) - before; n != leigaapi.DefaultMaxAttempts {
		t.Errorf("persistent 429: sent %d times, want %d", n, leigaapi.DefaultMaxAttempts)
	}
	r.sb.SetFaults(sandbox.Faults{})
	r.healthy(t)
}

func TestFaultSlowUpstream(t *testing.T) {
	const timeout = 300 * time.Millisecond
	r := newRig(t, rigOptions{timeout: timeout})
	r.healthy(t)

	r.sb.SetFaults(sandbox.Faults{Latency: 2 * time.Second, PathPrefix: "/project/list"})
	before := r.requests(projectList)
	_, took := r.mustFail(t, "project_list", nil, "no answer within 300ms", "try again shortly")
	if took > timeout+700*time.Millisecond {
		t.Errorf("timed-out read took %s with --timeout %s", took, timeout)
	}
	if n := r.requests(projectList) - before; n < 1 || n > leigaapi.DefaultMaxAttempts {
		t.Errorf("timed-out read sent %d times", n)
	}

	// The sandbox handler keeps sleeping after the client gave up on a
	// POST (it has not read the body yet), so keep this latency short.
	r.sb.SetFaults(sandbox.Faults{Latency: time.Second, PathPrefix: "/tag/add"})
	before = r.requests("POST /tag/add")
	_, took = r.mustFail(t, "tag_add", map[string]any{"projectId": sandbox.DemoProjectOps, "tagName": "slow"}, "no answer within 300ms", "may or may not have been applied")
	if n := r.requests("POST /tag/add") - before; n != 1 {
		t.Errorf("timed-out write sent %d times, want exactly 1", n)
	}
	if took > timeout+700*time.Millisecond {
		t.Errorf("timed-out write took %s with --timeout %s", took, timeout)
	}

	// Slow but within the deadline still works.
	r.sb.SetFaults(sandbox.Faults{Latency: 50 * time.Millisecond})
	r.mustSucceed(t, "project_list", nil)
	r.sb.SetFaults(sandbox.Faults{})
	r.healthy(t)
}

func TestFaultBadBodies(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t)
	tests := []struct {
		name   string
		faults sandbox.Faults
		want   string
	}{
		{"truncated", sandbox.Faults{Truncate: true}, "not valid JSON"},
		{"html", sandbox.Faults{NonJSON: true}, "not a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.faults
			f.PathPrefix = "/project/list"
			r.sb.SetFaults(f)
			before := r.requests(projectList)
			r.mustFail(t, "project_list", nil, "unexpected response", tt.want)
			if n := r.requests(projectList) - before; n < 1 || n > leigaapi.DefaultMaxAttempts {
				t.Errorf("read sent %d times", n)
			}

			// Once only: the retry of the read gets a good body.
			f.Count = 1
			r.sb.SetFaults(f)
			r.mustSucceed(t, "project_list", nil)

			// A write whose answer is unreadable may have been applied: not resent.
			f = tt.faults
			f.PathPrefix = "/tag/add"
			r.sb.SetFaults(f)
			before = r.requests("POST /tag/add")
			r.mustFail(t, "tag_add", map[string]any{"projectId": sandbox.DemoProjectWeb, "tagName": "body-" + tt.name}, "unexpected response", tt.want)
			if n := r.requests("POST /tag/add") - before; n != 1 {
				t.Errorf("write with a bad answer sent %d times, want exactly 1", n)
			}
			r.sb.SetFaults(sandbox.Faults{})
			r.healthy(t)
		})
	}
}

func TestFaultEnvelopeErrors(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t)
	tests := []struct {
		tool, key string
		args      map[string]any
		want      []string
	}{
		{"issue_get_by_issue_number", "GET /issue/get-by-issue-number", map[string]any{"issueNumber": "MOBILE-99999"}, []string{"code 404", "MOBILE-99999 not found"}},
		{"tag_add", "POST /tag/add", map[string]any{"projectId": 999, "tagName": "x"}, []string{"code 404", "999"}},
		{"tag_add", "POST /tag/add", map[string]any{"projectId": sandbox.DemoProjectMobile, "tagName": "bug"}, []string{"code 409"}},
	}
	for _, tt := range tests {
		before := r.requests(tt.key)
		r.mustFail(t, tt.tool, tt.args, tt.want...)
		if n := r.requests(tt.key) - before; n != 1 {
			t.Errorf("%s %v: envelope error sent %d times, want 1 (not retried)", tt.tool, tt.args, n)
		}
		r.healthy(t)
	}
}

func TestFaultTokenRevokedMidRun(t *testing.T) {
	r := newRig(t, rigOptions{})
	r.healthy(t)
	tokensBefore := r.sb.Stats().TokenRequests

	const workers, perWorker = 8, 40
	var done, failed atomic.Int64
	revoked := make(chan struct{})
	var errs syncBuffer
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				name, args := "project_list", map[string]any(nil)
				if (w+i)%2 == 1 {
					name, args = "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-1"}
				}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				res, err := callTool(ctx, r.c, name, args)
				cancel()
				if err != nil || res.IsError {
					failed.Add(1)
					fmt.Fprintf(&errs, "%s: err=%v text=%s\n", name, err, res.text)
				}
				if done.Add(1) == workers*perWorker/4 {
					r.sb.RevokeTokens()
					close(revoked)
				}
			}
		})
	}
	wg.Wait()
	select {
	case <-revoked:
	default:
		t.Fatal("tokens were never revoked")
	}
	if n := failed.Load(); n != 0 {
		t.Errorf("%d of %d calls failed across the token revocation:\n%s", n, workers*perWorker, errs.String())
	}
	if n := r.sb.Stats().TokenRequests - tokensBefore; n != 1 {
		t.Errorf("%d token requests after the revocation, want exactly 1", n)
	}
	r.healthy(t)
	if n := r.sb.Stats().TokenRequests - tokensBefore; n != 1 {
		t.Errorf("%d token requests in all, want 1", n)
	}
}

func TestFaultUpstreamDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	r := newRig(t, rigOptions{baseURL: "http://" + addr + "/openapi/api", timeout: 5 * time.Second})

	for _, call := range []struct {
		name string
		args map[string]any
	}{
		{"project_list", nil},
		{"tag_add", map[string]any{"projectId": sandbox.DemoProjectMobile, "tagName": "down"}},
		{"leiga_call_tool", map[string]any{"name": "issue_get", "arguments": map[string]any{"id": 10001}}},
	} {
		text, took := r.mustFail(t, call.name, call.args, "nothing answers at "+addr, "check LEIGA_BASE_URL")
		if took > 5*time.Second {
			t.Errorf("%s with the upstream down took %s", call.name, took)
		}
		if strings.Contains(text, "panic") {
			t.Errorf("%s: %s", call.name, text)
		}
	}
	// The server is still up for everything that needs no upstream.
	r.mustSucceed(t, "leiga_search_tools", map[string]any{"query": "create an issue"})

	// The upstream comes back on the same address: the next call succeeds.
	ln2, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again to bring the upstream back: %v", addr, err)
	}
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	up := httptest.NewUnstartedServer(sb)
	up.Listener.Close()
	up.Listener = ln2
	up.Start()
	defer up.Close()
	r.sb = sb
	r.healthy(t)
	r.mustSucceed(t, "tag_add", map[string]any{"projectId": sandbox.DemoProjectMobile, "tagName": "back-up"})
}
