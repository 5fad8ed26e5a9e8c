package tools

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// workload_report: open issues and story points per assignee in a project
// or one of its sprints, with a bar chart (PNG), in one call.
func workloadReportTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "workload_report", Title: "Workload per assignee",
		Description: "Open issues and story points per assignee (and unassigned) in a project, optionally one sprint, with a bar chart (PNG).",
		Effect:      toolkit.Read,
	}, handleWorkloadReport)
}

// workloadView is the answer of workload_report.
type workloadView struct {
	Summary   string         `json:"summary"`
	Project   string         `json:"project"`
	Sprint    string         `json:"sprint,omitempty"`
	Open      workCount      `json:"open"`
	Assignees []assigneeLoad `json:"assignees"`
	Backlog   bool           `json:"-"` // the issues without a sprint
}

// assigneeLoad is one assignee's open work.
type assigneeLoad struct {
	Assignee    string  `json:"assignee"`
	Issues      int     `json:"issues"`
	InProgress  int     `json:"in_progress"`
	Points      float64 `json:"points"`
	Unestimated int     `json:"unestimated"` // open issues without story points
	id          int64   // 0: unassigned
}

// unassigned names the row of issues without an assignee.
const unassigned = "Unassigned"

// maxWorkloadIssues caps how many open issues workload_report reads.
const maxWorkloadIssues = 1000

func handleWorkloadReport(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.WorkloadReport) (*mcp.CallToolResult, error) {
	r := d.Resolver
	p, err := r.Project(ctx, args.Project)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	// The members (for those without open work) need only the project:
	// read them while the sprint and the issues are read.
	var members []resolve.Ref
	var wg sync.WaitGroup
	wg.Go(func() { members, _ = r.Members(ctx, p.ID) })
	defer wg.Wait()
	var sprint resolve.Ref
	backlog := resolve.IsNoSprint(args.Sprint)
	if args.Sprint != "" && !backlog {
		if sprint, err = r.Sprint(ctx, p, args.Sprint); err != nil {
			return nil, fmt.Errorf("sprint: %w", err)
		}
	}
	issues, more, err := openIssues(ctx, d, p, sprint.ID)
	if err != nil {
		return nil, err
	}
	if backlog {
		issues = slices.DeleteFunc(issues, func(is endpoints.Issue) bool { return is.SprintID != 0 })
	}
	wg.Wait()
	v := workloadView{Project: p.ProjectKey, Sprint: sprint.Name, Backlog: backlog}
	if backlog {
		v.Sprint = "none (backlog)"
	}
	v.Assignees = workloadRows(issues, members)
	for _, is := range issues {
		v.Open.add(is)
	}
	v.Summary = workloadSummary(v)
	var notes []string
	if more {
		notes = append(notes, fmt.Sprintf("Only the first %d open issues were read: narrow by sprint.", maxWorkloadIssues))
	}
	res, err := toolkit.Result(ctx, d, v, notes...)
	if err != nil {
		return nil, err
	}
	png, err := charts.BarsPNG(workloadChart(v))
	if err != nil {
		return nil, fmt.Errorf("drawing the workload: %w", err)
	}
	res.Content = append(res.Content, mcp.NewImageContent(base64.StdEncoding.EncodeToString(png), "image/png"))
	return res, nil
}

// openIssues reads a project's open issues (to do and in progress), of one
// sprint when sprintID is set, at most maxWorkloadIssues; more reports
// whether there were more.
func openIssues(ctx context.Context, d *toolkit.Deps, p resolve.Ref, sprintID int64) (out []endpoints.Issue, more bool, err error) {
	in := schemas.IssuePage{ProjectID: p.ID, StatusTypes: []int{endpoints.CategoryToDo, endpoints.CategoryInProgress}, OrderBy: "createTime", Sort: "ASC",
		Paging: schemas.Paging{PageSize: schemas.MaxListPageSize}}
	if sprintID != 0 {
		in.SelectFields = map[string][]int64{"sprint": {sprintID}}
	}
	for n := 1; ; n++ {
		in.PageNumber = n
		page, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, in)
		if err != nil {
			return nil, false, err
		}
		for _, is := range page.Rows {
			if is.StatusCategory != endpoints.CategoryDone {
				out = append(out, is)
			}
		}
		read := int64((n-1)*schemas.MaxListPageSize + len(page.Rows))
		if len(page.Rows) < schemas.MaxListPageSize || read >= page.Total {
			return out, false, nil
		}
		if len(out) >= maxWorkloadIssues {
			return out[:maxWorkloadIssues], true, nil
		}
	}
}

// workloadRows counts open issues per assignee: every assignee of an open
// issue and every project member without one, most points first, the
// unassigned issues last.
func workloadRows(issues []endpoints.Issue, members []resolve.Ref) []assigneeLoad {
	byID := map[int64]*assigneeLoad{}
	row := func(id int64, name string) *assigneeLoad {
		if a := byID[id]; a != nil {
			return a
		}
		a := &assigneeLoad{id: id, Assignee: name}
		if id == 0 {
			a.Assignee = unassigned
		}
		byID[id] = a
		return a
	}
	for _, m := range members {
		row(m.ID, m.Name)
	}
	for _, is := range issues {
		a := row(is.AssigneeID, cmp.Or(is.AssigneeName, fmt.Sprintf("user %d", is.AssigneeID)))
		if a.Assignee == "" {
			a.Assignee = is.AssigneeName
		}
		a.Issues++
		a.Points += issuePoints(is)
		if is.StatusCategory == endpoints.CategoryInProgress {
			a.InProgress++
		}
		if issuePoints(is) <= 0 {
			a.Unestimated++
		}
	}
	out := make([]assigneeLoad, 0, len(byID))
	for _, a := range byID {
		a.Points = reportRound(a.Points)
		out = append(out, *a)
	}
	slices.SortFunc(out, func(a, b assigneeLoad) int {
		last := func(x assigneeLoad) int {
			if x.id == 0 {
				return 1
			}
			return 0
		}
		return cmp.Or(cmp.Compare(last(a), last(b)), cmp.Compare(b.Points, a.Points), cmp.Compare(b.Issues, a.Issues), cmp.Compare(a.Assignee, b.Assignee))
	})
	return out
}

// workloadSummary is the report's first line.
func workloadSummary(v workloadView) string {
	var sb strings.Builder
	sb.WriteString(workloadScope(v))
	if v.Open.Issues == 0 {
		sb.WriteString(": no open issues.")
		return sb.String()
	}
	people := slices.DeleteFunc(slices.Clone(v.Assignees), func(a assigneeLoad) bool { return a.id == 0 || a.Issues == 0 })
	fmt.Fprintf(&sb, ": %s, %s, across %s", reportCount(v.Open.Issues, "issue"), reportPoints(v.Open.Points), reportCount(len(people), "assignee"))
	if len(people) > 0 {
		top := people[0]
		fmt.Fprintf(&sb, "; most: %s (%s, %s)", top.Assignee, reportCount(top.Issues, "issue"), reportPoints(top.Points))
	}
	sb.WriteString(".")
	if i := slices.IndexFunc(v.Assignees, func(a assigneeLoad) bool { return a.id == 0 }); i >= 0 {
		u := v.Assignees[i]
		fmt.Fprintf(&sb, " Unassigned: %s, %s.", reportCount(u.Issues, "issue"), reportPoints(u.Points))
	}
	var idle []string
	for _, a := range v.Assignees {
		if a.id != 0 && a.Issues == 0 {
			idle = append(idle, a.Assignee)
		}
	}
	if len(idle) > 0 {
		fmt.Fprintf(&sb, " No open issues: %s.", strings.Join(idle, ", "))
	}
	if v.Open.Points == 0 {
		sb.WriteString(" No open issue has story points.")
	}
	sb.WriteString(" Bar chart attached (PNG).")
	return sb.String()
}

// workloadScope says what the report covers: "Open work in WEB Sprint
// 12".
func workloadScope(v workloadView) string {
	switch {
	case v.Sprint == "":
		return "Open work in " + v.Project
	case v.Backlog:
		return "Open work in the " + v.Project + " backlog (no sprint)"
	}
	return "Open work in " + v.Project + " " + v.Sprint
}

// workloadChart is the bar chart of v: story points and open issues per
// assignee; past charts.MaxCategories, the smallest loads are folded into
// one bar, and the unassigned bar stays last.
func workloadChart(v workloadView) charts.Bars {
	rows := v.Assignees
	var un []assigneeLoad
	if n := len(rows); n > 0 && rows[n-1].id == 0 {
		rows, un = rows[:n-1], rows[n-1:]
	}
	if room := charts.MaxCategories - len(un); len(rows) > room {
		other := assigneeLoad{Assignee: fmt.Sprintf("%d others", len(rows)-room+1), id: -1}
		for _, a := range rows[room-1:] {
			other.Issues += a.Issues
			other.Points += a.Points
		}
		rows = append(slices.Clone(rows[:room-1]), other)
	}
	rows = append(slices.Clone(rows), un...)
	b := charts.Bars{Title: workloadScope(v), XLabel: "Assignee", YLabel: "Open story points and issues"}
	pts := charts.BarSeries{Name: "Story points"}
	cnt := charts.BarSeries{Name: "Open issues"}
	for _, a := range rows {
		b.Categories = append(b.Categories, a.Assignee)
		pts.Values = append(pts.Values, a.Points)
		cnt.Values = append(cnt.Values, float64(a.Issues))
	}
	b.Series = []charts.BarSeries{pts, cnt}
	if v.Open.Points == 0 {
		b.Series, b.YLabel = []charts.BarSeries{cnt}, "Open issues"
	}
	if len(b.Categories) == 0 {
		b.Categories = []string{unassigned}
		for i := range b.Series {
			b.Series[i].Values = []float64{0}
		}
	}
	return b
}
