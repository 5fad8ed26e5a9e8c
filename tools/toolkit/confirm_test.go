package toolkit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// idInput is a test input.
type idInput struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1"`
}

// stopConfirmer records what it is asked and stops every call it sees.
type stopConfirmer struct {
	asked []string // the summaries, in order
}

// Confirm implements Confirmer.
func (c *stopConfirmer) Confirm(_ context.Context, t *Tool, _ json.RawMessage, summary func() (string, error)) *mcp.CallToolResult {
	line, err := summary()
	if err != nil {
		line = "error: " + err.Error()
	}
	c.asked = append(c.asked, line)
	return mcp.NewToolResultText("stopped " + t.Name)
}

// ranHandler answers "ran NAME".
func ranHandler(_ context.Context, t *Tool, _ *Deps, _ *idInput) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("ran " + t.Name), nil
}

func TestCallAsksTheConfirmerForDeletesAndConfirmedTools(t *testing.T) {
	composed := func(name string, effect Effect) Tool {
		return Composed(Tool{Name: name, Title: name, Description: "D", Effect: effect}, ranHandler)
	}
	bigOnly := WithConfirm(composed("thing_bulk", Update), func(_ context.Context, _ *Deps, in *idInput) (string, error) {
		if in.ID > 10 {
			return "Change 11 things?", nil
		}
		return "", nil
	})
	tests := []struct {
		name      string
		tool      Tool
		args      string
		confirmer bool
		want      string   // the result's text
		asked     []string // what the confirmer was asked
	}{
		{"a read is not asked", composed("thing_get", Read), `{"id":7}`, true, "ran thing_get", nil},
		{"an update is not asked", composed("thing_update", Update), `{"id":7}`, true, "ran thing_update", nil},
		{"a delete is asked, generically", composed("thing_remove", Delete), `{"id":7}`, true, "stopped thing_remove", []string{`Call thing_remove with {"id":7}?`}},
		{"a tool's own question", bigOnly, `{"id":11}`, true, "stopped thing_bulk", []string{"Change 11 things?"}},
		{"no question is left to the confirmer", bigOnly, `{"id":3}`, true, "stopped thing_bulk", []string{""}},
		{"bad arguments are refused before anyone is asked", composed("thing_remove", Delete), `{"id":0}`, true, "minimum", nil},
		{"without a confirmer nothing is asked", composed("thing_remove", Delete), `{"id":7}`, false, "ran thing_remove", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Registry{byName: map[string]*Tool{}}
			tool := tt.tool
			if err := r.add(&tool); err != nil {
				t.Fatal(err)
			}
			c := &stopConfirmer{}
			d := &Deps{}
			if tt.confirmer {
				d.Confirmer = c
			}
			res := tool.Call(context.Background(), d, json.RawMessage(tt.args))
			text := res.Content[0].(mcp.TextContent).Text
			if !strings.Contains(text, tt.want) {
				t.Errorf("result %q, want %q", text, tt.want)
			}
			if strings.Join(c.asked, "|") != strings.Join(tt.asked, "|") || len(c.asked) != len(tt.asked) {
				t.Errorf("asked %q, want %q", c.asked, tt.asked)
			}
		})
	}
}

func TestRegistryRefusesAConfirmOfAnotherInput(t *testing.T) {
	type other struct{ Name string }
	tool := WithConfirm(Composed(Tool{Name: "thing_remove", Title: "T", Description: "D", Effect: Delete}, ranHandler),
		func(context.Context, *Deps, *other) (string, error) { return "", nil })
	r := &Registry{byName: map[string]*Tool{}}
	if err := r.add(&tool); err == nil || !strings.Contains(err.Error(), "its confirm takes toolkit.other, its input is toolkit.idInput") {
		t.Errorf("add = %v", err)
	}
}

func TestGenericSummary(t *testing.T) {
	tool := &Tool{Name: "issue_remove_subtask"}
	long := `{"note":"` + strings.Repeat("é", 400) + `"}`
	for _, tt := range []struct{ raw, want string }{
		{`{ "subTaskId": 10025, "issueId": 10015 }`, `Call issue_remove_subtask with {"issueId":10015,"subTaskId":10025}?`},
		{``, `Call issue_remove_subtask with no arguments?`},
		{`{}`, `Call issue_remove_subtask with no arguments?`},
		{long, `Call issue_remove_subtask with {"note":"` + strings.Repeat("é", 145) + `…?`},
	} {
		if got := GenericSummary(tool, json.RawMessage(tt.raw)); got != tt.want {
			t.Errorf("GenericSummary(%.40s) = %q\nwant %q", tt.raw, got, tt.want)
		}
	}
}
