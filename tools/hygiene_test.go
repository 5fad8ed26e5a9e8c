package tools

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

// TestStructuredContentIsRedacted: an upstream that echoes the request's
// own token leaks it neither in the text nor in structuredContent (#13
// item 6).
func TestStructuredContentIsRedacted(t *testing.T) {
	f, d := newFake(t)
	const token = "per-request-token-7f3a9"
	f.replies["GET /project/list"] = `{"code":"0","msg":"ok","data":[{"id":1,"pname":"echo ` + token + `","pkey":"ABC"}]}`
	ctx := leigaapi.WithTokenSource(context.Background(), auth.NewStaticToken(token))
	tool, _ := testRegistry().Tool("project_list")
	res := tool.Call(ctx, d, json.RawMessage(`{}`))
	b, _ := json.Marshal(res.StructuredContent)
	if strings.Contains(text(res), token) || strings.Contains(string(b), token) {
		t.Errorf("token leaked: text %q, structured %s", text(res), b)
	}
	if !strings.Contains(string(b), "[REDACTED]") {
		t.Errorf("structured content %s, want the token replaced", b)
	}
}

// TestUpstreamErrorsAreCleaned: control characters, ANSI escapes and
// bidirectional overrides in Leiga's error messages never reach a model
// (#13 item 7).
func TestUpstreamErrorsAreCleaned(t *testing.T) {
	f, d := newFake(t)
	f.replies["GET /issue/get"] = `{"code":"10010","msg":"bad\n\u001b[31mred\u001b[0m \u202eevil","data":null}`
	res := call(t, d, "issue_get", `{"id":7}`)
	msg := text(res)
	if !res.IsError || strings.ContainsAny(msg, "\n\x1b\u202e") || !strings.Contains(msg, "bad [31mred[0m evil") {
		t.Errorf("error %q, want one clean line", msg)
	}
}
