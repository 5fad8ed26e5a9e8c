package tools_test

// FuzzToolArguments calls every registered tool with arbitrary argument
// bytes against a fake Leiga whose answer the input also picks (success,
// lists, envelope errors, HTTP 500, HTML, cut-off JSON, or the sandbox).
// Whatever comes in, Call must not panic, must not hang, and must return a
// result the server can send; a failure must be an isError result with a
// message. Arguments that are not a JSON object must be refused.
//
//	go test -run '^$' -fuzz '^FuzzToolArguments$' -fuzztime 15s ./tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/mark3labs/mcp-go/mcp"
)

// fuzzToken is the access token the fake Leiga is called with; it must
// never appear in a result.
const fuzzToken = "fuzz-access-token-3f9c1a7e"

// fixedReply is a fake Leiga that gives every request the same answer.
type fixedReply struct {
	status int
	ctype  string
	body   string
}

func (f fixedReply) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	return &http.Response{
		StatusCode:    f.status,
		Header:        http.Header{"Content-Type": {f.ctype}},
		Body:          io.NopCloser(strings.NewReader(f.body)),
		ContentLength: int64(len(f.body)),
		Request:       req,
	}, nil
}

// fuzzReplies are the upstream behaviours an input can pick; the last one
// is the sandbox, reset before each call.
var fuzzReplies = []fixedReply{
	{200, "application/json", `{"code":"0","msg":"success","data":{"ok":true,"id":42}}`},
	{200, "application/json", `{"code":"0","msg":"success","data":{"total":3,"list":[{"id":1,"name":"a\u200bb","issueNumber":"MOBILE-1"},{"id":2,"name":"c","createTime":1700000000000},{"id":3,"name":null}]}}`},
	{200, "application/json", `{"code":0,"msg":"success","data":[{"id":1,"name":"x","projectKey":"MOBILE"},{"id":"2"}]}`},
	{200, "application/json", `{"code":"0","msg":"success","data":null}`},
	{200, "application/json", `{"code":"0","msg":"success","data":"text"}`},
	{200, "application/json", `{"code":"404","msg":"not found","data":null}`},
	{401, "application/json", `{"code":"401","msg":"accessToken invalid or expired","data":null}`},
	{500, "application/json", `{"code":"500","msg":"Internal Server Error","data":null}`},
	{200, "text/html", "<!DOCTYPE html><html><body>Bad Gateway</body></html>"},
	{200, "application/json", `{"code":"0","msg":"success","data":{"total":12,"list":[{"id":10001,"summ`},
	{200, "application/octet-stream", "\x00\x01binary"},
}

// fuzzDeps builds one Deps per reply, plus one for the sandbox.
func fuzzDeps(tb testing.TB, reg *toolkit.Registry) ([]*toolkit.Deps, *sandbox.Sandbox) {
	tb.Helper()
	reach := toolkit.NewReach(reg.Tools(), nil)
	mk := func(rt http.RoundTripper, token string) *toolkit.Deps {
		api, err := leigaapi.New(leigaapi.Options{
			BaseURL:     "http://leiga.invalid/openapi/api",
			Tokens:      auth.NewStaticToken(token),
			HTTPClient:  &http.Client{Transport: rt},
			Timeout:     5 * time.Second,
			MaxAttempts: 1, // retries are not what is fuzzed; backoff would only slow it down
		})
		if err != nil {
			tb.Fatal(err)
		}
		return &toolkit.Deps{API: api, Reach: reach, Location: time.UTC, Resolver: resolve.New(api, resolve.Options{Location: time.UTC})}
	}
	var deps []*toolkit.Deps
	for _, r := range fuzzReplies {
		deps = append(deps, mk(r, fuzzToken))
	}
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	deps = append(deps, mk(sb.Transport(), sandbox.StaticToken))
	return deps, sb
}

// notAnObject reports whether raw is something other than a JSON object
// (empty and null stand for no arguments).
func notAnObject(raw []byte) bool {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || bytes.Equal(t, []byte("null")) {
		return false
	}
	return !json.Valid(t) || t[0] != '{'
}

func FuzzToolArguments(f *testing.F) {
	reg, err := tools.NewRegistry()
	if err != nil {
		f.Fatal(err)
	}
	list := reg.Tools()
	deps, sb := fuzzDeps(f, reg)
	index := map[string]uint16{}
	for i, t := range list {
		index[t.Name] = uint16(i)
	}
	sandboxMode := uint8(len(deps) - 1)
	for _, s := range []struct {
		tool  string
		reply uint8
		args  string
	}{
		{"project_list", 1, `{}`},
		{"issue_get", sandboxMode, `{"id":10001}`},
		{"issue_get", 0, `{"id":"x"}`},
		{"issue_add", sandboxMode, `{"projectId":101,"issueTypeId":1,"data":{"summary":"s","label":[501]}}`},
		{"issue_update", 7, `{"id":10002,"data":{"summary":"x","priority":null}}`},
		{"issue_page", 9, `{"projectId":101,"pageSize":100,"fields":["id","summary"]}`},
		{"comment_add", 5, `{"commentModule":"issue","linkId":1,"content":"<b>hi</b>"}`},
		{"file_upload", 0, `{"fileName":"a.txt","contentBase64":"aGVsbG8="}`},
		{"file_upload", 0, `{"fileName":"a.txt","path":"/etc/passwd"}`},
		{"file_download", 10, `{"fileKey":"fk-9001"}`},
		{"leiga_call_tool", sandboxMode, `{"name":"tag_list","arguments":{"projectId":101}}`},
		{"leiga_call_tool", 2, `{"name":"leiga_call_tool","arguments":{"name":"leiga_call_tool"}}`},
		{"leiga_describe_tool", 0, `{"name":"issue_add"}`},
		{"leiga_search_tools", 0, `{"query":"` + strings.Repeat("release ", 200) + `"}`},
		{"get_issue", sandboxMode, `{"issue":"MOBILE-1","include_comments":true}`},
		{"create_issue", sandboxMode, `{"project":"MOBILE","summary":"x","priority":"High","assignee":"me"}`},
		{"search_issues", sandboxMode, `{"project":"MOBILE","status":["open"],"created":"2026-01-01..today"}`},
		{"version_all_version", 3, `[]`},
		{"tag_list", 4, `"text"`},
		{"sprint_get", 6, `{"id":1e400}`},
		{"epic_page", 8, `{"projectId":101,"pageNumber":-1}`},
	} {
		i, ok := index[s.tool]
		if !ok {
			continue // a tool renamed or not yet there: the seed corpus files still cover the shapes
		}
		f.Add(i, s.reply, []byte(s.args))
	}
	f.Fuzz(func(t *testing.T, toolIndex uint16, reply uint8, args []byte) {
		tool := list[int(toolIndex)%len(list)]
		mode := int(reply) % len(deps)
		if mode == int(sandboxMode) {
			if err := sb.Reset(); err != nil {
				t.Fatal(err)
			}
		}
		type outcome struct {
			res   *mcp.CallToolResult
			panic any
			stack []byte
		}
		done := make(chan outcome, 1)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		go func() {
			defer func() {
				if v := recover(); v != nil {
					done <- outcome{panic: v, stack: debug.Stack()}
				}
			}()
			done <- outcome{res: tool.Call(ctx, deps[mode], json.RawMessage(args))}
		}()
		var out outcome
		select {
		case out = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s (reply %d) %q: no result within 10s", tool.Name, mode, args)
		}
		if out.panic != nil {
			t.Fatalf("%s (reply %d) %q: panic: %v\n%s", tool.Name, mode, args, out.panic, out.stack)
		}
		res := out.res
		if res == nil {
			t.Fatalf("%s (reply %d) %q: nil result", tool.Name, mode, args)
		}
		wire, err := json.Marshal(res)
		if err != nil {
			t.Fatalf("%s (reply %d) %q: result cannot be sent: %v", tool.Name, mode, args, err)
		}
		if bytes.Contains(wire, []byte(fuzzToken)) {
			t.Fatalf("%s (reply %d) %q: the access token is in the result: %s", tool.Name, mode, args, wire)
		}
		if notAnObject(args) && !res.IsError {
			t.Fatalf("%s (reply %d): arguments %q are not a JSON object but were accepted: %s", tool.Name, mode, args, wire)
		}
		if res.IsError {
			if msg := errorText(res); strings.TrimSpace(msg) == "" {
				t.Fatalf("%s (reply %d) %q: isError without a message: %s", tool.Name, mode, args, wire)
			}
		}
	})
}

// errorText is the text of a result's first text content.
func errorText(res *mcp.CallToolResult) string {
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			return tc.Text
		}
	}
	return fmt.Sprint(res.Content)
}
