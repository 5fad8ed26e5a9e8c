package toolkit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/mark3labs/mcp-go/mcp"
)

// Calls the user confirms. A tool whose Effect is Delete, and a tool with
// a Confirm function (bulk_update_issues above a size), may need the
// user's go-ahead before it runs. Tool.Call hands such a call to
// Deps.Confirmer after its arguments are checked and before anything is
// sent; the MCP server's Confirmer asks the user through the client
// (elicitation) when the client can, and says what to do when it cannot
// (--confirm-deletes). Without a Confirmer (tests, `leiga-mcp call`, which
// the user types), nothing is asked.

// Confirmer decides whether a call that needs the user's go-ahead runs.
type Confirmer interface {
	// Confirm returns nil to let the call run, or the result to answer in
	// its place: the question for the client, the user's decline, or a
	// refusal. summary words in one line what the call would do; it may
	// read Leiga, so it is called only when that line is needed, and ""
	// from it means this call needs no confirmation after all.
	Confirm(ctx context.Context, t *Tool, args json.RawMessage, summary func() (string, error)) *mcp.CallToolResult
}

// WithConfirm returns t with confirm wording, in one line, what a call
// with the typed input would do, for the user to confirm; "" means that
// call needs no confirmation. A Delete tool without it is confirmed with
// GenericSummary. The registry refuses a confirm written for another
// input type.
func WithConfirm[T any](t Tool, confirm func(ctx context.Context, d *Deps, in *T) (string, error)) Tool {
	t.confirmType = reflect.TypeFor[T]()
	t.Confirm = func(ctx context.Context, d *Deps, in any) (string, error) {
		return confirm(ctx, d, in.(*T))
	}
	return t
}

// confirmed asks d's Confirmer about a call of t that needs confirming: nil
// lets the call run.
func (t *Tool) confirmed(ctx context.Context, d *Deps, raw json.RawMessage, in any) *mcp.CallToolResult {
	if d.Confirmer == nil || t.Effect != Delete && t.Confirm == nil {
		return nil
	}
	return d.Confirmer.Confirm(ctx, t, raw, func() (string, error) {
		if t.Confirm != nil {
			return t.Confirm(ctx, d, in)
		}
		return GenericSummary(t, raw), nil
	})
}

// maxSummaryArgs caps the arguments quoted in a generic summary, in bytes.
const maxSummaryArgs = 300

// GenericSummary is the question for a call no tool-specific line
// describes: "Call issue_remove_subtask with {"issueId":10015,...}?".
func GenericSummary(t *Tool, raw json.RawMessage) string {
	args := "no arguments"
	var v any
	if json.Unmarshal(raw, &v) == nil && v != nil {
		if b, err := json.Marshal(v); err == nil && string(b) != "{}" {
			args = string(b)
		}
	}
	return fmt.Sprintf("Call %s with %s?", t.Name, Shorten(args, maxSummaryArgs))
}
