package tools

import (
	"fmt"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
)

// workloadOut is what the tests read of a workload_report answer.
type workloadOut struct {
	Summary   string    `json:"summary"`
	Project   string    `json:"project"`
	Sprint    string    `json:"sprint"`
	Open      workCount `json:"open"`
	Assignees []struct {
		Assignee    string  `json:"assignee"`
		Issues      int     `json:"issues"`
		InProgress  int     `json:"in_progress"`
		Points      float64 `json:"points"`
		Unestimated int     `json:"unestimated"`
	} `json:"assignees"`
}

func TestWorkloadReport(t *testing.T) {
	_, d := newSandboxDeps(t)
	tests := []struct {
		name   string
		args   string
		sprint string
		open   workCount
		rows   string // "name issues/in progress/points/unestimated; ..." in order
		inText []string
	}{
		{"a whole project: members without open work too, unassigned last", `{"project":"MOBILE"}`, "", workCount{9, 27},
			"Bob Martinez 2/2/8/1; Emma Schmidt 2/1/5/1; Alice Chen 2/0/3/1; David Okafor 1/1/3/0; Carol Nguyen 0/0/0/0; Unassigned 2/0/8/1",
			[]string{"Open work in MOBILE: 9 issues, 27 points, across 4 assignees; most: Bob Martinez (2 issues, 8 points). Unassigned: 2 issues, 8 points. No open issues: Carol Nguyen."}},
		{"the current sprint", `{"project":"web","sprint":"current"}`, "Sprint 12", workCount{4, 16},
			"Carol Nguyen 2/2/13/1; Emma Schmidt 1/1/3/0; David Okafor 1/0/0/1; Alice Chen 0/0/0/0",
			[]string{"Open work in WEB Sprint 12: 4 issues, 16 points"}},
		{"the backlog", `{"project":"OPS","sprint":"none"}`, "none (backlog)", workCount{2, 0},
			"Alice Chen 1/0/0/1; David Okafor 0/0/0/0; Frank Li 0/0/0/0; Unassigned 1/0/0/1",
			[]string{"Open work in the OPS backlog (no sprint)", "No open issue has story points."}},
		{"a sprint with no open issue", `{"project":"MOBILE","sprint":"previous"}`, "Sprint 11", workCount{0, 0},
			"Alice Chen 0/0/0/0; Bob Martinez 0/0/0/0; Carol Nguyen 0/0/0/0; David Okafor 0/0/0/0; Emma Schmidt 0/0/0/0",
			[]string{"Open work in MOBILE Sprint 11: no open issues."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out workloadOut
			res := runTool(t, d, "workload_report", tt.args, &out)
			if out.Sprint != tt.sprint || out.Open != tt.open {
				t.Errorf("sprint %q open %+v, want %q %+v", out.Sprint, out.Open, tt.sprint, tt.open)
			}
			var rows []string
			for _, a := range out.Assignees {
				rows = append(rows, fmt.Sprintf("%s %d/%d/%s/%d", a.Assignee, a.Issues, a.InProgress, reportNum(a.Points), a.Unestimated))
			}
			if got := strings.Join(rows, "; "); got != tt.rows {
				t.Errorf("rows\n%s\nwant\n%s", got, tt.rows)
			}
			if chartOf(t, res) == nil {
				t.Error("no chart")
			}
			txt := text(res)
			if !strings.HasPrefix(txt, "summary: "+out.Summary) {
				t.Errorf("the text does not start with the summary:\n%s", txt)
			}
			for _, w := range tt.inText {
				if !strings.Contains(txt, w) {
					t.Errorf("text lacks %q:\n%s", w, txt)
				}
			}
		})
	}
	for _, tt := range []struct{ args, want string }{
		{`{"project":"NOPE"}`, "project"},
		{`{"project":"MOBILE","sprint":"Sprint 99"}`, "Sprint 12"},
	} {
		if msg := toolError(t, d, "workload_report", tt.args); !strings.Contains(msg, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.args, msg, tt.want)
		}
	}
}

func TestWorkloadChartFoldsTheSmallestLoads(t *testing.T) {
	var issues []endpoints.Issue
	var members []resolve.Ref
	for i := range 15 {
		id := int64(100 + i)
		members = append(members, resolve.Ref{ID: id, Name: fmt.Sprintf("Member %02d", i)})
		issues = append(issues, endpoints.Issue{ID: id, AssigneeID: id, AssigneeName: fmt.Sprintf("Member %02d", i), Points: endpoints.Number{Value: float64(20 - i), Set: true}})
	}
	issues = append(issues, endpoints.Issue{ID: 1, Points: endpoints.Number{Value: 1, Set: true}})
	v := workloadView{Project: "BIG", Assignees: workloadRows(issues, members), Open: workCount{16, 0}}
	for _, is := range issues {
		v.Open.Points += is.Points.Value
	}
	b := workloadChart(v)
	if len(b.Categories) != charts.MaxCategories {
		t.Fatalf("%d bars, want %d: %v", len(b.Categories), charts.MaxCategories, b.Categories)
	}
	// Members 00-09 keep their bars; 10-14 (10+9+8+7+6 = 40 points) fold into one; unassigned stays last.
	if got := b.Categories[10] + "=" + reportNum(b.Series[0].Values[10]); got != "5 others=40" {
		t.Errorf("folded bar %s, want 5 others=40", got)
	}
	if b.Categories[0] != "Member 00" || b.Categories[11] != unassigned {
		t.Errorf("bars %v", b.Categories)
	}
	if len(b.Series) != 2 || b.Series[1].Name != "Open issues" || b.Series[1].Values[10] != 5 {
		t.Errorf("series %+v", b.Series)
	}
	if _, err := charts.BarsPNG(b); err != nil {
		t.Error(err)
	}
}
