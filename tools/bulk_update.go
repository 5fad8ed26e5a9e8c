package tools

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// bulk_update_issues: one set of changes, by name, to many issues chosen
// by number or by search_issues' filters. It previews unless dry_run is
// false, so that "move these to the next sprint" is one call to look and
// one to do.
func bulkUpdateIssuesTool() toolkit.Tool {
	return toolkit.WithConfirm(toolkit.Composed(toolkit.Tool{
		Name: "bulk_update_issues", Title: "Bulk update issues",
		Description: "Change up to 100 issues, chosen by numbers or search_issues filters: status, sprint, assignee, priority, labels added/removed, due. Previews unless dry_run=false.",
		Effect:      toolkit.Update,
	}, handleBulkUpdate), confirmBulkUpdate)
}

// bulkConfirmAbove is how many changing issues an apply may touch before
// a client that can ask its user does (see toolkit.Confirmer).
const bulkConfirmAbove = 10

// bulkResult is the answer of bulk_update_issues. A preview fills
// WillChange and Writes; an apply the outcome lists.
type bulkResult struct {
	DryRun       bool         `json:"dry_run"`
	Selected     int          `json:"selected"`
	WillChange   []bulkRow    `json:"will_change,omitempty"`
	Writes       []writeShown `json:"writes,omitempty"`
	Changed      []bulkRow    `json:"changed,omitempty"`
	Failed       []bulkRow    `json:"failed,omitempty"`
	Unknown      []bulkRow    `json:"unknown,omitempty"`
	NotAttempted []bulkRow    `json:"not_attempted,omitempty"`
	Unchanged    []bulkRow    `json:"unchanged,omitempty"`
	Refused      []bulkRow    `json:"refused,omitempty"`
}

// writeShown is a planned request in a preview.
type writeShown struct {
	Request string   `json:"request"`
	Issues  []string `json:"issues"`
}

// bulkResultBudget is the result budget of bulk_update_issues, in bytes:
// room for a row per issue up to schemas.MaxBulkIssues, so that no
// issue's outcome is ever cut from the answer.
const bulkResultBudget = 64_000

func handleBulkUpdate(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.BulkUpdateIssues) (*mcp.CallToolResult, error) {
	plan, err := planBulk(ctx, d, args)
	if err != nil {
		return nil, err
	}
	wide := *d
	wide.ResultBudget = max(d.ResultBudget, bulkResultBudget)
	d = &wide
	res := bulkResult{DryRun: args.Preview(), Selected: plan.selected, Unchanged: plan.unchanged, Refused: plan.refused}
	if plan.selected == 0 {
		return toolkit.Result(ctx, d, res, "No issues match "+strings.Join(plan.applied, ", ")+": nothing to change. Widen a filter or check the words.")
	}
	writes, err := groupWrites(plan.writes)
	if err != nil {
		return nil, err
	}
	tally := plan.tally()
	if args.Preview() {
		for _, w := range writes {
			res.Writes = append(res.Writes, writeShown{Request: w.route(), Issues: w.numbers()})
			for _, it := range w.items {
				res.WillChange = append(res.WillChange, it.row())
			}
		}
		note := fmt.Sprintf("Dry run: nothing was changed. %d of %d selected issues would change in %s%s.", len(plan.writes), plan.selected, plannedRequests(writes), tally)
		if len(plan.writes) > 0 {
			note += " To apply, call again with the same arguments and dry_run=false."
		}
		return toolkit.Result(ctx, d, res, note)
	}
	out := applyWrites(ctx, d, writes)
	res.Changed, res.Failed, res.Unknown, res.NotAttempted = out.changed, out.failed, out.unknown, out.notAttempted
	notes := []string{fmt.Sprintf("Changed %d of %d selected issues in %s%s.", len(out.changed), plan.selected, reportCount(out.requests, "request"), tally)}
	if len(out.failed) > 0 {
		notes = append(notes, fmt.Sprintf("%d refused by Leiga and not changed: %s.", len(out.failed), strings.Join(rowNumbers(out.failed), ", ")))
	}
	if out.stopped != nil {
		notes = append(notes, fmt.Sprintf("Stopped after a failure; nothing was retried. Unknown outcome (read back before trying again): %s. Not sent: %s.",
			orNone(rowNumbers(out.unknown)), orNone(rowNumbers(out.notAttempted))))
	}
	result, err := toolkit.Result(ctx, d, res, notes...)
	if err == nil && len(out.failed)+len(out.unknown)+len(out.notAttempted) > 0 {
		result.IsError = true // the model must see that not everything changed
	}
	return result, err
}

// tally words the issues left alone, for notes: ", 2 already so, 1 refused".
func (p *bulkPlan) tally() string {
	var s string
	if n := len(p.unchanged); n > 0 {
		s += fmt.Sprintf("; %d already had these values (not sent)", n)
	}
	if n := len(p.refused); n > 0 {
		s += fmt.Sprintf("; %d refused: %s", n, strings.Join(rowNumbers(p.refused), ", "))
	}
	return s
}

// plannedRequests words the planned requests: "2 requests (1 batch)".
func plannedRequests(writes []bulkWrite) string {
	batches := 0
	for _, w := range writes {
		if w.batch() {
			batches++
		}
	}
	return fmt.Sprintf("%s (%d batched)", reportCount(len(writes), "request"), batches)
}

// rowNumbers lists the numbers of rows.
func rowNumbers(rows []bulkRow) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Number
	}
	return out
}

// orNone joins a list, or says none.
func orNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}

// confirmBulkUpdate words an apply that changes more than
// bulkConfirmAbove issues, for the user to confirm; "" lets smaller ones
// and previews run without asking.
func confirmBulkUpdate(ctx context.Context, d *toolkit.Deps, args *schemas.BulkUpdateIssues) (string, error) {
	if args.Preview() {
		return "", nil
	}
	plan, err := planBulk(ctx, d, args)
	if err != nil || len(plan.writes) <= bulkConfirmAbove {
		return "", err
	}
	return plan.summary(), nil
}

// summary is the one-line question for a large apply: "Change 14 issues
// (WEB-2, WEB-5, … ): sprint → Sprint 13, assignee → Carol Nguyen?".
func (p *bulkPlan) summary() string {
	after := map[string][]string{}
	for _, it := range p.writes {
		for f, change := range it.changes {
			_, to, _ := strings.Cut(change, " → ")
			if !slices.Contains(after[f], to) {
				after[f] = append(after[f], to)
			}
		}
	}
	var parts []string
	for _, f := range bulkFields {
		if len(after[f]) == 0 {
			continue
		}
		v := after[f][0]
		if len(after[f]) > 1 {
			v = "(varies)"
		}
		parts = append(parts, f+" → "+v)
	}
	numbers := make([]string, 0, 3)
	for _, it := range p.writes[:min(3, len(p.writes))] {
		numbers = append(numbers, it.is.Number)
	}
	more := ""
	if len(p.writes) > 3 {
		more = ", …"
	}
	return fmt.Sprintf("Change %d issues (%s%s): %s?", len(p.writes), strings.Join(numbers, ", "), more, strings.Join(parts, ", "))
}
