package resolve

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Sprints by name or by state: "current" (or "active"), "next" and
// "previous" (or "last") name a project's sprint by where it stands;
// "none" and "backlog" mean no sprint and are the callers' to handle.

// Sprint states as shown in messages and results.
const (
	SprintStateActive  = "active"
	SprintStateFuture  = "not started"
	SprintStateClosed  = "closed"
	sprintStateUnknown = ""
)

// sprintWords are the state words a sprint may be named by.
var sprintWords = map[string]string{
	"current": "current", "active": "current", "this sprint": "current", "current sprint": "current", "active sprint": "current",
	"next": "next", "next sprint": "next", "upcoming": "next",
	"previous": "previous", "last": "previous", "last sprint": "previous", "previous sprint": "previous",
}

// IsNoSprint reports whether a sprint name means "no sprint" (the backlog).
func IsNoSprint(q string) bool {
	switch normName(q) {
	case "none", "no sprint", "backlog", "the backlog", "-":
		return true
	}
	return false
}

// SprintStateOf words a sprint status.
func SprintStateOf(status int) string {
	switch status {
	case endpoints.SprintActive:
		return SprintStateActive
	case endpoints.SprintNotStarted:
		return SprintStateFuture
	case endpoints.SprintClosed:
		return SprintStateClosed
	}
	return sprintStateUnknown
}

// SprintRows lists a project's sprints as Leiga answers them, cached.
func (r *Resolver) SprintRows(ctx context.Context, projectID int64) ([]endpoints.Sprint, error) {
	return cached(ctx, r, keySprintRows+strconv.FormatInt(projectID, 10), func(ctx context.Context) ([]endpoints.Sprint, error) {
		page, err := call(ctx, r, endpoints.SprintListWithCount, schemas.SprintListWithCount{ProjectID: projectID})
		return page.Rows, err
	})
}

// sprintList is the sprints of a project as refs, each with its state.
var sprintList = listSpec{kind: "sprint", key: keySprints, under: keySprintRows, fetch: func(r *Resolver, ctx context.Context, pid int64) ([]Ref, error) {
	rows, err := r.SprintRows(ctx, pid)
	if err != nil {
		return nil, err
	}
	return refsOf(rows, func(s endpoints.Sprint) Ref {
		return Ref{ID: s.ID, Name: s.Name, Closed: s.Status == endpoints.SprintClosed, State: SprintStateOf(s.Status)}
	}), nil
}}

// Sprints lists a project's sprints, closed ones included.
func (r *Resolver) Sprints(ctx context.Context, projectID int64) ([]Ref, error) {
	return sprintList.list(ctx, r, Ref{ID: projectID})
}

// Sprint resolves a sprint by name or state word in a project, or in any
// project. Every list of sprints in its errors marks each one's state.
func (r *Resolver) Sprint(ctx context.Context, p Ref, q string) (Ref, error) {
	word, ok := sprintWords[normName(q)]
	if !ok {
		return sprintList.resolve(ctx, r, p, q)
	}
	if p.ID != 0 && p.ProjectKey == "" {
		p, _ = r.projectByID(ctx, p.ID)
	}
	var all []Ref
	var rows []endpoints.Sprint
	projects := []Ref{p}
	if p.ID == 0 {
		var err error
		if projects, err = r.Projects(ctx); err != nil {
			return Ref{}, err
		}
	}
	for _, pr := range projects {
		if pr.ProjectKey == "" {
			pr, _ = r.projectByID(ctx, pr.ID)
		}
		got, err := r.SprintRows(ctx, pr.ID)
		if err != nil {
			return Ref{}, err
		}
		for _, s := range got {
			s.ProjectID = pr.ID
			rows = append(rows, s)
			all = append(all, Ref{ID: s.ID, Name: s.Name, ProjectID: pr.ID, ProjectKey: pr.ProjectKey, Closed: s.Status == endpoints.SprintClosed, State: SprintStateOf(s.Status)})
		}
	}
	picked := pickSprints(word, rows)
	var found []Ref
	for _, s := range picked {
		found = append(found, all[slices.IndexFunc(rows, func(x endpoints.Sprint) bool { return x.ID == s.ID && x.ProjectID == s.ProjectID })])
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) > 1:
		return Ref{}, newResolveError("sprint", scopeOf(p), q, all, found, true)
	}
	e := newResolveError("sprint", scopeOf(p), q, all, nil, p.ID == 0)
	e.Closest = nil
	e.Hint = fmt.Sprintf("No sprint is %s %s.", map[string]string{"current": "active", "next": "planned (not started)", "previous": "closed"}[word], scopeOf(p))
	return Ref{}, e
}

// pickSprints returns the sprints a state word names: every active one for
// "current" (one per project), the earliest not started for "next", the
// most recently closed for "previous" — per project.
func pickSprints(word string, rows []endpoints.Sprint) []endpoints.Sprint {
	byProject := map[int64][]endpoints.Sprint{}
	var order []int64
	for _, s := range rows {
		if _, ok := byProject[s.ProjectID]; !ok {
			order = append(order, s.ProjectID)
		}
		byProject[s.ProjectID] = append(byProject[s.ProjectID], s)
	}
	var out []endpoints.Sprint
	for _, pid := range order {
		list := byProject[pid]
		switch word {
		case "current":
			active := slices.DeleteFunc(slices.Clone(list), func(s endpoints.Sprint) bool { return s.Status != endpoints.SprintActive })
			slices.SortStableFunc(active, func(a, b endpoints.Sprint) int { return cmp.Compare(b.StartDate, a.StartDate) })
			if len(active) > 0 {
				out = append(out, active[0])
			}
		case "next":
			future := slices.DeleteFunc(slices.Clone(list), func(s endpoints.Sprint) bool { return s.Status != endpoints.SprintNotStarted })
			slices.SortStableFunc(future, func(a, b endpoints.Sprint) int {
				return cmp.Or(cmp.Compare(a.StartDate, b.StartDate), cmp.Compare(a.ID, b.ID))
			})
			if len(future) > 0 {
				out = append(out, future[0])
			}
		case "previous":
			closed := slices.DeleteFunc(slices.Clone(list), func(s endpoints.Sprint) bool { return s.Status != endpoints.SprintClosed })
			slices.SortStableFunc(closed, func(a, b endpoints.Sprint) int {
				return cmp.Or(cmp.Compare(cmp.Or(b.CompleteDate, b.EndDate), cmp.Or(a.CompleteDate, a.EndDate)), cmp.Compare(b.ID, a.ID))
			})
			if len(closed) > 0 {
				out = append(out, closed[0])
			}
		}
	}
	return out
}
