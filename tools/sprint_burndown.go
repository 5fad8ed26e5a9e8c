package tools

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
)

// A sprint's burndown from what Leiga keeps: the issues in the sprint now,
// their status and estimate now, and when each done issue was finished.
// Leiga keeps no history of a sprint's scope (issues added or removed,
// estimates changed), so the series assumes the current issues and
// estimates from the first day, and burndownOf reports every issue whose
// facts show that assumption is off.

// burndownInput is what a burndown is computed from.
type burndownInput struct {
	Start, End time.Time // the sprint's dates; End is zero without an end date
	Closed     time.Time // when it closed; zero while open
	Now        time.Time
	Loc        *time.Location
	Issues     []endpoints.Issue
	// Finished has the finish time of each finished issue by id, from
	// /issue/page-finished.
	Finished map[int64]time.Time
}

// burndown is a sprint's remaining work over time, the ideal line, what
// finished each day, and the issues the history cannot place.
type burndown struct {
	ByIssues bool // no issue has story points: the series counts issues
	Scope    float64
	Actual   []charts.Point // the sprint start, each midnight since, and now (or the close)
	Ideal    []charts.Point // scope at the start to 0 at the end; none without an end date
	Days     []finishedDay
	// Issues whose history is not what the series assumes, as "ABC-1
	// (date)" where a date helps.
	AddedLater   []string // created after the sprint started
	Reopened     []string // finished once, open now
	NoFinishTime []string // done, but Leiga gave no finish time: counted at the last update
	BeforeStart  []string // finished before the sprint started: done from the start
	AfterClose   []string // finished after the sprint closed: counted at the close
}

// finishedDay is what finished on one day.
type finishedDay struct {
	Date   string   `json:"date"`
	Issues []string `json:"issues"`
	Points float64  `json:"points"`
}

// maxBurndownPoints caps the series of a long-running sprint: beyond it,
// midnights are skipped at a regular stride.
const maxBurndownPoints = 60

// burndownOf computes the burndown of in.
func burndownOf(in burndownInput) burndown {
	b := burndown{ByIssues: !slices.ContainsFunc(in.Issues, func(is endpoints.Issue) bool { return issuePoints(is) > 0 })}
	weight := func(is endpoints.Issue) float64 {
		if b.ByIssues {
			return 1
		}
		return issuePoints(is)
	}
	last := in.Now
	if !in.Closed.IsZero() && in.Closed.Before(last) {
		last = in.Closed
	}
	if last.Before(in.Start) {
		last = in.Start
	}
	type burn struct {
		at time.Time
		w  float64
	}
	var burns []burn
	days := map[string]*finishedDay{}
	day := func(t time.Time) string { return t.In(in.Loc).Format(time.DateOnly) }
	for _, is := range in.Issues {
		b.Scope += weight(is)
		name := issueName(is)
		if is.CreateTime > in.Start.UnixMilli() {
			b.AddedLater = append(b.AddedLater, fmt.Sprintf("%s (%s)", name, day(time.UnixMilli(is.CreateTime))))
		}
		ft, ok := in.Finished[is.ID]
		if is.StatusCategory != endpoints.CategoryDone {
			if ok {
				b.Reopened = append(b.Reopened, fmt.Sprintf("%s (finished %s)", name, day(ft)))
			}
			continue
		}
		if !ok {
			ft = time.UnixMilli(cmp.Or(is.UpdateTime, last.UnixMilli()))
			b.NoFinishTime = append(b.NoFinishTime, fmt.Sprintf("%s (%s)", name, day(ft)))
		}
		d := days[day(ft)]
		if d == nil {
			d = &finishedDay{Date: day(ft)}
			days[d.Date] = d
		}
		d.Issues = append(d.Issues, name)
		d.Points += issuePoints(is)
		at := ft
		switch {
		case at.Before(in.Start):
			b.BeforeStart = append(b.BeforeStart, fmt.Sprintf("%s (%s)", name, day(ft)))
			at = in.Start
		case at.After(last):
			b.AfterClose = append(b.AfterClose, fmt.Sprintf("%s (%s)", name, day(ft)))
			at = last
		}
		burns = append(burns, burn{at, weight(is)})
	}
	for _, d := range days {
		slices.SortFunc(d.Issues, byIssueNumber)
		b.Days = append(b.Days, *d)
	}
	slices.SortFunc(b.Days, func(x, y finishedDay) int { return cmp.Compare(x.Date, y.Date) })

	remaining := func(t time.Time) float64 {
		r := b.Scope
		for _, bn := range burns {
			if !bn.at.After(t) {
				r -= bn.w
			}
		}
		return math.Max(0, r)
	}
	// The midnights after the start day, up to the last point; about n of
	// them (time.Sub saturates, so n stays small for absurd dates).
	times := []time.Time{in.Start}
	s := in.Start.In(in.Loc)
	midnight := func(i int) time.Time { return time.Date(s.Year(), s.Month(), s.Day()+1+i, 0, 0, 0, 0, in.Loc) }
	n := int(last.Sub(midnight(0))/(24*time.Hour)) + 2
	stride := max(1, (n+maxBurndownPoints-1)/maxBurndownPoints)
	for i := 0; i < n; i += stride {
		if m := midnight(i); m.Before(last) {
			times = append(times, m)
		}
	}
	if last.After(in.Start) {
		times = append(times, last)
	}
	for _, t := range times {
		b.Actual = append(b.Actual, charts.Point{At: t, Value: remaining(t)})
	}
	if in.End.After(in.Start) {
		b.Ideal = []charts.Point{{At: in.Start, Value: b.Scope}, {At: in.End, Value: 0}}
		if last.After(in.End) {
			b.Ideal = append(b.Ideal, charts.Point{At: last, Value: 0})
		}
	}
	return b
}

// idealAt is the ideal line's value at t; false without an ideal line.
func (b burndown) idealAt(t time.Time) (float64, bool) {
	if len(b.Ideal) < 2 {
		return 0, false
	}
	start, end := b.Ideal[0].At, b.Ideal[1].At
	f := float64(t.Sub(start)) / float64(end.Sub(start))
	return b.Scope * (1 - math.Min(1, math.Max(0, f))), true
}
