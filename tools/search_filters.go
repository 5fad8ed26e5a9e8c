package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"golang.org/x/sync/errgroup"
)

// The per-project part of a search: the names of types, statuses,
// priorities, labels, sprint, epic and version resolved in each searched
// project, and the "none" filters Leiga's list cannot express, applied to
// the rows here.

// projectFilter is the part of a search that depends on the project, and
// which names resolved there.
type projectFilter struct {
	p          resolve.Ref
	selects    map[string][]int64
	skip       bool            // a name group matched nothing here: no issue can match
	resolved   map[string]bool // "status:In Review" -> resolved in this project
	noSprint   bool            // only issues without a sprint (the backlog)
	noEpic     bool
	noVersion  bool
	unassigned bool
	priorities []int64 // the project's priority ids, highest first
}

// local reports whether rows are filtered here, so Leiga's paging cannot
// be used as is.
func (pf *projectFilter) local() bool {
	return pf.noSprint || pf.noEpic || pf.noVersion || pf.unassigned
}

// keep applies the local filters to a row.
func (pf *projectFilter) keep(is endpoints.Issue) bool {
	return (!pf.noSprint || is.SprintID == 0) && (!pf.noEpic || is.EpicID == 0) &&
		(!pf.noVersion || is.VersionID == 0) && (!pf.unassigned || is.AssigneeID == 0)
}

// priorityRank is a priority's position in the project's list, highest
// first; an unknown or missing priority ranks last.
func (pf *projectFilter) priorityRank(id int64) int {
	if i := slices.Index(pf.priorities, id); i >= 0 {
		return i
	}
	return len(pf.priorities) + 1
}

// projectFilters resolves the per-project names in each project. A name
// may be missing from some projects, but one found in none of the searched
// projects is an error that lists the valid options: no name is dropped
// silently.
func projectFilters(ctx context.Context, r *resolve.Resolver, sq *searchQuery, projects []resolve.Ref) ([]*projectFilter, error) {
	filters := make([]*projectFilter, len(projects))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fanOut)
	for i, p := range projects {
		g.Go(func() error {
			pf, err := filterFor(gctx, r, sq, p)
			filters[i] = pf
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// Every name must resolve in at least one project.
	scope := resolve.Ref{}
	if len(projects) == 1 {
		scope = projects[0]
	}
	var errs []error
	check := func(group string, names []string, lookup func(string) error) {
		for _, n := range names {
			if !slices.ContainsFunc(filters, func(pf *projectFilter) bool { return pf.resolved[group+":"+n] }) {
				errs = append(errs, fmt.Errorf("%s: %w", group, lookup(n)))
			}
		}
	}
	a := sq.args
	check("status", sq.statuses, func(n string) error { _, err := r.MatchStatusIn(ctx, scope, n, projects); return err })
	check("type", a.Type, func(n string) error { _, err := r.IssueType(ctx, scope, n); return err })
	check("priority", a.Priority, func(n string) error { _, err := r.Priority(ctx, scope, n); return err })
	check("labels", a.Labels, func(n string) error { _, err := r.Tag(ctx, scope, n); return err })
	if a.Sprint != "" && !resolve.IsNoSprint(a.Sprint) {
		check("sprint", []string{a.Sprint}, func(n string) error { _, err := r.Sprint(ctx, scope, n); return err })
	}
	if a.Epic != "" && !isNone(a.Epic) {
		check("epic", []string{a.Epic}, func(n string) error { _, err := r.Epic(ctx, scope, n); return err })
	}
	return filters, errors.Join(errs...)
}

// filterFor resolves the search's names in one project.
func filterFor(ctx context.Context, r *resolve.Resolver, sq *searchQuery, p resolve.Ref) (*projectFilter, error) {
	a := sq.args
	pf := &projectFilter{p: p, selects: map[string][]int64{}, resolved: map[string]bool{}, unassigned: sq.unassigned}
	group := func(name, code string, names []string, lookup func(string) (resolve.Ref, error)) error {
		if len(names) == 0 {
			return nil
		}
		var ids []int64
		for _, n := range names {
			ref, err := lookup(n)
			var re *resolve.Error
			if errors.As(err, &re) && re.NotFound() {
				continue
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			pf.resolved[name+":"+n] = true
			if !slices.Contains(ids, ref.ID) {
				ids = append(ids, ref.ID)
			}
		}
		if len(ids) == 0 {
			pf.skip = true
		}
		pf.selects[code] = ids
		return nil
	}
	// one names a single value that may mean "none", read by none.
	one := func(name, code, value string, none func(string) bool, set *bool, lookup func(string) (resolve.Ref, error)) error {
		switch {
		case value == "":
			return nil
		case none(value):
			*set = true
			return nil
		}
		return group(name, code, []string{value}, lookup)
	}
	errs := []error{
		group("status", "status", sq.statuses, func(n string) (resolve.Ref, error) { return r.MatchStatusIn(ctx, p, n, nil) }),
		sq.mixCategories(ctx, r, pf),
		group("type", "issueType", a.Type, func(n string) (resolve.Ref, error) { return r.IssueType(ctx, p, n) }),
		group("priority", "priority", a.Priority, func(n string) (resolve.Ref, error) { return r.Priority(ctx, p, n) }),
		group("labels", "label", a.Labels, func(n string) (resolve.Ref, error) { return r.Tag(ctx, p, n) }),
		one("sprint", "sprint", a.Sprint, resolve.IsNoSprint, &pf.noSprint, func(n string) (resolve.Ref, error) { return r.Sprint(ctx, p, n) }),
		one("epic", "epic", a.Epic, isNone, &pf.noEpic, func(n string) (resolve.Ref, error) { return r.Epic(ctx, p, n) }),
		one("version", "releaseVersion", a.Version, isNone, &pf.noVersion, func(n string) (resolve.Ref, error) { return r.Version(ctx, n) }),
	}
	if sq.assignee != nil {
		pf.selects["assignee"] = []int64{sq.assignee.ID}
	}
	if sortOf(sq) == "priority" {
		prios, err := r.Priorities(ctx, p.ID)
		errs = append(errs, err)
		for _, ref := range prios {
			pf.priorities = append(pf.priorities, ref.ID)
		}
	}
	return pf, errors.Join(errs...)
}

// mixCategories serves a search naming both statuses and categories
// ("In Review" or todo): Leiga ANDs statusTypes with a status filter, so
// the categories become the project's states of those categories, ORed
// with the named statuses in the status filter.
func (sq *searchQuery) mixCategories(ctx context.Context, r *resolve.Resolver, pf *projectFilter) error {
	if len(sq.categories) == 0 || len(sq.statuses) == 0 {
		return nil
	}
	wfs, err := r.Workflows(ctx, pf.p.ID)
	if err != nil {
		return err
	}
	ids := pf.selects["status"]
	for _, wf := range wfs {
		for _, st := range wf.States {
			if slices.Contains(sq.categories, st.Category) && !slices.Contains(ids, st.ID) {
				ids = append(ids, st.ID)
			}
		}
	}
	if len(ids) > 0 {
		pf.selects["status"] = ids
		pf.skip = false // the named statuses may be missing here; the categories are not
	}
	return nil
}
