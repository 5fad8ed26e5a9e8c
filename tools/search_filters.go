package tools

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"golang.org/x/sync/errgroup"
)

// The per-project part of a search: the names of statuses, priorities,
// labels and the sprint resolved in each searched project.

// projectFilter is the part of a search body that depends on the project,
// and which names resolved there.
type projectFilter struct {
	p        resolve.Ref
	selects  map[string][]int64
	skip     bool            // a name group matched nothing here: no issue can match
	resolved map[string]bool // "status:In Review" -> resolved in this project
}

// projectFilters resolves the per-project names (statuses, priorities,
// labels, sprint) in each project. A name may be missing from some
// projects, but one found in none of the searched projects is an error
// that lists the valid options: no name is dropped silently.
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
	check("status", sq.statuses, func(n string) error {
		_, err := r.MatchStatusIn(ctx, scope, n, projects)
		return err
	})
	check("priority", sq.args.Priority, func(n string) error { _, err := r.Priority(ctx, scope, n); return err })
	check("labels", sq.args.Labels, func(n string) error { _, err := r.Tag(ctx, scope, n); return err })
	if sq.args.Sprint != "" {
		check("sprint", []string{sq.args.Sprint}, func(n string) error { _, err := r.Sprint(ctx, scope, n); return err })
	}
	return filters, errors.Join(errs...)
}

// filterFor resolves the search's names in one project.
func filterFor(ctx context.Context, r *resolve.Resolver, sq *searchQuery, p resolve.Ref) (*projectFilter, error) {
	pf := &projectFilter{p: p, selects: map[string][]int64{}, resolved: map[string]bool{}}
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
	err := errors.Join(
		group("status", "status", sq.statuses, func(n string) (resolve.Ref, error) { return r.MatchStatusIn(ctx, p, n, nil) }),
		sq.mixCategories(ctx, r, pf),
		group("priority", "priority", sq.args.Priority, func(n string) (resolve.Ref, error) { return r.Priority(ctx, p, n) }),
		group("labels", "label", sq.args.Labels, func(n string) (resolve.Ref, error) { return r.Tag(ctx, p, n) }),
	)
	if sq.args.Sprint != "" {
		err = errors.Join(err, group("sprint", "sprint", []string{sq.args.Sprint}, func(n string) (resolve.Ref, error) { return r.Sprint(ctx, p, n) }))
	}
	if sq.assignee != nil {
		pf.selects["assignee"] = []int64{sq.assignee.ID}
	}
	return pf, err
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
