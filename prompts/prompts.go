// Package prompts holds the server's MCP prompts: workflow templates that tell
// an assistant which Leiga tools to call, in which order, for common jobs
// (filing an issue from a chat, triage, sprint planning, stand-ups, release
// notes, epic break-down). Prompt texts live in templates/*.md.
package prompts

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

//go:embed templates/*.md
var templateFS embed.FS

// templates holds every file of templates/ (parsed once, at init: a broken
// template panics here and so fails every test). Files starting with "_" only
// define shared blocks such as "rules". Each render binds the template
// functions to the session's tools (see Tools.funcs).
var templates = template.Must(
	template.New("prompts").Option("missingkey=error").Funcs(Tools{}.funcs()).ParseFS(templateFS, "templates/*.md"),
)

// The argument kinds are the resolver's completion kinds.
const (
	KindProject = resolve.KindProject
	KindSprint  = resolve.KindSprint
	KindVersion = resolve.KindVersion
	KindEpic    = resolve.KindEpic
	KindUser    = resolve.KindUser
)

// arg describes one prompt argument.
type arg struct {
	name, title, description string
	required                 bool
	def                      string // value used when the argument is absent
	kind                     string // completion kind, "" for none
	validate                 func(string) error
}

// spec describes one prompt; its text is templates/<name>.md. needs are
// the tools it cannot do without: it is offered only when the session can
// use them all (its other tools are optional, guarded by has).
type spec struct {
	name, title, description string
	args                     []arg
	needs                    []string
}

func projectArg(required bool) arg {
	a := arg{name: "project", title: "Project", kind: KindProject, required: required,
		description: "Project name or key, e.g. ABC"}
	if !required {
		a.description += " (optional)"
	}
	return a
}

var specs = []spec{
	{
		name:        "create_issue_from_conversation",
		needs:       []string{"search_issues", "create_issue"},
		title:       "Create issue from conversation",
		description: "Turn the current conversation into a well-formed Leiga issue (title, context, steps, expected/actual, priority), checking for duplicates first.",
		args: []arg{
			projectArg(false),
			{name: "type", title: "Issue type", description: "Issue type name, e.g. Bug, Task, Story (optional; inferred when absent)"},
		},
	},
	{
		name:        "triage_backlog",
		needs:       []string{"search_issues", "update_issue"},
		title:       "Triage backlog",
		description: "Review open, untriaged issues of a project and propose priority, assignee and sprint for each; apply after confirmation.",
		args: []arg{
			projectArg(true),
			{name: "limit", title: "Limit", def: "20", validate: validateLimit,
				description: "How many issues to review, 1-100 (optional, default 20)"},
		},
	},
	{
		name:        "plan_sprint",
		needs:       []string{"search_issues", "update_issue"},
		title:       "Plan sprint",
		description: "Read the backlog and a sprint, propose a sprint scope within capacity, and move the agreed issues into the sprint.",
		args: []arg{
			projectArg(true),
			{name: "sprint", title: "Sprint", kind: KindSprint,
				description: "Sprint name (optional; defaults to the next sprint not yet started)"},
			{name: "capacity", title: "Capacity",
				description: "Team capacity, e.g. \"30 points\" or \"4 people x 8 days\" (optional; asked for or estimated from past sprints)"},
		},
	},
	{
		name:        "daily_standup",
		needs:       []string{"search_issues"},
		title:       "Daily stand-up",
		description: "Summarize what was done yesterday, what is in progress today, and blockers, for one person.",
		args: []arg{
			projectArg(false),
			{name: "user", title: "User", kind: KindUser, def: "me",
				description: "Person to report on, by name or email (optional, default \"me\")"},
		},
	},
	{
		name:        "release_notes",
		needs:       []string{"search_issues"},
		title:       "Release notes",
		description: "Gather the issues of a version and write release notes grouped into features, fixes and other changes.",
		args: []arg{
			projectArg(true),
			{name: "version", title: "Version", kind: KindVersion, required: true,
				description: "Version (release) name, e.g. 2.4.0"},
		},
	},
	{
		name:        "break_down_epic",
		needs:       []string{"search_issues", "create_issue"},
		title:       "Break down epic",
		description: "Read an epic, propose child issues that cover it, and create them linked to the epic after confirmation.",
		args: []arg{
			projectArg(true),
			{name: "epic", title: "Epic", kind: KindEpic, required: true,
				description: "Epic name"},
		},
	},
}

func validateLimit(v string) error {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100 {
		return fmt.Errorf("want a whole number from 1 to 100, got %q", v)
	}
	return nil
}

// NameChecker reports whether value names an existing thing of kind
// ("project", "sprint", "version", "epic", "user"), within project when it
// is given. Its error should list the valid names.
type NameChecker func(ctx context.Context, kind, value, project string) error

// All returns the prompts the session's tools can serve, with their
// handlers, in a stable order: a prompt whose needed tools are not
// available (read-only mode, a narrow toolset without the catalog) is left
// out, and the tools a prompt names are those the session can use. check,
// when not nil, verifies the names given as arguments, so that a prompt
// never starts from a project or sprint that does not exist.
func All(check NameChecker, tools Tools) []server.ServerPrompt {
	out := make([]server.ServerPrompt, 0, len(specs))
	for _, s := range specs {
		if !s.available(tools) {
			continue
		}
		handle := func(ctx context.Context, req mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			return s.handle(ctx, req, check, tools)
		}
		out = append(out, server.ServerPrompt{Prompt: s.prompt(), Handler: handle})
	}
	return out
}

// Register adds the prompts the session's tools can serve to s. For
// argument completion, also construct the server with
// server.WithCompletions() and
// server.WithPromptCompletionProvider(NewCompletionProvider(...)).
func Register(s *server.MCPServer, check NameChecker, tools Tools) {
	s.AddPrompts(All(check, tools)...)
}

// available reports whether the session can use every tool s needs.
func (s spec) available(tools Tools) bool {
	for _, n := range s.needs {
		if !tools.has(n) {
			return false
		}
	}
	return true
}

func (s spec) prompt() mcp.Prompt {
	opts := []mcp.PromptOption{
		mcp.WithPromptTitle(s.title),
		mcp.WithPromptDescription(s.description),
	}
	for _, a := range s.args {
		aopts := []mcp.ArgumentOption{mcp.ArgumentTitle(a.title), mcp.ArgumentDescription(a.description)}
		if a.required {
			aopts = append(aopts, mcp.RequiredArgument())
		}
		opts = append(opts, mcp.WithArgument(a.name, aopts...))
	}
	return mcp.NewPrompt(s.name, opts...)
}

// usage lists the prompt's arguments for error messages: "project (required), limit".
func (s spec) usage() string {
	parts := make([]string, 0, len(s.args))
	for _, a := range s.args {
		if a.required {
			parts = append(parts, a.name+" (required)")
		} else {
			parts = append(parts, a.name)
		}
	}
	return strings.Join(parts, ", ")
}

func (s spec) arg(name string) (arg, bool) {
	for _, a := range s.args {
		if a.name == name {
			return a, true
		}
	}
	return arg{}, false
}

// values checks the request's arguments and returns every declared argument
// with defaults applied (absent optional ones are "").
func (s spec) values(in map[string]string) (map[string]string, error) {
	var unknown []string
	for k := range in {
		if _, ok := s.arg(k); !ok {
			unknown = append(unknown, fmt.Sprintf("%q", k))
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("prompt %s: unknown argument %s; arguments are: %s",
			s.name, strings.Join(unknown, ", "), s.usage())
	}
	out := make(map[string]string, len(s.args))
	var missing []string
	for _, a := range s.args {
		v := strings.TrimSpace(in[a.name])
		if v == "" {
			if a.required {
				missing = append(missing, a.name)
				continue
			}
			v = a.def
		} else if a.validate != nil {
			if err := a.validate(v); err != nil {
				return nil, fmt.Errorf("prompt %s: argument %q: %v; arguments are: %s", s.name, a.name, err, s.usage())
			}
		}
		out[a.name] = v
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("prompt %s: missing required argument %s; arguments are: %s",
			s.name, strings.Join(missing, ", "), s.usage())
	}
	return out, nil
}

// checkNames verifies every named argument the caller gave.
func (s spec) checkNames(ctx context.Context, values map[string]string, check NameChecker) error {
	if check == nil {
		return nil
	}
	for _, a := range s.args {
		v := values[a.name]
		if a.kind == "" || v == "" || (a.kind == KindUser && v == "me" && a.def == "me") {
			continue
		}
		project := ""
		if a.kind != KindProject {
			project = values["project"]
		}
		if err := check(ctx, a.kind, v, project); err != nil {
			return fmt.Errorf("prompt %s: argument %q: %v", s.name, a.name, err)
		}
	}
	return nil
}

// render executes the prompt's template for the session's tools.
func (s spec) render(values map[string]string, tools Tools) (string, error) {
	t, err := templates.Clone()
	if err != nil {
		return "", fmt.Errorf("prompt %s: render: %w", s.name, err)
	}
	var b bytes.Buffer
	if err := t.Funcs(tools.funcs()).ExecuteTemplate(&b, s.name+".md", values); err != nil {
		return "", fmt.Errorf("prompt %s: render: %w", s.name, err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}

func (s spec) handle(ctx context.Context, req mcp.GetPromptRequest, check NameChecker, tools Tools) (*mcp.GetPromptResult, error) {
	values, err := s.values(req.Params.Arguments)
	if err != nil {
		return nil, err
	}
	if err := s.checkNames(ctx, values, check); err != nil {
		return nil, err
	}
	text, err := s.render(values, tools)
	if err != nil {
		return nil, err
	}
	return &mcp.GetPromptResult{
		Description: s.description,
		Messages:    []mcp.PromptMessage{mcp.NewPromptMessage(mcp.RoleUser, mcp.NewTextContent(text))},
	}, nil
}
