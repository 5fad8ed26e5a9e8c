package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/prompts"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// A text for the model (a prompt, the instructions) names a tool in
// backticks, `search_issues`, and an argument for the tool named before
// it as `key: value`, the value in JSON or a <placeholder>. A tool the
// client does not list is named `leiga_call_tool` with `name: "tool"`.
var (
	backticked  = regexp.MustCompile("`([^`]+)`")
	toolLike    = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	argumentOf  = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_]*): (.+)$`)
	callToolArg = "name"
)

// mention is one tool a text names, with the arguments it tells the model
// to pass (raw values).
type mention struct {
	tool       string
	viaCatalog bool
	args       [][2]string
}

// mentions reads the tools and arguments a text names.
func mentions(text string) ([]*mention, error) {
	var out []*mention
	for _, m := range backticked.FindAllStringSubmatch(text, -1) {
		span := m[1]
		if toolLike.MatchString(span) {
			out = append(out, &mention{tool: span})
			continue
		}
		a := argumentOf.FindStringSubmatch(span)
		if a == nil {
			continue // a key or a date format: ABC-123, YYYY-MM-DD
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("argument `%s` before any tool", span)
		}
		cur := out[len(out)-1]
		if cur.tool == "leiga_call_tool" && !cur.viaCatalog && a[1] == callToolArg {
			var name string
			if err := json.Unmarshal([]byte(a[2]), &name); err != nil {
				return nil, fmt.Errorf("`%s`: leiga_call_tool's name is not a JSON string", span)
			}
			cur.tool, cur.viaCatalog = name, true
			continue
		}
		cur.args = append(cur.args, [2]string{a[1], a[2]})
	}
	return out, nil
}

// checkMentions verifies every tool a text names: it exists, the session
// lists it (or reaches it through leiga_call_tool, when that is how the
// text names it), and every argument is a property of its schema with a
// value the property accepts.
func checkMentions(t reporter, where, text string, listed, reachable map[string]bool) {
	t.Helper()
	ms, err := mentions(text)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	for _, m := range ms {
		tool, ok := testRegistry().Tool(m.tool)
		switch {
		case !ok:
			t.Errorf("%s: names `%s`, which does not exist", where, m.tool)
			continue
		case m.viaCatalog && (!listed["leiga_call_tool"] || !reachable[m.tool]):
			t.Errorf("%s: names %s through leiga_call_tool, which cannot reach it", where, m.tool)
		case m.viaCatalog && listed[m.tool]:
			t.Errorf("%s: names %s through leiga_call_tool, but the client lists it", where, m.tool)
		case !m.viaCatalog && !listed[m.tool]:
			t.Errorf("%s: names `%s`, which this session does not list", where, m.tool)
		}
		for _, a := range m.args {
			if err := checkArgument(tool, a[0], a[1]); err != nil {
				t.Errorf("%s: %s `%s: %s`: %v", where, m.tool, a[0], a[1], err)
			}
		}
	}
}

// reporter is the part of testing.T the checker reports through.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// recorder is a reporter that keeps what it is told.
type recorder struct{ got []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.got = append(r.got, fmt.Sprintf(format, args...))
}

// checkArgument reports whether key is a property of the tool's input and
// value (unless a <placeholder>) a valid value of it.
func checkArgument(tool *toolkit.Tool, key, value string) error {
	var s struct {
		Properties map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(tool.Schema(), &s); err != nil {
		return err
	}
	prop, ok := s.Properties[key]
	if !ok {
		return fmt.Errorf("no such argument; %s takes %s", tool.Name, strings.Join(slices.Sorted(mapKeys(s.Properties)), ", "))
	}
	if strings.HasPrefix(value, "<") && strings.HasSuffix(value, ">") {
		return nil
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(prop))
	if err != nil {
		return err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem://arg.json", doc); err != nil {
		return err
	}
	sch, err := c.Compile("mem://arg.json")
	if err != nil {
		return err
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(value))
	if err != nil {
		return fmt.Errorf("value is neither JSON nor a <placeholder>")
	}
	return sch.Validate(v)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// promptSessions are the selections prompts are checked against, and the
// prompts each must offer.
var promptSessions = []struct {
	name    string
	sel     toolkit.Selection
	prompts []string
}{
	{"default", toolkit.Selection{}, allPrompts},
	{"default read-only", toolkit.Selection{ReadOnly: true}, readPrompts},
	{"issue", toolkit.Selection{Toolsets: []string{"issue"}}, allPrompts},
	{"issue read-only", toolkit.Selection{Toolsets: []string{"issue"}, ReadOnly: true}, readPrompts},
	{"workflow", toolkit.Selection{Toolsets: []string{"workflow"}}, allPrompts},
	{"catalog", toolkit.Selection{Toolsets: []string{toolkit.ToolsetCatalog}}, allPrompts},
	{"catalog read-only", toolkit.Selection{Toolsets: []string{toolkit.ToolsetCatalog}, ReadOnly: true}, readPrompts},
	{"all", toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}}, allPrompts},
	{"project", toolkit.Selection{Toolsets: []string{"project"}}, nil},
	{"sprint and epic", toolkit.Selection{Toolsets: []string{"sprint", "epic"}}, nil},
	{"project and search", toolkit.Selection{Toolsets: []string{"project"}, Tools: []string{"search_issues"}}, readPrompts},
}

var (
	allPrompts  = []string{"create_issue_from_conversation", "triage_backlog", "plan_sprint", "daily_standup", "release_notes", "break_down_epic"}
	readPrompts = []string{"daily_standup", "release_notes"}
)

// promptSamples are representative values of every prompt argument.
var promptSamples = map[string][]string{
	"project":  {"MOBILE"},
	"type":     {"Bug"},
	"limit":    {"20", "100"},
	"sprint":   {"Sprint 13"},
	"capacity": {"30 points"},
	"user":     {"me", "Dana Lee"},
	"version":  {"2.0"},
	"epic":     {"Checkout v2"},
}

// session returns the listed and catalog-reachable tools of a selection,
// as the server computes them.
func session(t *testing.T, sel toolkit.Selection) (listed []*toolkit.Tool, reach *toolkit.Reach) {
	t.Helper()
	reg := testRegistry()
	listed, err := reg.Select(sel)
	if err != nil {
		t.Fatal(err)
	}
	all, err := reg.Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}, ReadOnly: sel.ReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	return listed, toolkit.NewReach(all, nil)
}

// argumentSets are the argument combinations a prompt is rendered with:
// only the required ones, then every one with each sample value.
func argumentSets(p mcp.Prompt) []map[string]string {
	required := map[string]string{}
	for _, a := range p.Arguments {
		if a.Required {
			required[a.Name] = promptSamples[a.Name][0]
		}
	}
	sets := []map[string]string{required}
	for i := range 2 {
		all := map[string]string{}
		for _, a := range p.Arguments {
			v := promptSamples[a.Name]
			all[a.Name] = v[min(i, len(v)-1)]
		}
		sets = append(sets, all)
	}
	return sets
}

func TestPromptsNameOnlyWhatTheSessionHas(t *testing.T) {
	for _, s := range promptSessions {
		t.Run(s.name, func(t *testing.T) {
			listed, reach := session(t, s.sel)
			pt := PromptTools(listed, reach)
			var offered []string
			for _, p := range prompts.All(nil, pt) {
				offered = append(offered, p.Prompt.Name)
				for _, a := range p.Prompt.Arguments {
					if _, ok := promptSamples[a.Name]; !ok {
						t.Fatalf("prompt %s: no sample for argument %s", p.Prompt.Name, a.Name)
					}
				}
				for _, args := range argumentSets(p.Prompt) {
					req := mcp.GetPromptRequest{}
					req.Params.Name, req.Params.Arguments = p.Prompt.Name, args
					res, err := p.Handler(context.Background(), req)
					if err != nil {
						t.Errorf("%s %v: %v", p.Prompt.Name, args, err)
						continue
					}
					text := res.Messages[0].Content.(mcp.TextContent).Text
					checkMentions(t, fmt.Sprintf("%s %v", p.Prompt.Name, args), text, pt.Listed, pt.Reachable)
				}
			}
			if !slices.Equal(offered, s.prompts) {
				t.Errorf("offers %v, want %v", offered, s.prompts)
			}
		})
	}
}

func TestInstructionsNameOnlyListedTools(t *testing.T) {
	for _, s := range promptSessions {
		listed, _ := session(t, s.sel)
		names := map[string]bool{}
		for _, tool := range listed {
			names[tool.Name] = true
		}
		text := Instructions(listed)
		checkMentions(t, "instructions for "+s.name, text, names, nil)
		if ms, _ := mentions(text); names["create_issue"] && len(ms) == 0 {
			t.Errorf("instructions for %s name no tool:\n%s", s.name, text)
		}
	}
}

// The checker itself catches the mistakes it is for.
func TestCheckMentionsCatchesMistakes(t *testing.T) {
	listed := map[string]bool{"search_issues": true, "leiga_call_tool": true}
	reach := map[string]bool{"search_issues": true, "epic_detail": true}
	tests := []struct{ text, want string }{
		{"`no_such_tool`", "does not exist"},
		{"`my_issues`", "does not list"},
		{"`search_issues` with `updated_range: \"x\"`", "no such argument"},
		{"`search_issues` with `sort: \"oldest\"`", "sort"},
		{"`search_issues` with `status: \"open\"`", "status"},
		{"`leiga_call_tool` with `name: \"issue_remove\"`", "cannot reach"},
		{"`leiga_call_tool` with `name: \"search_issues\"`", "the client lists it"},
		{"`leiga_call_tool` with `name: \"epic_detail\"` and arguments `idd: 3`", "no such argument"},
		{"`sprint: \"none\"`", "before any tool"},
	}
	for _, tt := range tests {
		r := &recorder{}
		checkMentions(r, "text", tt.text, listed, reach)
		if got := strings.Join(r.got, "; "); !strings.Contains(got, tt.want) {
			t.Errorf("%s: errors %q, want one containing %q", tt.text, got, tt.want)
		}
	}
	ok := "`search_issues` with `sprint: \"none\"`, `sort: \"priority\"`, `status: [\"open\"]`, `text: <words>`; `leiga_call_tool` with `name: \"epic_detail\"` and arguments `id: 3`"
	r := &recorder{}
	checkMentions(r, "text", ok, listed, reach)
	if len(r.got) > 0 {
		t.Errorf("a correct text: %q", r.got)
	}
}
