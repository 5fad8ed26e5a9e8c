// Package tasks scripts the conversations an assistant has with leiga-mcp
// for the questions people ask first: each task is a natural request, the
// calls an assistant makes, and what the answer must say. It runs over MCP
// (an in-process client) against the sandbox, and reports the calls and
// the tokens each task costs:
//
//	go test -v -run TestEverydayTasks ./e2e/tasks
package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox/sandboxtest"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/tokens"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// step is one tool call the assistant makes.
type step struct {
	tool string
	args map[string]any
}

// task is one everyday request and its scripted conversation.
type task struct {
	name    string
	request string
	as      int64  // the user whose credentials the server runs on (0: the API user)
	me      string // LEIGA_USER ("" for a real account that sets none)
	seed    func(*sandbox.Seed)
	calls   []step
	says    []string // the last result must say each
	never   []string // and none of these
	failing bool     // the last result is an error (its text still checked)
}

// tasks are the everyday requests. Unless a task says otherwise the server
// runs like a real account without LEIGA_USER: "me" is whoever the
// credentials belong to.
var tasks = []task{
	{name: "my plate", request: "What's on my plate?", as: sandbox.DemoUserBob,
		calls: []step{{"my_issues", nil}},
		says:  []string{"MOBILE-13", "MOBILE-3", "Bob Martinez"}, never: []string{"Alice Chen", "Carol Nguyen"}},
	{name: "who am I", request: "Which Leiga user are you acting as?", as: sandbox.DemoUserCarol,
		calls: []step{{"whoami", nil}},
		says:  []string{"Carol Nguyen", "personal messages"}},
	{name: "me unknown", request: "What's assigned to me?", as: sandbox.DemoUserWithoutMessages,
		calls: []step{{"my_issues", nil}}, failing: true,
		says: []string{`"me" is unknown`, "Set LEIGA_USER"}},
	{name: "open login bugs", request: "Any open bugs about login?",
		calls: []step{{"search_issues", map[string]any{"text": "login", "type": "bug", "status": "open"}}},
		says:  []string{"MOBILE-13", "Login button stays disabled"}, never: []string{"MOBILE-10"}},
	{name: "login bug in words", request: "Search for the login bug",
		calls: []step{{"search_issues", map[string]any{"text": "login bug"}}},
		says:  []string{"MOBILE-13"}},
	{name: "current sprint", request: "What's in MOBILE's current sprint?",
		calls: []step{{"get_sprint", map[string]any{"project": "mobile"}}},
		says:  []string{"Sprint 12", "active", "days_left: 4", "MOBILE-13", "MOBILE-3"}},
	{name: "into the current sprint", request: "Put MOBILE-14 in the current sprint",
		calls: []step{{"update_issue", map[string]any{"issue": "MOBILE-14", "sprint": "current"}}},
		says:  []string{"sprint", "Sprint 12"}},
	{name: "backlog by priority", request: "Show the MOBILE backlog, highest priority first",
		calls: []step{{"search_issues", map[string]any{"project": "MOBILE", "sprint": "none", "status": "open", "sort": "priority"}}},
		says:  []string{"MOBILE-9", "MOBILE-14", "highest priority first"}, never: []string{"MOBILE-13"}},
	{name: "unassigned", request: "What in MOBILE has nobody on it?",
		calls: []step{{"search_issues", map[string]any{"project": "MOBILE", "assignee": "none"}}},
		says:  []string{"MOBILE-14", "MOBILE-9"}, never: []string{"MOBILE-13"}},
	{name: "twin caught", request: "File a bug: the login button stays disabled",
		calls: []step{{"create_issue", map[string]any{"project": "MOBILE", "type": "Bug", "title": "Login button stays disabled"}}},
		says:  []string{"created: false", "MOBILE-13", "Not created"}},
	{name: "create by names", request: "Create a task in WEB for Carol, due Friday, label frontend: newsletter sign-up form",
		calls: []step{{"create_issue", map[string]any{"project": "WEB", "title": "Newsletter sign-up form", "assignee": "carol", "due": "friday", "labels": "frontend"}}},
		says:  []string{"number: WEB-", "Carol Nguyen", "2026-11-06", "frontend"}},
	{name: "points and severity", request: "Set MOBILE-3 to 5 points and severity Major",
		calls: []step{{"update_issue", map[string]any{"issue": "MOBILE-3", "points": "5", "fields": map[string]any{"severity": "major"}}}},
		says:  []string{"points", "Major"}},
	{name: "nothing to change", request: "Make sure MOBILE-3 is High priority and Bob's",
		calls: []step{{"update_issue", map[string]any{"issue": "MOBILE-3", "priority": "high", "assignee": "bob"}}},
		says:  []string{"unchanged: true", "priority is already High"}},
	{name: "log time", request: "Log an hour and a half on MOBILE-3 for yesterday",
		calls: []step{{"log_work", map[string]any{"issue": "MOBILE-3", "hours": "1h30m", "date": "yesterday"}}},
		says:  []string{"hours: 1.5", "2026-11-03"}},
	{name: "comment", request: "Tell them on MOBILE-4 that the retry fix is in review",
		calls: []step{{"add_comment", map[string]any{"issue": "MOBILE-4", "text": "The **retry fix** is in review."}}},
		says:  []string{"issue: MOBILE-4", "url:"}},
	{name: "overdue", request: "What's overdue in MOBILE?",
		calls: []step{{"search_issues", map[string]any{"project": "MOBILE", "due": "..yesterday", "status": "open"}}},
		says:  []string{"No issues match", "due ..yesterday"}},
	{name: "stand-up", request: "What did I touch since yesterday?", as: sandbox.DemoUserBob,
		calls: []step{{"my_issues", map[string]any{"updated": "2026-10-31..today", "include_done": true}}},
		says:  []string{"MOBILE-13"}},
	{name: "CJK names", request: "运维平台里王芳进行中的任务", seed: chinese,
		calls: []step{{"search_issues", map[string]any{"project": "运维平台", "assignee": "王芳", "status": "进行中"}}},
		says:  []string{"OPS-2", "王芳", "进行中"}},
	{name: "CJK words", request: "找一下计费相关的问题", seed: chinese,
		calls: []step{{"search_issues", map[string]any{"text": "计费"}}},
		says:  []string{"OPS-5", "迁移计费服务"}},
}

// chinese renames the OPS project, one of its states, a member and an
// issue in Chinese.
func chinese(s *sandbox.Seed) {
	for _, p := range s.Projects {
		if p.Key == "OPS" {
			p.Name = "运维平台"
			for i := range p.Workflow.States {
				if p.Workflow.States[i].Name == "In Progress" {
					p.Workflow.States[i].Name = "进行中"
				}
			}
		}
	}
	for _, u := range s.Users {
		if u.ID == sandbox.DemoUserFrank {
			u.Name = "王芳"
		}
	}
	for _, is := range s.Issues {
		if is.Summary == "Migrate the billing worker to Kubernetes" {
			is.Summary = "迁移计费服务到 Kubernetes"
		}
	}
}

// serve starts the server of a task over MCP, in process.
func serve(t *testing.T, tk task) *client.Client {
	t.Helper()
	seed := sandbox.DemoSeed()
	if tk.seed != nil {
		tk.seed(seed)
	}
	sb, err := sandbox.New(sandbox.Options{Seed: seed, Now: func() time.Time { return sandboxtest.Now }})
	if err != nil {
		t.Fatal(err)
	}
	token := sandbox.StaticToken
	if tk.as != 0 {
		token = sandbox.StaticTokenFor(tk.as)
	}
	api, err := leigaapi.New(leigaapi.Options{BaseURL: "https://sandbox.invalid/openapi/api", Tokens: auth.NewStaticToken(token), HTTPClient: &http.Client{Transport: sb.Transport()}})
	if err != nil {
		t.Fatal(err)
	}
	reg := tools.MustRegistry()
	selected, err := reg.Select(toolkit.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := reg.Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}})
	deps := &toolkit.Deps{API: api, Location: time.UTC, Reach: toolkit.NewReach(all, nil),
		Resolver: resolve.New(api, resolve.Options{Me: tk.me, Location: time.UTC, Now: func() time.Time { return sandboxtest.Now }})}
	cl, err := client.NewInProcessClient(mcpserver.New(mcpserver.Config{Version: "test", Tools: selected, Deps: deps, Instructions: tools.Instructions(selected)}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "tasks", Version: "1"}
	if _, err := cl.Initialize(context.Background(), init); err != nil {
		t.Fatal(err)
	}
	return cl
}

// resultText joins a result's text contents.
func resultText(res *mcp.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func TestEverydayTasks(t *testing.T) {
	report := []string{"| task | request | calls | tokens |", "|---|---|---|---|"}
	totalCalls, totalTokens := 0, 0
	for _, tk := range tasks {
		t.Run(tk.name, func(t *testing.T) {
			cl := serve(t, tk)
			spent := 0
			var last *mcp.CallToolResult
			for _, s := range tk.calls {
				req := mcp.CallToolRequest{}
				req.Params.Name, req.Params.Arguments = s.tool, s.args
				res, err := cl.CallTool(context.Background(), req)
				if err != nil {
					t.Fatalf("%s: %v", s.tool, err)
				}
				args, _ := json.Marshal(s.args)
				n, err := tokens.Count(s.tool + string(args) + resultText(res))
				if err != nil {
					t.Fatal(err)
				}
				spent += n
				last = res
			}
			text := resultText(last)
			if last.IsError != tk.failing {
				t.Fatalf("%q: isError = %v, want %v:\n%s", tk.request, last.IsError, tk.failing, text)
			}
			for _, s := range tk.says {
				if !strings.Contains(text, s) {
					t.Errorf("%q: the answer lacks %q:\n%s", tk.request, s, text)
				}
			}
			for _, s := range tk.never {
				if strings.Contains(text, s) {
					t.Errorf("%q: the answer has %q:\n%s", tk.request, s, text)
				}
			}
			totalCalls += len(tk.calls)
			totalTokens += spent
			report = append(report, fmt.Sprintf("| %s | %s | %d | %d |", tk.name, tk.request, len(tk.calls), spent))
		})
	}
	report = append(report, fmt.Sprintf("| all %d tasks | | %d | %d |", len(tasks), totalCalls, totalTokens))
	t.Log("\n" + strings.Join(report, "\n"))
}
