package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"golang.org/x/sync/errgroup"
)

// What a bulk update would do: the selected issues, the changes resolved
// in each of their projects, and for each issue its data map and its
// before → after, or why it is left alone (already so, or its workflow
// refuses the status).

// bulkPlan is what a bulk update would do to each selected issue, in the
// order of the selection.
type bulkPlan struct {
	selected  int
	applied   []string    // the selection, in words
	writes    []*bulkItem // the issues that change
	unchanged []bulkRow   // already have every value: nothing is sent
	refused   []bulkRow   // cannot take the change
}

// bulkItem is one issue that changes: what is sent and what it shows.
type bulkItem struct {
	is      endpoints.Issue
	data    schemas.IssueData
	changes map[string]string // field -> "before → after"
}

// bulkRow is an issue in a result list.
type bulkRow struct {
	Number  string            `json:"number"`
	Title   string            `json:"title,omitempty"`
	Changes map[string]string `json:"changes,omitempty"`
	Reason  string            `json:"reason,omitempty"`
}

// row is the item as listed in results.
func (it *bulkItem) row() bulkRow {
	return bulkRow{Number: it.is.Number, Title: shortTitle(it.is.Summary), Changes: it.changes}
}

// maxRowTitle caps a title in bulk results, in runes: the number names the
// issue, the title only helps to recognise it.
const maxRowTitle = 60

// shortTitle is a title cut to maxRowTitle.
func shortTitle(s string) string {
	if r := []rune(s); len(r) > maxRowTitle {
		return strings.TrimRight(string(r[:maxRowTitle-1]), " ") + "…"
	}
	return s
}

// projectChanges are the changes resolved in one project.
type projectChanges struct {
	p         resolve.Ref
	fp        *fieldPlan             // priority, assignee, sprint, due
	add, drop []resolve.Ref          // labels to add and remove
	status    map[int64]statusTarget // by issue type
	sprints   map[int64]string       // sprint names by id, for "before"
	err       error                  // why this project's issues cannot take the changes
	mu        sync.Mutex
}

// statusTarget is the status an issue type's workflow resolved the name
// to, or why it did not.
type statusTarget struct {
	ref resolve.Ref
	err error
}

// planBulk selects the issues and works out what the changes do to each.
// Nothing is written. A name that resolves nowhere, a selection of more
// than schemas.MaxBulkIssues, and an empty change are errors.
func planBulk(ctx context.Context, d *toolkit.Deps, args *schemas.BulkUpdateIssues) (*bulkPlan, error) {
	if args.Set.Empty() {
		return nil, errors.New("set: nothing to change: give at least one of status, sprint, assignee, priority, add_labels, remove_labels, due")
	}
	issues, applied, err := selectBulk(ctx, d, args)
	if err != nil {
		return nil, err
	}
	plan := &bulkPlan{selected: len(issues), applied: applied}
	if len(issues) == 0 {
		return plan, nil
	}
	byProject, err := resolveChanges(ctx, d.Resolver, args.Set, issues)
	if err != nil {
		return nil, err
	}
	for _, is := range issues {
		pc := byProject[is.ProjectID]
		it, reason, err := planIssue(ctx, d, args.Set, pc, is)
		switch {
		case err != nil:
			return nil, err
		case reason != "":
			plan.refused = append(plan.refused, bulkRow{Number: is.Number, Title: shortTitle(is.Summary), Reason: reason})
		case len(it.data) == 0:
			plan.unchanged = append(plan.unchanged, bulkRow{Number: is.Number, Title: shortTitle(is.Summary), Reason: "already " + alreadyWords(args.Set, pc, is)})
		default:
			plan.writes = append(plan.writes, it)
		}
	}
	return plan, nil
}

// selectBulk returns the issues a bulk update names: the numbers given,
// or every issue matching the filters. More than schemas.MaxBulkIssues is
// refused with the count.
func selectBulk(ctx context.Context, d *toolkit.Deps, args *schemas.BulkUpdateIssues) ([]endpoints.Issue, []string, error) {
	switch {
	case len(args.Issues) > 0 && args.Filtered():
		return nil, nil, errors.New("give either issues (numbers) or filters, not both")
	case len(args.Issues) > schemas.MaxBulkIssues:
		return nil, nil, fmt.Errorf("%d issues given: bulk_update_issues takes at most %d per call; split them into several calls", len(args.Issues), schemas.MaxBulkIssues)
	case len(args.Issues) > 0:
		issues, err := issuesByNumber(ctx, d.Resolver, args.Issues)
		return issues, []string{"issues " + strings.Join(args.Issues, ", ")}, err
	case !args.Filtered():
		return nil, nil, errors.New("select the issues: give issues (numbers) or at least one filter (project, text, type, status, assignee, sprint, ...)")
	}
	found, err := searchAll(ctx, d, args.Search())
	if err != nil {
		return nil, nil, err
	}
	words := strings.Join(found.applied, ", ")
	switch {
	case found.capped:
		return nil, nil, fmt.Errorf("more than %d issues match %s: bulk_update_issues takes at most %d per call; narrow the filter (project, type, status, sprint, assignee, labels)", len(found.issues), words, schemas.MaxBulkIssues)
	case len(found.issues) > schemas.MaxBulkIssues:
		return nil, nil, fmt.Errorf("%d issues match %s: bulk_update_issues takes at most %d per call; narrow the filter (project, type, status, sprint, assignee, labels) or give the issue numbers", len(found.issues), words, schemas.MaxBulkIssues)
	}
	return found.issues, found.applied, nil
}

// issuesByNumber reads the named issues, a few at a time; every number
// that is not found is reported at once. A number given twice counts once.
func issuesByNumber(ctx context.Context, r *resolve.Resolver, numbers []string) ([]endpoints.Issue, error) {
	out := make([]*endpoints.Issue, len(numbers))
	errs := make([]error, len(numbers))
	var g errgroup.Group
	g.SetLimit(fanOut)
	for i, n := range numbers {
		g.Go(func() error {
			out[i], errs[i] = r.Issue(ctx, n)
			return nil
		})
	}
	_ = g.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("issues: %w", err)
	}
	var issues []endpoints.Issue
	seen := map[int64]bool{}
	for _, is := range out {
		if !seen[is.ID] {
			seen[is.ID] = true
			issues = append(issues, *is)
		}
	}
	return issues, nil
}

// resolveChanges resolves the changes' names in every project of the
// selection, the projects a few at a time. A name that fails in every
// project is an error listing the valid names; one that fails in some
// only refuses those projects' issues. Leiga's own failures are errors.
func resolveChanges(ctx context.Context, r *resolve.Resolver, set schemas.BulkChanges, issues []endpoints.Issue) (map[int64]*projectChanges, error) {
	byProject := map[int64]*projectChanges{}
	var order []*projectChanges
	for _, is := range issues {
		pc, ok := byProject[is.ProjectID]
		if !ok {
			pc = &projectChanges{p: resolve.IssueProject(&is), status: map[int64]statusTarget{}}
			byProject[is.ProjectID] = pc
			order = append(order, pc)
		}
		if _, ok := pc.status[is.TypeID]; !ok && set.Status != "" {
			pc.status[is.TypeID] = statusTarget{}
		}
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fanOut)
	for _, pc := range order {
		g.Go(func() error { return pc.resolve(gctx, r, set) })
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var errs []error
	for _, pc := range order {
		if pc.err != nil {
			errs = append(errs, pc.err)
		}
	}
	if len(errs) == len(order) && len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if set.Status != "" {
		var statusErrs []error
		can := false
		for _, pc := range order {
			for _, st := range pc.status {
				if st.err == nil {
					can = true
				} else {
					statusErrs = append(statusErrs, st.err)
				}
			}
		}
		if !can {
			return nil, errors.Join(statusErrs...)
		}
	}
	return byProject, nil
}

// resolve resolves the changes in pc's project, the look-ups at once. A
// name that does not resolve is recorded in pc.err (or per type, for the
// status); a failure of Leiga itself is returned.
func (pc *projectChanges) resolve(ctx context.Context, r *resolve.Resolver, set schemas.BulkChanges) error {
	pc.fp = newFieldPlan()
	var wg sync.WaitGroup
	wg.Go(func() {
		pc.fp.plan(ctx, r, pc.p, schemas.IssueFieldsByName{Priority: set.Priority, Assignee: set.Assignee, Sprint: set.Sprint, Due: set.Due}, true)
	})
	labels := func(names []string, dst *[]resolve.Ref, field string) {
		for _, n := range names {
			ref, err := r.Tag(ctx, pc.p, n)
			if err != nil {
				pc.fp.fail(fmt.Errorf("%s: %w", field, err))
				continue
			}
			pc.mu.Lock()
			if !slices.ContainsFunc(*dst, func(x resolve.Ref) bool { return x.ID == ref.ID }) {
				*dst = append(*dst, ref)
			}
			pc.mu.Unlock()
		}
	}
	wg.Go(func() { labels(set.AddLabels, &pc.add, "add_labels") })
	wg.Go(func() { labels(set.RemoveLabels, &pc.drop, "remove_labels") })
	for _, typeID := range slices.Sorted(maps.Keys(pc.status)) {
		wg.Go(func() {
			ref, err := r.Status(ctx, pc.p, typeID, set.Status)
			pc.mu.Lock()
			pc.status[typeID] = statusTarget{ref: ref, err: err}
			pc.mu.Unlock()
		})
	}
	if set.Sprint != "" {
		wg.Go(func() {
			// Names of the sprints issues are in now, which list rows may lack.
			refs, err := r.Sprints(ctx, pc.p.ID)
			if err != nil {
				return // the "before" shows the id; the sprint change itself reports a failure
			}
			names := map[int64]string{}
			for _, s := range refs {
				names[s.ID] = s.Name
			}
			pc.sprints = names
		})
	}
	wg.Wait()
	for _, err := range pc.fp.errs {
		if _, upstream := leigaapi.AsError(err); upstream {
			return err
		}
	}
	for typeID, st := range pc.status {
		if _, upstream := leigaapi.AsError(st.err); upstream {
			return st.err
		}
		if st.err != nil {
			pc.status[typeID] = statusTarget{err: fmt.Errorf("status: %w", st.err)}
		}
	}
	if err := pc.fp.err(); err != nil {
		pc.err = fmt.Errorf("in %s: %w", pc.p.ProjectKey, err)
	}
	return nil
}

// planIssue works out one issue's data and before → after. reason says
// why the issue cannot take the change; err is a failure of Leiga.
func planIssue(ctx context.Context, d *toolkit.Deps, set schemas.BulkChanges, pc *projectChanges, is endpoints.Issue) (*bulkItem, string, error) {
	if pc.err != nil {
		return nil, pc.err.Error(), nil
	}
	loc := d.Loc()
	it := &bulkItem{is: is, data: schemas.IssueData{}, changes: map[string]string{}}
	if set.Status != "" {
		st := pc.status[is.TypeID]
		switch {
		case st.err != nil:
			return nil, st.err.Error(), nil
		case st.ref.ID != is.StatusID:
			if err := checkTransition(ctx, d.Resolver, &is, st.ref); err != nil {
				if _, upstream := leigaapi.AsError(err); upstream {
					return nil, "", err
				}
				return nil, err.Error(), nil
			}
			it.data["status"] = st.ref.ID
			it.changes["status"] = arrow(is.StatusName, st.ref.Name)
		}
	}
	before := map[string]string{
		"priority": cmp.Or(is.PriorityName, idWord(is.PriorityID)),
		"assignee": cmp.Or(is.AssigneeName, idWord(is.AssigneeID)),
		"sprint":   cmp.Or(is.SprintName, pc.sprints[is.SprintID], idWord(is.SprintID)),
		"due":      resolve.FormatDate(is.DueDate, loc),
	}
	for code, field := range map[string]string{"priority": "priority", "assignee": "assignee", "sprint": "sprint", "dueDate": "due"} {
		v, ok := pc.fp.data[code]
		if !ok || pc.fp.same(&is, code) || code == "dueDate" && sameDay(v, is.DueDate, loc) {
			continue
		}
		it.data[code] = v
		it.changes[field] = arrow(before[field], shown(pc.fp.names[field]))
	}
	if labels, names, changed := relabel(is.Tags, pc.add, pc.drop); changed {
		it.data["label"] = labels
		var now []string
		for _, t := range is.Tags {
			now = append(now, t.Name)
		}
		it.changes["labels"] = arrow(shown(now), shown(names))
	}
	return it, "", nil
}

// relabel adds and removes tags: the new label ids (the kept ones in
// their order, then the added), their names, and whether anything changed.
func relabel(tags []endpoints.Tag, add, drop []resolve.Ref) ([]int64, []string, bool) {
	ids, names := []int64{}, []string{}
	changed := false
	for _, t := range tags {
		if slices.ContainsFunc(drop, func(r resolve.Ref) bool { return r.ID == t.ID }) {
			changed = true
			continue
		}
		ids, names = append(ids, t.ID), append(names, t.Name)
	}
	for _, a := range add {
		if !slices.Contains(ids, a.ID) {
			ids, names, changed = append(ids, a.ID), append(names, a.Name), true
		}
	}
	return ids, names, changed
}

// bulkFields are the fields a bulk update changes, in the order results
// and questions list them.
var bulkFields = []string{"status", "sprint", "assignee", "priority", "labels", "due"}

// arrow words a change.
func arrow(from, to string) string {
	return cmp.Or(from, "none") + " → " + cmp.Or(to, "none")
}

// idWord names an id no name was found for.
func idWord(id int64) string {
	if id == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", id)
}

// alreadyWords says which asked-for values an unchanged issue already has.
func alreadyWords(set schemas.BulkChanges, pc *projectChanges, is endpoints.Issue) string {
	var parts []string
	if set.Status != "" {
		parts = append(parts, "status "+is.StatusName)
	}
	for _, f := range []struct{ arg, field string }{{set.Sprint, "sprint"}, {set.Assignee, "assignee"}, {set.Priority, "priority"}, {set.Due, "due"}} {
		if f.arg != "" {
			parts = append(parts, f.field+" "+shown(pc.fp.names[f.field]))
		}
	}
	if len(set.AddLabels)+len(set.RemoveLabels) > 0 {
		parts = append(parts, "these labels")
	}
	return strings.Join(parts, ", ")
}

// sameDay reports whether a planned date (milliseconds, or nil to clear)
// falls on the day the issue's date does: a due date is a day, whatever
// its time.
func sameDay(want any, have int64, loc *time.Location) bool {
	ms, ok := want.(int64)
	return ok && have != 0 && resolve.FormatDate(ms, loc) == resolve.FormatDate(have, loc)
}
