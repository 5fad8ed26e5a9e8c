package tools

import (
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// sprintReportOut is what the tests read of a sprint_report answer.
type sprintReportOut struct {
	Summary    string          `json:"summary"`
	Sprint     string          `json:"sprint"`
	State      string          `json:"state"`
	DaysLeft   *int            `json:"days_left"`
	Unit       string          `json:"unit"`
	Scope      workCount       `json:"scope"`
	Done       workCount       `json:"done"`
	InProgress workCount       `json:"in_progress"`
	Remaining  workCount       `json:"remaining"`
	Burndown   []burndownPoint `json:"burndown"`
	Finished   []finishedDay   `json:"finished"`
}

func TestSprintReport(t *testing.T) {
	_, demo := newSandboxDeps(t)
	// history: MOBILE Sprint 12 with an issue finished before the start,
	// one done without a finish time, one finished and re-opened, one
	// finished in the sprint; Sprint 11 with an issue finished after it
	// closed.
	seed := sandbox.DemoSeed()
	early := demoIssue(t, seed, 10005) // MOBILE-5, 2 points, finished the day before the start
	two := 2.0
	early.StatusID, early.EstimatePoint, early.FinishTime = 14, &two, demoTime(-7, 10)
	quiet := demoIssue(t, seed, 10006) // MOBILE-6, 5 points, done on Nov 3 without a finish time
	quiet.StatusID, quiet.FinishTime, quiet.UpdateTime = 14, 0, demoTime(2, 12)
	reopened := demoIssue(t, seed, 10003) // MOBILE-3, 8 points, in progress again
	reopened.FinishTime = demoTime(-2, 10)
	finished := demoIssue(t, seed, 10004) // MOBILE-4, 3 points, finished on Nov 2
	finished.StatusID, finished.FinishTime = 14, demoTime(1, 15)
	late := demoIssue(t, seed, 10010) // MOBILE-10, Sprint 11, finished after the close
	late.FinishTime = demoTime(-6, 10)
	history := newSeededDeps(t, seed)

	tests := []struct {
		name       string
		d          *toolkit.Deps
		args       string
		want       sprintReportOut
		daysLeft   int // -1: none
		points     []string
		finished   string // date:issues:points;...
		chart      bool
		inText     []string
		notInText  []string
		lastIdeal  float64
		firstPoint string
		lastPoint  string
	}{
		{
			name: "current sprint by default, nothing finished yet", d: demo, args: `{"project":"mobile"}`,
			want: sprintReportOut{Sprint: "Sprint 12", State: "active", Unit: "points", Scope: workCount{5, 16}, Done: workCount{0, 0},
				InProgress: workCount{4, 16}, Remaining: workCount{5, 16}},
			daysLeft: 4, chart: true,
			points:     []string{"2026-10-26 09:00=16", "2026-10-27 00:00=16", "2026-11-04 00:00=16", "2026-11-04 10:00=16"},
			firstPoint: "2026-10-26 09:00", lastPoint: "2026-11-04 10:00", lastIdeal: 5.18,
			inText: []string{
				"MOBILE Sprint 12 (active, 2026-10-26 to 2026-11-08, 4 days left): 0 of 16 points done, 16 remaining; 0 of 5 issues done, 5 remaining (4 in progress). Behind the ideal line by 10.8 points",
				"2 of 5 issues have no story points and count 0 points: MOBILE-5, MOBILE-13.",
				"the burndown assumes the current 5 issues, 16 points and their current estimates from the first day",
				"Created after the sprint started, so added to it later: MOBILE-13 (2026-10-28); counted from the first day.",
				"No issue of the sprint has finished yet.",
			},
		},
		{
			name: "a closed sprint, to its close", d: demo, args: `{"project":"MOBILE","sprint":"previous"}`,
			want: sprintReportOut{Sprint: "Sprint 11", State: "closed", Unit: "points", Scope: workCount{3, 7}, Done: workCount{3, 7},
				Remaining: workCount{0, 0}},
			daysLeft: -1, chart: true,
			points:     []string{"2026-10-12 09:00=7", "2026-10-23 00:00=7", "2026-10-24 00:00=2", "2026-10-25 00:00=0", "2026-10-25 17:00=0"},
			firstPoint: "2026-10-12 09:00", lastPoint: "2026-10-25 17:00",
			finished:  "2026-10-22:MOBILE-2:0;2026-10-23:MOBILE-1:5;2026-10-24:MOBILE-10:2",
			inText:    []string{"MOBILE Sprint 11 (closed, 2026-10-12 to 2026-10-25): 7 of 7 points done, 0 remaining; 3 of 3 issues done", "MOBILE-10 (2026-10-13)"},
			notInText: []string{"Behind", "Ahead"},
		},
		{
			name: "by name, with a finished issue without points", d: demo, args: `{"project":"OPS","sprint":"sprint 12"}`,
			want: sprintReportOut{Sprint: "Sprint 12", State: "active", Unit: "points", Scope: workCount{5, 13}, Done: workCount{1, 0},
				InProgress: workCount{3, 13}, Remaining: workCount{4, 13}},
			daysLeft: 4, chart: true, finished: "2026-10-27:OPS-1:0",
			points: []string{"2026-10-26 09:00=13", "2026-11-04 10:00=13"},
		},
		{
			name: "a sprint not started: figures, no burndown", d: demo, args: `{"project":"MOBILE","sprint":"next"}`,
			want:     sprintReportOut{Sprint: "Sprint 13", State: "not started", Unit: "points", Scope: workCount{1, 3}, Remaining: workCount{1, 3}},
			daysLeft: -1,
			inText:   []string{"Not started: no burndown yet."}, notInText: []string{"Leiga keeps no history", "chart attached"},
		},
		{
			name: "what the history cannot tell, said and not guessed", d: history, args: `{"project":"MOBILE"}`,
			want: sprintReportOut{Sprint: "Sprint 12", State: "active", Unit: "points", Scope: workCount{5, 18}, Done: workCount{3, 10},
				InProgress: workCount{2, 8}, Remaining: workCount{2, 8}},
			daysLeft: 4, chart: true,
			// 18 in scope, MOBILE-5's 2 done before the start; MOBILE-4's 3
			// on Nov 2; MOBILE-6's 5 on its last update, Nov 3.
			points:   []string{"2026-10-26 09:00=16", "2026-11-02 00:00=16", "2026-11-03 00:00=13", "2026-11-04 00:00=8", "2026-11-04 10:00=8"},
			finished: "2026-10-25:MOBILE-5:2;2026-11-02:MOBILE-4:3;2026-11-03:MOBILE-6:5",
			inText: []string{
				"Finished once but open again: MOBILE-3 (finished 2026-10-30); counted as open throughout.",
				"Done without a finish time from Leiga: MOBILE-6 (2026-11-03); counted as finished on their last update.",
				"Finished before the sprint started: MOBILE-5 (2026-10-25); counted as done from the start.",
				"the current 5 issues, 18 points",
			},
		},
		{
			name: "finished after the close", d: history, args: `{"project":"MOBILE","sprint":"Sprint 11"}`,
			want:     sprintReportOut{Sprint: "Sprint 11", State: "closed", Unit: "points", Scope: workCount{3, 7}, Done: workCount{3, 7}},
			daysLeft: -1, chart: true,
			points:   []string{"2026-10-25 00:00=2", "2026-10-25 17:00=0"},
			finished: "2026-10-22:MOBILE-2:0;2026-10-23:MOBILE-1:5;2026-10-26:MOBILE-10:2",
			inText:   []string{"Finished after the sprint closed: MOBILE-10 (2026-10-26); counted at its close."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out sprintReportOut
			res := runTool(t, tt.d, "sprint_report", tt.args, &out)
			txt := text(res)
			if out.Sprint != tt.want.Sprint || out.State != tt.want.State || out.Unit != tt.want.Unit || out.Scope != tt.want.Scope ||
				out.Done != tt.want.Done || out.InProgress != tt.want.InProgress || out.Remaining != tt.want.Remaining {
				t.Errorf("got %+v\nwant %+v", out, tt.want)
			}
			switch {
			case tt.daysLeft < 0 && out.DaysLeft != nil:
				t.Errorf("days_left %d, want none", *out.DaysLeft)
			case tt.daysLeft >= 0 && (out.DaysLeft == nil || *out.DaysLeft != tt.daysLeft):
				t.Errorf("days_left %v, want %d", out.DaysLeft, tt.daysLeft)
			}
			at := map[string]float64{}
			for _, p := range out.Burndown {
				at[p.At] = p.Remaining
			}
			for _, p := range tt.points {
				when, v, _ := strings.Cut(p, "=")
				if got, ok := at[when]; !ok || reportNum(got) != v {
					t.Errorf("burndown at %s: %v (present %v), want %s; series %+v", when, got, ok, v, out.Burndown)
				}
			}
			if n := len(out.Burndown); n > 0 {
				if out.Burndown[n-1].Remaining != out.Remaining.Points {
					t.Errorf("the burndown ends at %v, the remaining points are %v", out.Burndown[n-1].Remaining, out.Remaining.Points)
				}
				if tt.firstPoint != "" && (out.Burndown[0].At != tt.firstPoint || out.Burndown[0].Remaining != out.Scope.Points) {
					t.Errorf("first point %+v, want the scope %v at %s", out.Burndown[0], out.Scope.Points, tt.firstPoint)
				}
				if tt.lastPoint != "" && out.Burndown[n-1].At != tt.lastPoint {
					t.Errorf("last point at %s, want %s", out.Burndown[n-1].At, tt.lastPoint)
				}
				if last := out.Burndown[n-1]; tt.lastIdeal != 0 && (last.Ideal == nil || *last.Ideal != tt.lastIdeal) {
					t.Errorf("ideal now %v, want %v", last.Ideal, tt.lastIdeal)
				}
			}
			var days []string
			for _, f := range out.Finished {
				days = append(days, f.Date+":"+strings.Join(f.Issues, ",")+":"+reportNum(f.Points))
			}
			if got := strings.Join(days, ";"); got != tt.finished {
				t.Errorf("finished %q, want %q", got, tt.finished)
			}
			if img := chartOf(t, res); (img != nil) != tt.chart {
				t.Errorf("chart: %v, want %v", img != nil, tt.chart)
			}
			if !strings.HasPrefix(txt, "summary: "+out.Summary) {
				t.Errorf("the text does not start with the summary:\n%s", txt)
			}
			for _, w := range tt.inText {
				if !strings.Contains(txt, w) {
					t.Errorf("text lacks %q:\n%s", w, txt)
				}
			}
			for _, w := range tt.notInText {
				if strings.Contains(txt, w) {
					t.Errorf("text has %q:\n%s", w, txt)
				}
			}
		})
	}
}

func TestSprintReportRefusals(t *testing.T) {
	_, d := newSandboxDeps(t)
	tests := []struct{ args, want string }{
		{`{"project":"NOPE"}`, "project"},
		{`{"project":"MOBILE","sprint":"Sprint 99"}`, "Sprint 12"},
		{`{"project":"OPS","sprint":"previous"}`, "No sprint is closed in project OPS"},
		{`{}`, "project"},
	}
	for _, tt := range tests {
		if msg := toolError(t, d, "sprint_report", tt.args); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.args, msg, tt.want)
		}
	}
}

// demoTime is a demo timestamp as the seed writes them: days after
// 2026-11-01 UTC, at hour.
func demoTime(days, hour int) int64 {
	return time.Date(2026, time.November, 1+days, hour, 0, 0, 0, time.UTC).UnixMilli()
}

// TestSprintHeader: an active sprint has days left until its end date,
// then days past it; other sprints have neither. The summary says which.
func TestSprintHeader(t *testing.T) {
	loc := time.UTC
	end := time.Date(2026, 11, 8, 18, 0, 0, 0, loc).UnixMilli()
	tests := []struct {
		name      string
		now       time.Time
		sprint    endpoints.Sprint
		left      int // -1: none
		pastEnd   int
		inSummary string
	}{
		{"before the end", time.Date(2026, 11, 4, 10, 0, 0, 0, loc), endpoints.Sprint{Status: endpoints.SprintActive, EndDate: end}, 4, 0, "MOBILE Sprint 12 (active, ? to 2026-11-08, 4 days left)"},
		{"on the last day", time.Date(2026, 11, 8, 20, 0, 0, 0, loc), endpoints.Sprint{Status: endpoints.SprintActive, EndDate: end}, 0, 0, "MOBILE Sprint 12 (active, ? to 2026-11-08, 0 days left)"},
		{"past the end, still open", time.Date(2026, 11, 30, 7, 0, 0, 0, loc), endpoints.Sprint{Status: endpoints.SprintActive, EndDate: end}, 0, 22, "MOBILE Sprint 12 (active, ? to 2026-11-08, ended 22 days ago but still open)"},
		{"closed", time.Date(2026, 11, 30, 7, 0, 0, 0, loc), endpoints.Sprint{Status: endpoints.SprintClosed, EndDate: end}, -1, 0, "MOBILE Sprint 12 (closed, ? to 2026-11-08)"},
		{"active without an end date", time.Date(2026, 11, 30, 7, 0, 0, 0, loc), endpoints.Sprint{Status: endpoints.SprintActive}, -1, 0, "MOBILE Sprint 12 (active)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.sprint.Name = "Sprint 12"
			h := newSprintHeader("MOBILE", tt.sprint, tt.now, loc)
			left, past := h.DaysLeft, h.DaysPastEnd
			switch {
			case tt.left < 0 && left != nil:
				t.Errorf("days left %d, want none", *left)
			case tt.left >= 0 && (left == nil || *left != tt.left):
				t.Errorf("days left %v, want %d", left, tt.left)
			}
			if past != tt.pastEnd {
				t.Errorf("days past the end %d, want %d", past, tt.pastEnd)
			}
			v := sprintReportView{sprintHeader: h}
			if got := sprintSummary(v, burndown{}, true); !strings.Contains(got, tt.inSummary) {
				t.Errorf("summary %q, want it to hold %q", got, tt.inSummary)
			}
		})
	}
}
