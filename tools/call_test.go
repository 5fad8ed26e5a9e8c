package tools

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

func TestInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"issue_get", `{}`, []string{`invalid arguments for issue_get`, `missing required field "id"`}},
		{"issue_get", `{"id":"seven"}`, []string{`field "id": expected integer, got string "seven"`}},
		{"issue_get", `{"id":7,"idd":8}`, []string{`unknown field "idd"; valid fields: id`}},
		{"issue_get", `[1]`, []string{`arguments must be a JSON object, got an array`}},
		{"issue_get_by_issue_number", `{"issueNumber":"123"}`, []string{`field "issueNumber"`, `"123"`}},
		{"issue_add", `{"projectId":1,"issueTypeId":2,"data":{"sumary":"x"}}`, []string{`invalid arguments for issue_add: unknown field code "sumary" in data; valid codes: summary, status, customfield_3`}},
		{"issue_add", `{"projectId":1,"issueTypeId":2,"data":{"label":["a"]}}`, []string{`field "data.label[0]": expected integer, got string "a"`}},
		{"issue_add", `{"projectId":1,"issueTypeId":2,"data":{"dueDate":"soon"}}`, []string{`field "data.dueDate"`}},
		{"issue_get", `{"id":1e999999999}`, []string{`field "id": the number 1e999999999 is out of range`}},
		{"issue_add", `{"projectId":1,"issueTypeId":2,"data":{"label":[1,-1e-999999999]}}`, []string{`field "data.label[1]": the number -1e-999999999 is out of range`}},
	})
}

func TestLeigaFailuresAreToolErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		reply  string
		tool   string
		want   string
	}{
		{"envelope", 200, `{"code":"10010","msg":"Issue number ZZZ-1 does not exist","data":null}`, "issue_get_by_issue_number",
			"Leiga GET /issue/get-by-issue-number failed: code 10010: Issue number ZZZ-1 does not exist"},
		{"http 500 on a write", 500, `{"code":"500","msg":"internal"}`, "issue_add",
			"HTTP 500, code 500: internal. The change may or may not have been applied: read it back before trying again."},
		{"http 500 on a read", 500, `oops`, "issue_get_by_issue_number", "HTTP 500: oops. Leiga is unavailable or slow; try again shortly."},
	}
	args := map[string]string{"issue_get_by_issue_number": `{"issueNumber":"ZZZ-1"}`, "issue_add": `{"projectId":1,"issueTypeId":2,"data":{"summary":"x"}}`}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, d := newFake(t)
			f.status = tt.status
			for _, m := range []string{"GET /issue/get-by-issue-number", "POST /issue/add"} {
				f.replies[m] = tt.reply
			}
			res := call(t, d, tt.tool, args[tt.tool])
			if !res.IsError || !strings.Contains(text(res), tt.want) {
				t.Errorf("result = %v %q, want isError containing %q", res.IsError, text(res), tt.want)
			}
		})
	}
}

func TestResultShape(t *testing.T) {
	f, d := newFake(t)
	f.replies["GET /project/list"] = `{"code":"0","msg":"ok","data":[{"id":1,"projectKey":"MOBILE","projectName":"Mobile\u200b App\u0007"}]}`
	res := call(t, d, "project_list", `{}`)
	if res.IsError {
		t.Fatal(text(res))
	}
	want := "| id | projectKey | projectName |\n|---|---|---|\n| 1 | MOBILE | Mobile App |"
	if text(res) != want {
		t.Errorf("text = %s, want %s", text(res), want)
	}
	sc, ok := structured(t, res), true
	if !ok || len(sc["items"].([]any)) != 1 {
		t.Errorf("structuredContent = %#v", res.StructuredContent)
	}
}

// TestCallHidesRequestSecrets: a result or error that echoes a client's own
// header token hides it in that client's call only; the same text made for
// another client, or for the server's credentials, is left as it is.
func TestCallHidesRequestSecrets(t *testing.T) {
	const token = "client-token-4711"
	reg := auth.NewSourceRegistry(nil, 0)
	ctxOf := func(tok string) context.Context {
		ts, _, err := reg.FromHeaders(http.Header{auth.HeaderAccessToken: {tok}})
		if err != nil {
			t.Fatal(err)
		}
		return leigaapi.WithTokenSource(context.Background(), ts)
	}
	replies := map[string]string{
		"result": `{"code":"0","msg":"ok","data":[{"id":1,"projectKey":"MOBILE","projectName":"` + token + `"}]}`,
		"error":  `{"code":"10010","msg":"token ` + token + ` has no access","data":null}`,
	}
	tests := []struct {
		name, reply string
		ctx         context.Context
		hidden      bool
	}{
		{"own result", "result", ctxOf(token), true},
		{"own error", "error", ctxOf(token), true},
		{"another client's result", "result", ctxOf("other-token-0815"), false},
		{"another client's error", "error", ctxOf("other-token-0815"), false},
		{"server's result", "result", context.Background(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, d := newFake(t)
			f.replies["GET /project/list"] = replies[tt.reply]
			tool, _ := testRegistry().Tool("project_list")
			got := text(tool.Call(tt.ctx, d, json.RawMessage(`{}`)))
			if strings.Contains(got, token) == tt.hidden || strings.Contains(got, "[REDACTED]") != tt.hidden {
				t.Fatalf("result %q: want the token hidden = %v", got, tt.hidden)
			}
		})
	}
}
