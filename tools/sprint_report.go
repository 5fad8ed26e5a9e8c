package tools

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// sprint_report: a sprint's scope and progress, what finished each day,
// and a burndown chart (PNG) against the ideal line, in one call.
func sprintReportTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "sprint_report", Title: "Sprint report with burndown",
		Description: "A project's sprint (default current): scope, done, in progress and remaining issues and points, days left, what finished each day, and a burndown chart (PNG).",
		Effect:      toolkit.Read,
	}, handleSprintReport)
}

// sprintReportView is the answer of sprint_report.
type sprintReportView struct {
	Summary string `json:"summary"`
	sprintHeader
	Unit       string          `json:"unit"` // what the burndown counts: points or issues
	Scope      workCount       `json:"scope"`
	Done       workCount       `json:"done"`
	InProgress workCount       `json:"in_progress"`
	Remaining  workCount       `json:"remaining"` // not done: in progress and to do
	Burndown   []burndownPoint `json:"burndown,omitempty"`
	Finished   []finishedDay   `json:"finished,omitempty"`
}

// workCount is a number of issues and their story points.
type workCount struct {
	Issues int     `json:"issues"`
	Points float64 `json:"points"`
}

// add counts one issue.
func (w *workCount) add(is endpoints.Issue) {
	w.Issues++
	w.Points += issuePoints(is)
}

// burndownPoint is one point of the burndown: the remaining work at a
// moment (the start, a midnight, now or the close) and the ideal then.
type burndownPoint struct {
	At        string   `json:"at"`
	Remaining float64  `json:"remaining"`
	Ideal     *float64 `json:"ideal,omitempty"`
}

func handleSprintReport(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.SprintReport) (*mcp.CallToolResult, error) {
	r := d.Resolver
	p, err := r.Project(ctx, args.Project)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	s, err := sprintNamed(ctx, r, p, args.Sprint)
	if err != nil {
		return nil, err
	}
	// The finish times are read while the issues are.
	var finished map[int64]time.Time
	var finishedErr error
	var wg sync.WaitGroup
	wg.Go(func() { finished, finishedErr = finishTimes(ctx, d, p.ID, s.ID) })
	issues, err := sprintIssues(ctx, d, p, s.ID)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	rep := newSprintReport(p.ProjectKey, s, issues, finished, r.Now(), r.Location())
	if finishedErr != nil {
		rep.notes = append(rep.notes, "Leiga did not give the finish times ("+toolkit.CleanMessage(finishedErr.Error())+"): done issues count as finished on their last update.")
	}
	if len(issues) >= maxSprintIssues {
		rep.notes = append(rep.notes, fmt.Sprintf("Only the first %d issues of the sprint were read.", maxSprintIssues))
	}
	res, err := toolkit.Result(ctx, d, rep.view, rep.notes...)
	if err != nil || rep.chart == nil {
		return res, err
	}
	png, err := charts.BurndownPNG(*rep.chart)
	if err != nil {
		return nil, fmt.Errorf("drawing the burndown: %w", err)
	}
	res.Content = append(res.Content, mcp.NewImageContent(base64.StdEncoding.EncodeToString(png), "image/png"))
	return res, nil
}

// finishTimes reads when each finished issue of a sprint was finished
// (/issue/page-finished), by issue id.
func finishTimes(ctx context.Context, d *toolkit.Deps, projectID, sprintID int64) (map[int64]time.Time, error) {
	type row struct{ ID, FinishTime endpoints.Int }
	out := map[int64]time.Time{}
	read := 0
	for n := 1; read < maxSprintIssues; n++ {
		in := schemas.IssuePageFinished{ProjectIDs: []int64{projectID}, SprintIDs: []int64{sprintID},
			Paging: schemas.Paging{PageNumber: n, PageSize: schemas.MaxListPageSize}}
		raw, err := endpoints.Call(ctx, d.API, endpoints.IssuePageFinished, in)
		if err != nil {
			return nil, err
		}
		var page endpoints.Page[row]
		if err := json.Unmarshal(raw, &page); err != nil {
			return nil, fmt.Errorf("finished issues: %w", err)
		}
		for _, r := range page.Rows {
			if r.FinishTime > 0 {
				out[int64(r.ID)] = time.UnixMilli(int64(r.FinishTime))
			}
		}
		read += len(page.Rows)
		if len(page.Rows) < schemas.MaxListPageSize || int64(read) >= page.Total {
			break
		}
	}
	return out, nil
}

// sprintReport is a sprint_report answer being built: the view, the notes
// after it, and the chart to draw (nil: none).
type sprintReport struct {
	view  sprintReportView
	notes []string
	chart *charts.Burndown
}

// newSprintReport builds the report of sprint s of project key from its
// issues and their finish times, as of now in loc.
func newSprintReport(key string, s endpoints.Sprint, issues []endpoints.Issue, finished map[int64]time.Time, now time.Time, loc *time.Location) sprintReport {
	v := sprintReportView{sprintHeader: newSprintHeader(key, s, now, loc), Unit: "points"}
	var unestimated []string
	for _, is := range issues {
		v.Scope.add(is)
		switch is.StatusCategory {
		case endpoints.CategoryDone:
			v.Done.add(is)
		case endpoints.CategoryInProgress:
			v.InProgress.add(is)
			v.Remaining.add(is)
		default:
			v.Remaining.add(is)
		}
		if issuePoints(is) <= 0 {
			unestimated = append(unestimated, issueName(is))
		}
	}
	rep := sprintReport{}
	var notes []string
	switch {
	case len(issues) == 0:
	case len(unestimated) == len(issues):
		v.Unit = "issues"
		notes = append(notes, "No issue has story points: the burndown counts issues.")
	case len(unestimated) > 0:
		slices.SortFunc(unestimated, byIssueNumber)
		verbs := map[bool]string{true: "has no story points and counts", false: "have no story points and count"}[len(unestimated) == 1]
		notes = append(notes, fmt.Sprintf("%d of %d issues %s 0 points: %s.", len(unestimated), len(issues), verbs, strings.Join(unestimated, ", ")))
	}

	started := s.StartDate != 0 && s.Status != endpoints.SprintNotStarted && !time.UnixMilli(s.StartDate).After(now)
	var b burndown
	if started {
		in := burndownInput{Start: time.UnixMilli(s.StartDate), Now: now, Loc: loc, Issues: issues, Finished: finished}
		if s.EndDate != 0 {
			in.End = time.UnixMilli(s.EndDate)
		}
		if s.Status == endpoints.SprintClosed {
			in.Closed = time.UnixMilli(cmp.Or(s.CompleteDate, s.EndDate, now.UnixMilli()))
		}
		b = burndownOf(in)
		for _, pt := range b.Actual {
			bp := burndownPoint{At: pt.At.In(loc).Format("2006-01-02 15:04"), Remaining: reportRound(pt.Value)}
			if ideal, ok := b.idealAt(pt.At); ok {
				ideal = reportRound(ideal)
				bp.Ideal = &ideal
			}
			v.Burndown = append(v.Burndown, bp)
		}
		v.Finished = b.Days
		if len(b.Days) == 0 {
			notes = append(notes, "No issue of the sprint has finished yet.")
		}
		unit := "story points"
		if b.ByIssues {
			unit = "issues"
		}
		rep.chart = &charts.Burndown{Title: fmt.Sprintf("%s %s burndown", key, s.Name), Unit: unit, Location: loc, Actual: b.Actual, Ideal: b.Ideal}
		notes = append(notes, historyNotes(v, b)...)
	}
	v.Summary = sprintSummary(v, b, started)
	rep.view, rep.notes = v, notes
	return rep
}

// historyNotes says what the burndown assumes for lack of history, and
// names the issues whose facts show the assumption is off.
func historyNotes(v sprintReportView, b burndown) []string {
	scope := fmt.Sprintf("%d issues, %s points", v.Scope.Issues, reportNum(v.Scope.Points))
	if b.ByIssues {
		scope = fmt.Sprintf("%d issues", v.Scope.Issues)
	}
	notes := []string{"Leiga keeps no history of a sprint's scope: the burndown assumes the current " + scope +
		" and their current estimates from the first day, so issues added or removed after the start, changed estimates and re-opened issues do not show as such."}
	list := func(what string, issues []string, then string) {
		if len(issues) > 0 {
			notes = append(notes, what+": "+strings.Join(issues, ", ")+"; "+then+".")
		}
	}
	list("Created after the sprint started, so added to it later", b.AddedLater, "counted from the first day")
	list("Finished once but open again", b.Reopened, "counted as open throughout")
	list("Done without a finish time from Leiga", b.NoFinishTime, "counted as finished on their last update")
	list("Finished before the sprint started", b.BeforeStart, "counted as done from the start")
	list("Finished after the sprint closed", b.AfterClose, "counted at its close")
	return notes
}

// sprintSummary is the report's first line: where the sprint stands.
func sprintSummary(v sprintReportView, b burndown, started bool) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %s (%s", v.Project, v.Sprint, cmp.Or(v.State, "unknown state"))
	if v.Start != "" || v.End != "" {
		fmt.Fprintf(&sb, ", %s to %s", cmp.Or(v.Start, "?"), cmp.Or(v.End, "?"))
	}
	switch {
	case v.DaysPastEnd > 0:
		fmt.Fprintf(&sb, ", ended %s ago but still open", reportCount(v.DaysPastEnd, "day"))
	case v.DaysLeft != nil:
		fmt.Fprintf(&sb, ", %s left", reportCount(*v.DaysLeft, "day"))
	}
	sb.WriteString("): ")
	if v.Scope.Issues == 0 {
		sb.WriteString("no issues.")
		return sb.String()
	}
	if v.Unit == "points" {
		fmt.Fprintf(&sb, "%s of %s done, %s remaining; ", reportNum(v.Done.Points), reportPoints(v.Scope.Points), reportNum(v.Remaining.Points))
	}
	fmt.Fprintf(&sb, "%d of %s done, %d remaining (%d in progress).",
		v.Done.Issues, reportCount(v.Scope.Issues, "issue"), v.Remaining.Issues, v.InProgress.Issues)
	switch {
	case !started:
		sb.WriteString(" Not started: no burndown yet.")
	case len(b.Actual) > 0:
		last := b.Actual[len(b.Actual)-1]
		if ideal, ok := b.idealAt(last.At); ok && v.State == resolve.SprintStateActive {
			unit := map[bool]string{true: "issues", false: "points"}[b.ByIssues]
			diff := last.Value - ideal
			switch {
			case math.Abs(diff) < 0.05:
				fmt.Fprintf(&sb, " On the ideal line (%s %s left).", reportNum(ideal), unit)
			case diff > 0:
				fmt.Fprintf(&sb, " Behind the ideal line by %s %s (ideal: %s left by now).", reportNum(diff), unit, reportNum(ideal))
			default:
				fmt.Fprintf(&sb, " Ahead of the ideal line by %s %s (ideal: %s left by now).", reportNum(-diff), unit, reportNum(ideal))
			}
		}
		sb.WriteString(" Burndown chart attached (PNG).")
	}
	return sb.String()
}
