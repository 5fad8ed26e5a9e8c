package tools

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// get_sprint: a project's sprint by name or state (the current one by
// default), with its dates, progress and issues, in one call.
func getSprintTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "get_sprint", Title: "Sprint with its issues",
		Description: "A project's sprint by name or current/next/previous (default current): dates, days left, progress and its issues.",
		Effect:      toolkit.Read,
	}, handleGetSprint)
}

// sprintView is the answer of get_sprint.
type sprintView struct {
	sprintHeader
	Goal     string         `json:"goal,omitempty"`
	Progress sprintProgress `json:"progress"`
	Issues   []compactIssue `json:"issues"`
	Total    int            `json:"total"`
	Page     int            `json:"page"`
}

// sprintProgress counts a sprint's issues and points by status category.
type sprintProgress struct {
	ToDo       int     `json:"to_do"`
	InProgress int     `json:"in_progress"`
	Done       int     `json:"done"`
	Points     float64 `json:"points,omitempty"`
	PointsDone float64 `json:"points_done,omitempty"`
}

// maxSprintIssues caps how many issues of a sprint get_sprint reads.
const maxSprintIssues = 500

func handleGetSprint(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.GetSprint) (*mcp.CallToolResult, error) {
	args.ApplyDefaults()
	r := d.Resolver
	p, err := r.Project(ctx, args.Project)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	// The priorities (for the order of issues) need only the project: read
	// them while the sprint and its issues are read.
	rank := map[int64]int{}
	var wg sync.WaitGroup
	wg.Go(func() {
		if prios, err := r.Priorities(ctx, p.ID); err == nil {
			for i, pr := range prios {
				rank[pr.ID] = i + 1
			}
		}
	})
	defer wg.Wait()
	s, err := sprintNamed(ctx, r, p, args.Sprint)
	if err != nil {
		return nil, err
	}
	issues, err := sprintIssues(ctx, d, p, s.ID)
	if err != nil {
		return nil, err
	}
	v := sprintView{
		sprintHeader: newSprintHeader(p.ProjectKey, s, r.Now(), r.Location()), Goal: s.Goal,
		Total: len(issues), Page: args.Page,
	}
	var notes []string
	if v.DaysPastEnd > 0 {
		notes = append(notes, fmt.Sprintf("Its end date passed %d days ago; it is still open.", v.DaysPastEnd))
	}
	for _, is := range issues {
		pts := is.Points.Value
		v.Progress.Points += pts
		switch is.StatusCategory {
		case endpoints.CategoryDone:
			v.Progress.Done++
			v.Progress.PointsDone += pts
		case endpoints.CategoryInProgress:
			v.Progress.InProgress++
		default:
			v.Progress.ToDo++
		}
	}
	// Open work first, then done; highest priority first within each.
	wg.Wait()
	prio := func(is endpoints.Issue) int { return cmp.Or(rank[is.PriorityID], len(rank)+1) }
	done := func(is endpoints.Issue) int {
		if is.StatusCategory == endpoints.CategoryDone {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(issues, func(a, b endpoints.Issue) int {
		return cmp.Or(cmp.Compare(done(a), done(b)), cmp.Compare(prio(a), prio(b)))
	})
	from := min((args.Page-1)*args.PageSize, len(issues))
	to := min(from+args.PageSize, len(issues))
	v.Issues = make([]compactIssue, 0, to-from)
	for _, is := range issues[from:to] {
		v.Issues = append(v.Issues, compactRow(is, p.ProjectKey, r.Location()))
	}
	note := fmt.Sprintf("Issues %d-%d of %d, open first.", min(from+1, to), to, len(issues))
	if to < len(issues) {
		note += fmt.Sprintf(" More: call again with page=%d.", args.Page+1)
	}
	return toolkit.Result(ctx, d, v, append(notes, note)...)
}

// sprintNamed is the row of the project's sprint with the given name or
// state word (current when empty).
func sprintNamed(ctx context.Context, r *resolve.Resolver, p resolve.Ref, name string) (endpoints.Sprint, error) {
	ref, err := r.Sprint(ctx, p, cmp.Or(name, "current"))
	if err != nil {
		return endpoints.Sprint{}, fmt.Errorf("sprint: %w", err)
	}
	rows, err := r.SprintRows(ctx, p.ID)
	if err != nil {
		return endpoints.Sprint{}, err
	}
	i := slices.IndexFunc(rows, func(s endpoints.Sprint) bool { return s.ID == ref.ID })
	if i < 0 {
		return endpoints.Sprint{}, fmt.Errorf("sprint %s is gone from project %s", ref.Name, p.ProjectKey)
	}
	return rows[i], nil
}

// sprintIssues reads every issue of a sprint (at most maxSprintIssues).
func sprintIssues(ctx context.Context, d *toolkit.Deps, p resolve.Ref, sprintID int64) ([]endpoints.Issue, error) {
	var out []endpoints.Issue
	for n := 1; len(out) < maxSprintIssues; n++ {
		in := schemas.IssuePage{ProjectID: p.ID, SelectFields: map[string][]int64{"sprint": {sprintID}}, OrderBy: "updateTime", Sort: "DESC",
			Paging: schemas.Paging{PageNumber: n, PageSize: schemas.MaxListPageSize}}
		page, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, in)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Rows...)
		if len(page.Rows) < schemas.MaxListPageSize || int64(len(out)) >= page.Total {
			break
		}
	}
	return out, nil
}

// sprintHeader is what get_sprint and sprint_report say first about a
// sprint: its name, project, state and dates, and for an active sprint its
// days left or, once its end date has passed, how many days ago that was
// (days left is then 0).
type sprintHeader struct {
	Sprint      string `json:"sprint"`
	Project     string `json:"project"`
	State       string `json:"state"`
	Start       string `json:"start,omitempty"`
	End         string `json:"end,omitempty"`
	DaysLeft    *int   `json:"days_left,omitempty"`
	DaysPastEnd int    `json:"days_past_end,omitempty"`
}

// newSprintHeader describes sprint s of project key as of now in loc.
func newSprintHeader(key string, s endpoints.Sprint, now time.Time, loc *time.Location) sprintHeader {
	h := sprintHeader{
		Sprint: s.Name, Project: key, State: resolve.SprintStateOf(s.Status),
		Start: resolve.FormatDate(s.StartDate, loc), End: resolve.FormatDate(s.EndDate, loc),
	}
	if s.Status != endpoints.SprintActive || s.EndDate == 0 {
		return h
	}
	days := daysBetween(now, time.UnixMilli(s.EndDate), loc)
	if days < 0 {
		h.DaysPastEnd, days = -days, 0
	}
	h.DaysLeft = &days
	return h
}

// daysBetween counts whole days from now's day to end's day in loc.
func daysBetween(now, end time.Time, loc *time.Location) int {
	a := time.Date(now.In(loc).Year(), now.In(loc).Month(), now.In(loc).Day(), 0, 0, 0, 0, time.UTC)
	b := time.Date(end.In(loc).Year(), end.In(loc).Month(), end.In(loc).Day(), 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
