package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// update_issue: change an issue by number, moving its status only along
// the transitions its workflow allows.
func updateIssueTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "update_issue", Title: "Update issue",
		Description: "Change an issue by number: status (allowed transitions only), title, fields by name; \"none\" clears a field, labels replace.",
		Effect:      toolkit.Update,
	}, handleUpdateIssue)
}

// change is one field's value before and after an update.
type change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

func handleUpdateIssue(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.UpdateIssue) (*mcp.CallToolResult, error) {
	r := d.Resolver
	is, err := r.Issue(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	p := resolve.IssueProject(is)
	fp := newFieldPlan()
	var wg sync.WaitGroup
	wg.Go(func() { fp.plan(ctx, r, p, args.IssueFieldsByName, true) })
	wg.Go(func() { fp.setByName(ctx, r, p, is.TypeID, args.Fields, true) })
	var target resolve.Ref
	var statusErr error
	if args.Status != "" {
		wg.Go(func() { target, statusErr = r.Status(ctx, p, is.TypeID, args.Status) })
	}
	wg.Wait()
	if t := strings.TrimSpace(args.Title); t != "" {
		fp.data["summary"], fp.names["title"] = t, t
	}
	var notes []string
	if args.Status != "" {
		if err := statusErr; err != nil {
			fp.errs = append(fp.errs, fmt.Errorf("status: %w", err))
		} else if target.ID == is.StatusID {
			notes = append(notes, fmt.Sprintf("%s is already %s.", is.Number, target.Name))
		} else if err := checkTransition(ctx, r, is, target); err != nil {
			fp.errs = append(fp.errs, err)
		} else {
			fp.data["status"], fp.names["status"] = target.ID, target.Name
		}
	}
	if err := fp.err(); err != nil {
		return nil, err
	}
	asked := len(fp.data) > 0 || len(notes) > 0
	notes = append(notes, fp.dropUnchanged(is)...)
	if len(fp.data) == 0 {
		if asked {
			return toolkit.Result(ctx, d, map[string]any{"id": is.ID, "number": is.Number, "unchanged": true, "changed": map[string]change{}},
				append(notes, "Nothing was changed: "+is.Number+" already has these values.")...)
		}
		return nil, errors.New("nothing to change: give at least one of title, status, description, priority, assignee, labels, sprint, epic, version, due, start, points, fields")
	}
	now := issueView(is, r.Location())
	changes := map[string]change{}
	for field, to := range fp.names {
		changes[field] = change{From: now.field(field), To: to}
	}
	in := schemas.IssueUpdate{ID: is.ID, Data: fp.data}
	if args.DryRun {
		sent, err := endpoints.IssueUpdate.Preview(in)
		if err != nil {
			return nil, err
		}
		return toolkit.Result(ctx, d, map[string]any{"dry_run": true, "number": is.Number, "would_send": sent, "changes": changes},
			append(notes, "Dry run: nothing was changed. Call again without dry_run to apply it.")...)
	}
	if _, err := endpoints.Call(ctx, d.API, endpoints.IssueUpdate, in); err != nil {
		return nil, err
	}
	return toolkit.Result(ctx, d, map[string]any{"id": is.ID, "number": is.Number, "url": r.IssueLink(is), "changed": changes}, notes...)
}

// checkTransition verifies that the workflow allows moving is to target.
func checkTransition(ctx context.Context, r *resolve.Resolver, is *endpoints.Issue, target resolve.Ref) error {
	wf, err := r.WorkflowFor(ctx, is.ProjectID, is.TypeID)
	if err != nil {
		return err
	}
	next, err := r.NextStatuses(ctx, wf.ID, is.StatusID)
	if err != nil {
		return fmt.Errorf("status: %w", err)
	}
	if slices.ContainsFunc(next, func(s resolve.Ref) bool { return s.ID == target.ID }) {
		return nil
	}
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = s.Name
	}
	if len(names) == 0 {
		return fmt.Errorf("status: %s cannot move from %q to %q: its workflow allows no transition out of %q", is.Number, is.StatusName, target.Name, is.StatusName)
	}
	return fmt.Errorf("status: %s cannot move from %q to %q; allowed next statuses: %s (move through them one step at a time)", is.Number, is.StatusName, target.Name, strings.Join(names, ", "))
}
