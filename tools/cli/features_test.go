package cli

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// sandboxClient returns an initialized in-process client on the server the
// CLI builds for `--sandbox` and the given extra flags.
func sandboxClient(t *testing.T, args ...string) *client.Client {
	t.Helper()
	env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string {
		if k == "LEIGA_TZ" {
			return "UTC"
		}
		return ""
	}}
	c, err := parseConfig("serve", append([]string{"--sandbox"}, args...), env, true)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.close)
	cl, err := client.NewInProcessClient(rt.server())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	initialize(t, context.Background(), cl)
	return cl
}

func TestPromptsThroughTheServer(t *testing.T) {
	cl := sandboxClient(t)
	ctx := context.Background()
	list, err := cl.ListPrompts(ctx, mcp.ListPromptsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range list.Prompts {
		names = append(names, p.Name)
	}
	for _, want := range []string{"create_issue_from_conversation", "triage_backlog", "plan_sprint", "daily_standup", "release_notes", "break_down_epic"} {
		if !slices.Contains(names, want) {
			t.Errorf("prompts/list lacks %s: %v", want, names)
		}
	}
	req := mcp.GetPromptRequest{}
	req.Params.Name = "release_notes"
	req.Params.Arguments = map[string]string{"project": "MOBILE", "version": "v1.1"}
	got, err := cl.GetPrompt(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	text := got.Messages[0].Content.(mcp.TextContent).Text
	for _, want := range []string{"MOBILE", `version: "v1.1"`, "search_issues"} {
		if !strings.Contains(text, want) {
			t.Errorf("release_notes prompt lacks %q", want)
		}
	}
	refused := []struct {
		prompt string
		args   map[string]string
		want   string
	}{
		{"release_notes", map[string]string{"project": "MOBILE"}, "missing required argument version"},
		{"release_notes", map[string]string{"project": "NOPE", "version": "v1.1"}, `argument "project": no project matches "NOPE"`},
		{"release_notes", map[string]string{"project": "MOBILE", "version": "v9"}, `argument "version"`},
		{"plan_sprint", map[string]string{"project": "OPS", "sprint": "Sprint 99"}, `argument "sprint"`},
		{"daily_standup", map[string]string{"user": "Zed Nobody"}, `argument "user"`},
	}
	for _, r := range refused {
		req.Params.Name = r.prompt
		req.Params.Arguments = r.args
		if _, err := cl.GetPrompt(ctx, req); err == nil || !strings.Contains(err.Error(), r.want) {
			t.Errorf("%s %v: err = %v, want %q", r.prompt, r.args, err, r.want)
		}
	}
	req.Params.Name = "plan_sprint"
	req.Params.Arguments = map[string]string{"project": "ops", "sprint": "sprint 13"}
	if _, err := cl.GetPrompt(ctx, req); err != nil {
		t.Errorf("plan_sprint with known names: %v", err)
	}
}

func TestResourcesThroughTheServer(t *testing.T) {
	cl := sandboxClient(t)
	ctx := context.Background()
	templates, err := cl.ListResourceTemplates(ctx, mcp.ListResourceTemplatesRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if _, want := tools.Resources(&toolkit.Deps{}); len(templates.ResourceTemplates) != len(want) {
		t.Errorf("%d resource templates, want %d", len(templates.ResourceTemplates), len(want))
	}
	tests := []struct {
		uri  string
		want []string
		fail string
	}{
		{"leiga://projects", []string{`"pkey":"MOBILE"`, `"pkey":"OPS"`}, ""},
		{"leiga://project/WEB", []string{`"projectName":"Web Platform"`}, ""},
		{"leiga://issue/MOBILE-3", []string{`"issueNumber":"MOBILE-3"`}, ""},
		{"leiga://sprint/202", []string{`"name":"Sprint 12"`}, ""},
		{"leiga://issue/MOBILE-99999", nil, "resource not found: leiga://issue/MOBILE-99999"},
		{"leiga://sprint/abc", nil, "resource not found"},
	}
	for _, tt := range tests {
		req := mcp.ReadResourceRequest{}
		req.Params.URI = tt.uri
		res, err := cl.ReadResource(ctx, req)
		if tt.fail != "" {
			if err == nil || !strings.Contains(err.Error(), tt.fail) {
				t.Errorf("%s: err = %v, want %q", tt.uri, err, tt.fail)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.uri, err)
			continue
		}
		text := res.Contents[0].(mcp.TextResourceContents).Text
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s lacks %s: %.300s", tt.uri, w, text)
			}
		}
	}
}

func TestCompletionsThroughTheServer(t *testing.T) {
	cl := sandboxClient(t)
	ctx := context.Background()
	tests := []struct {
		ref      any
		arg, val string
		context  map[string]string
		want     []string
	}{
		{mcp.PromptReference{Type: "ref/prompt", Name: "release_notes"}, "project", "mo", nil, []string{"MOBILE"}},
		{mcp.PromptReference{Type: "ref/prompt", Name: "release_notes"}, "version", "v1", nil, []string{"v1.0", "v1.1"}},
		{mcp.PromptReference{Type: "ref/prompt", Name: "plan_sprint"}, "sprint", "Sprint 1", map[string]string{"project": "OPS"}, []string{"Sprint 12", "Sprint 13"}},
		{mcp.PromptReference{Type: "ref/prompt", Name: "daily_standup"}, "user", "bo", nil, []string{"Bob Martinez"}},
		{mcp.ResourceReference{Type: "ref/resource", URI: "leiga://project/{key}"}, "key", "W", nil, []string{"WEB"}},
		{mcp.ResourceReference{Type: "ref/resource", URI: "leiga://issue/{number}"}, "number", "OP", nil, []string{"OPS-"}},
		{mcp.ResourceReference{Type: "ref/resource", URI: "leiga://issue/{number}"}, "number", "OPS-1", nil, []string{"OPS-1"}},
		{mcp.ResourceReference{Type: "ref/resource", URI: "leiga://sprint/{id}"}, "id", "22", nil, []string{"221", "222"}},
	}
	for _, tt := range tests {
		req := mcp.CompleteRequest{}
		req.Params.Ref = tt.ref
		req.Params.Argument.Name = tt.arg
		req.Params.Argument.Value = tt.val
		req.Params.Context.Arguments = tt.context
		res, err := cl.Complete(ctx, req)
		if err != nil {
			t.Errorf("%v %s=%q: %v", tt.ref, tt.arg, tt.val, err)
			continue
		}
		for _, w := range tt.want {
			if !slices.Contains(res.Completion.Values, w) {
				t.Errorf("%v %s=%q: values %v lack %q", tt.ref, tt.arg, tt.val, res.Completion.Values, w)
			}
		}
		for _, v := range res.Completion.Values {
			if !strings.HasPrefix(strings.ToLower(v), strings.ToLower(tt.val)) {
				t.Errorf("%v %s=%q: value %q does not match the prefix", tt.ref, tt.arg, tt.val, v)
			}
		}
	}
}
