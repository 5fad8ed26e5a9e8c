package prompts

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// maxWords bounds a rendered prompt (shared rules included).
const maxWords = 270

// rules are phrases every rendered prompt must carry (with the catalog).
var rules = []string{
	"Search before creating",
	"local time zone",
	"Confirm bulk writes",
	"never ids",
	"leiga_search_tools", "leiga_describe_tool", "leiga_call_tool",
}

func setOf(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// everything lists every tool the templates name, and the catalog. The
// tools package checks the prompts against the real registry.
var everything = Tools{Listed: setOf(
	"project_list", "search_issues", "my_issues", "get_issue", "create_issue", "update_issue", "add_comment",
	"sprint_list_with_count", "epic_page", "epic_detail", "version_all_version", "version_detail",
	"leiga_search_tools", "leiga_describe_tool", "leiga_call_tool",
)}

var cases = []struct {
	prompt   string
	required map[string]string
	all      map[string]string
	tools    []string // tools the text must name
	defaults []string // text shown when only required args are given
}{
	{
		prompt:   "create_issue_from_conversation",
		required: map[string]string{},
		all:      map[string]string{"project": "Apollo", "type": "Bug"},
		tools:    []string{"project_list", "search_issues", "create_issue", "add_comment"},
		defaults: []string{"infer it", `project: <project key>`},
	},
	{
		prompt:   "triage_backlog",
		required: map[string]string{"project": "Apollo"},
		all:      map[string]string{"project": "Apollo", "limit": "35"},
		tools:    []string{"search_issues", "sprint_list_with_count", "get_issue", "update_issue", "add_comment", "`assignee: \"none\"`", "`sprint: \"none\"`"},
		defaults: []string{"up to 20 open issues", "`page_size: 20`"},
	},
	{
		prompt:   "plan_sprint",
		required: map[string]string{"project": "Apollo"},
		all:      map[string]string{"project": "Apollo", "sprint": "Sprint 14", "capacity": "30 points"},
		tools:    []string{"sprint_list_with_count", "search_issues", "update_issue", "`sprint: \"none\"`", "`sort: \"priority\"`"},
		defaults: []string{"the next sprint", "ask me", "`sprint: \"next\"`"},
	},
	{
		prompt:   "daily_standup",
		required: map[string]string{},
		all:      map[string]string{"project": "Apollo", "user": "Dana Lee"},
		tools:    []string{"`updated: \"yesterday..today\"`", "`status: [\"done\"]`", "get_issue"},
		defaults: []string{"stand-up for me", "`my_issues`", "across all projects"},
	},
	{
		prompt:   "release_notes",
		required: map[string]string{"project": "Apollo", "version": "2.4.0"},
		all:      map[string]string{"project": "Apollo", "version": "2.4.0"},
		tools:    []string{"version_all_version", "version_detail", "search_issues", "`version: \"2.4.0\"`", "get_issue"},
		defaults: []string{"Features", "Fixes", "Other"},
	},
	{
		prompt:   "break_down_epic",
		required: map[string]string{"project": "Apollo", "epic": "Checkout v2"},
		all:      map[string]string{"project": "Apollo", "epic": "Checkout v2"},
		tools:    []string{"epic_page", "epic_detail", "search_issues", "create_issue", "`epic: \"Checkout v2\"`", "`epic: \"none\"`"},
	},
}

func byName(t *testing.T) map[string]server.ServerPrompt {
	t.Helper()
	m := map[string]server.ServerPrompt{}
	for _, p := range All(nil, everything) {
		if _, dup := m[p.Prompt.Name]; dup {
			t.Fatalf("duplicate prompt %s", p.Prompt.Name)
		}
		m[p.Prompt.Name] = p
	}
	return m
}

func get(t *testing.T, p server.ServerPrompt, args map[string]string) (*mcp.GetPromptResult, error) {
	t.Helper()
	req := mcp.GetPromptRequest{}
	req.Params.Name = p.Prompt.Name
	req.Params.Arguments = args
	return p.Handler(context.Background(), req)
}

func text(t *testing.T, res *mcp.GetPromptResult) string {
	t.Helper()
	if res == nil || len(res.Messages) != 1 {
		t.Fatalf("want one message, got %+v", res)
	}
	m := res.Messages[0]
	if m.Role != mcp.RoleUser {
		t.Fatalf("role = %s, want user", m.Role)
	}
	tc, ok := m.Content.(mcp.TextContent)
	if !ok {
		t.Fatalf("content is %T, want TextContent", m.Content)
	}
	return tc.Text
}

func TestPromptsCoverCases(t *testing.T) {
	m := byName(t)
	if len(m) != len(specs) || len(cases) != len(m) {
		t.Fatalf("got %d prompts of %d specs, %d cases; want one case per prompt", len(m), len(specs), len(cases))
	}
	for _, c := range cases {
		p, ok := m[c.prompt]
		if !ok {
			t.Fatalf("prompt %s missing", c.prompt)
		}
		if p.Prompt.Title == "" || p.Prompt.Description == "" || p.Handler == nil {
			t.Errorf("%s: title, description and handler are required", c.prompt)
		}
		for _, a := range p.Prompt.Arguments {
			if a.Title == "" || a.Description == "" {
				t.Errorf("%s.%s: title and description are required", c.prompt, a.Name)
			}
			_, inReq := c.required[a.Name]
			if a.Required != inReq {
				t.Errorf("%s.%s: required = %v, case says %v", c.prompt, a.Name, a.Required, inReq)
			}
			if _, ok := c.all[a.Name]; !ok {
				t.Errorf("%s.%s: not covered by the all-arguments case", c.prompt, a.Name)
			}
		}
	}
}

func TestRender(t *testing.T) {
	m := byName(t)
	for _, c := range cases {
		for _, variant := range []struct {
			name string
			args map[string]string
		}{{"required", c.required}, {"all", c.all}} {
			t.Run(c.prompt+"/"+variant.name, func(t *testing.T) {
				res, err := get(t, m[c.prompt], variant.args)
				if err != nil {
					t.Fatal(err)
				}
				if res.Description == "" {
					t.Error("empty description")
				}
				got := text(t, res)
				want := append(append([]string{}, c.tools...), rules...)
				for _, v := range variant.args {
					want = append(want, v)
				}
				if variant.name == "required" {
					want = append(want, c.defaults...)
				}
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("text lacks %q:\n%s", w, got)
					}
				}
				if strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
					t.Errorf("unrendered template:\n%s", got)
				}
				if n := len(strings.Fields(got)); n > maxWords {
					t.Errorf("%d words, want at most %d", n, maxWords)
				}
			})
		}
	}
}

func TestArgumentErrors(t *testing.T) {
	m := byName(t)
	tests := []struct {
		prompt string
		args   map[string]string
		want   []string
	}{
		{"triage_backlog", nil, []string{"missing required argument project", "project (required), limit"}},
		{"triage_backlog", map[string]string{"project": "  "}, []string{"missing required argument project"}},
		{"triage_backlog", map[string]string{"project": "A", "limit": "0"}, []string{`argument "limit"`, "1 to 100"}},
		{"triage_backlog", map[string]string{"project": "A", "limit": "lots"}, []string{`argument "limit"`}},
		{"plan_sprint", map[string]string{"sprint": "S1"}, []string{"missing required argument project", "project (required), sprint, capacity"}},
		{"release_notes", map[string]string{"project": "A"}, []string{"missing required argument version", "project (required), version (required)"}},
		{"release_notes", map[string]string{}, []string{"missing required argument project, version"}},
		{"break_down_epic", map[string]string{"project": "A"}, []string{"missing required argument epic", "break_down_epic"}},
		{"daily_standup", map[string]string{"usr": "x"}, []string{`unknown argument "usr"`, "project, user"}},
	}
	for _, tt := range tests {
		t.Run(tt.prompt, func(t *testing.T) {
			_, err := get(t, m[tt.prompt], tt.args)
			if err == nil {
				t.Fatalf("args %v: no error", tt.args)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// Every prompt has a template and every template belongs to a prompt (or is a
// shared "_" block); all were parsed at init, so a syntax error panics there.
func TestTemplates(t *testing.T) {
	names := map[string]bool{}
	for _, s := range specs {
		names[s.name+".md"] = true
		if templates.Lookup(s.name+".md") == nil {
			t.Errorf("no template for %s", s.name)
		}
	}
	if templates.Lookup("rules") == nil {
		t.Error(`shared block "rules" not defined`)
	}
	files, err := fs.Glob(templateFS, "templates/*.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		base := strings.TrimPrefix(f, "templates/")
		if !names[base] && !strings.HasPrefix(base, "_") {
			t.Errorf("template %s belongs to no prompt", f)
		}
	}
}

func rpc(t *testing.T, s *server.MCPServer, msg string) map[string]any {
	t.Helper()
	resp := s.HandleMessage(context.Background(), json.RawMessage(msg))
	b, err := json.Marshal(resp)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONRPC(t *testing.T) {
	s := server.NewMCPServer("test", "0.0.0")
	Register(s, nil, everything)

	list := rpc(t, s, `{"jsonrpc":"2.0","id":1,"method":"prompts/list"}`)
	res, _ := list["result"].(map[string]any)
	ps, _ := res["prompts"].([]any)
	if len(ps) != len(specs) {
		t.Fatalf("prompts/list: %v", list)
	}
	seen := map[string]bool{}
	for _, p := range ps {
		pm := p.(map[string]any)
		seen[pm["name"].(string)] = true
		if pm["title"] == "" || pm["description"] == "" || pm["arguments"] == nil {
			t.Errorf("incomplete prompt %v", pm)
		}
	}
	for _, c := range cases {
		if !seen[c.prompt] {
			t.Errorf("prompts/list lacks %s", c.prompt)
		}
	}

	tests := []struct {
		name, msg string
		wantErr   string // "" for success
		wantText  string
	}{
		{"ok", `{"jsonrpc":"2.0","id":2,"method":"prompts/get","params":{"name":"release_notes","arguments":{"project":"Apollo","version":"2.4.0"}}}`, "", `version "2.4.0" of project "Apollo"`},
		{"missing", `{"jsonrpc":"2.0","id":3,"method":"prompts/get","params":{"name":"release_notes","arguments":{"project":"Apollo"}}}`, "missing required argument version", ""},
		{"unknown", `{"jsonrpc":"2.0","id":4,"method":"prompts/get","params":{"name":"no_such_prompt"}}`, "not found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := rpc(t, s, tt.msg)
			if tt.wantErr != "" {
				e, ok := out["error"].(map[string]any)
				if !ok {
					t.Fatalf("want error, got %v", out)
				}
				if msg, _ := e["message"].(string); !strings.Contains(msg, tt.wantErr) {
					t.Errorf("error %q lacks %q", msg, tt.wantErr)
				}
				return
			}
			r, ok := out["result"].(map[string]any)
			if !ok {
				t.Fatalf("want result, got %v", out)
			}
			msgs := r["messages"].([]any)
			m := msgs[0].(map[string]any)
			c := m["content"].(map[string]any)
			if len(msgs) != 1 || m["role"] != "user" || c["type"] != "text" || !strings.Contains(c["text"].(string), tt.wantText) {
				t.Errorf("unexpected result %v", r)
			}
			if r["description"] == "" {
				t.Error("no description")
			}
		})
	}
}
