package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// The report tools over MCP, on the server `leiga-mcp --sandbox` builds
// (demo seed, the machine's clock, LEIGA_TZ=UTC): the PNG decoded and its
// size checked, the figures and series checked against what the other
// tools read of the same sandbox and against the seed.

// reportCall calls a tool that must succeed, decodes its structured
// content into out, and returns its text and its image (nil: none).
func reportCall(t *testing.T, c *client.Client, name string, args map[string]any, out any) (string, image.Image) {
	t.Helper()
	req := mcp.CallToolRequest{}
	req.Params.Name, req.Params.Arguments = name, args
	res, err := c.CallTool(context.Background(), req)
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	var text string
	var img image.Image
	for i, content := range res.Content {
		switch cc := content.(type) {
		case mcp.TextContent:
			if i != 0 {
				t.Errorf("%s: text content at %d, want it first", name, i)
			}
			text += cc.Text
		case mcp.ImageContent:
			if cc.MIMEType != "image/png" || img != nil {
				t.Fatalf("%s: image %q (a second one: %v)", name, cc.MIMEType, img != nil)
			}
			raw, err := base64.StdEncoding.DecodeString(cc.Data)
			if err != nil {
				t.Fatalf("%s: image data: %v", name, err)
			}
			if img, err = png.Decode(bytes.NewReader(raw)); err != nil {
				t.Fatalf("%s: not a PNG: %v", name, err)
			}
			if got := img.Bounds().Size(); got != (image.Point{X: charts.Width, Y: charts.Height}) {
				t.Errorf("%s: a %v image, want %dx%d", name, got, charts.Width, charts.Height)
			}
		}
	}
	if res.IsError {
		t.Fatalf("%s %v: isError: %s", name, args, text)
	}
	if out != nil {
		raw, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("%s: %v in %s", name, err, raw)
		}
	}
	return text, img
}

// seedPoints are the story points of the demo issues by number (MOBILE-3).
func seedPoints() map[string]float64 {
	s := sandbox.DemoSeed()
	keys := map[int64]string{}
	for _, p := range s.Projects {
		keys[p.ID] = p.Key
	}
	out := map[string]float64{}
	for _, is := range s.Issues {
		if is.EstimatePoint != nil {
			out[keys[is.ProjectID]+"-"+strconv.Itoa(is.Number)] = *is.EstimatePoint
		}
	}
	return out
}

// searchRows lists issues through search_issues: number, assignee, status.
func searchRows(t *testing.T, c *client.Client, args map[string]any) []struct{ Number, Assignee, Status string } {
	t.Helper()
	var out struct {
		Issues []struct{ Number, Assignee, Status string } `json:"issues"`
		Total  int                                         `json:"total"`
	}
	args["page_size"] = 100
	reportCall(t, c, "search_issues", args, &out)
	if len(out.Issues) != out.Total {
		t.Fatalf("search_issues %v: %d of %d rows", args, len(out.Issues), out.Total)
	}
	return out.Issues
}

type reportCount struct {
	Issues int     `json:"issues"`
	Points float64 `json:"points"`
}

type reportPoint struct {
	At        string   `json:"at"`
	Remaining float64  `json:"remaining"`
	Ideal     *float64 `json:"ideal"`
}

type sprintReportOut struct {
	Summary    string        `json:"summary"`
	Sprint     string        `json:"sprint"`
	Start      string        `json:"start"`
	Scope      reportCount   `json:"scope"`
	Done       reportCount   `json:"done"`
	InProgress reportCount   `json:"in_progress"`
	Remaining  reportCount   `json:"remaining"`
	Burndown   []reportPoint `json:"burndown"`
	Finished   []struct {
		Date   string   `json:"date"`
		Issues []string `json:"issues"`
		Points float64  `json:"points"`
	} `json:"finished"`
}

func TestReportsAreDefaultReadOnlyTools(t *testing.T) {
	c := sandboxClient(t)
	list, err := c.ListTools(context.Background(), mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, tool := range list.Tools {
		if tool.Name == "sprint_report" || tool.Name == "workload_report" {
			found[tool.Name] = true
			if a := tool.Annotations; a.ReadOnlyHint == nil || !*a.ReadOnlyHint || a.DestructiveHint == nil || *a.DestructiveHint {
				t.Errorf("%s: annotations %+v, want read-only", tool.Name, a)
			}
		}
	}
	if !found["sprint_report"] || !found["workload_report"] {
		t.Errorf("the default tools/list lacks a report: %v", found)
	}
}

func TestSprintReportOverMCP(t *testing.T) {
	c := sandboxClient(t, "--tools", "issue_page_finished")
	points := seedPoints()
	if time.Now().Before(time.Date(2026, 10, 27, 0, 0, 0, 0, time.UTC)) {
		t.Skip("the machine's clock is before the demo's current sprint started")
	}

	t.Run("current sprint: figures from its issues, the series from scope to what remains", func(t *testing.T) {
		var out sprintReportOut
		text, img := reportCall(t, c, "sprint_report", map[string]any{"project": "MOBILE"}, &out)
		if img == nil {
			t.Fatal("no burndown image")
		}
		rows := searchRows(t, c, map[string]any{"project": "MOBILE", "sprint": "current"})
		var want, open reportCount
		for _, r := range rows {
			want.Issues++
			want.Points += points[r.Number]
			if r.Status != "Done" {
				open.Issues++
				open.Points += points[r.Number]
			}
		}
		if out.Sprint != "Sprint 12" || out.Scope != want || out.Remaining != open || out.Done.Issues != want.Issues-open.Issues {
			t.Errorf("report %+v\nwant scope %+v, remaining %+v from search_issues and the seed", out, want, open)
		}
		n := len(out.Burndown)
		if n < 2 || out.Burndown[0].At != out.Start+" 09:00" || out.Burndown[0].Remaining != out.Scope.Points || out.Burndown[n-1].Remaining != out.Remaining.Points {
			t.Fatalf("burndown %+v: want it to start at the scope (%v) on %s and end at the remaining points (%v)", out.Burndown, out.Scope.Points, out.Start, out.Remaining.Points)
		}
		if ideal := out.Burndown[0].Ideal; ideal == nil || *ideal != out.Scope.Points {
			t.Errorf("the ideal line starts at %v, want the scope", ideal)
		}
		for i := 1; i < n-1; i++ {
			if !strings.HasSuffix(out.Burndown[i].At, " 00:00") {
				t.Errorf("point %d at %s, want a midnight", i, out.Burndown[i].At)
			}
		}
		for _, w := range []string{"summary: MOBILE Sprint 12 (active", "0 of 16 points done", "Leiga keeps no history of a sprint's scope", "MOBILE-13 (2026-10-28)"} {
			if !strings.Contains(text, w) {
				t.Errorf("text lacks %q:\n%s", w, text)
			}
		}
	})

	t.Run("closed sprint: what finished each day, as issue_page_finished tells", func(t *testing.T) {
		var out sprintReportOut
		_, img := reportCall(t, c, "sprint_report", map[string]any{"project": "mobile", "sprint": "previous"}, &out)
		if img == nil {
			t.Fatal("no burndown image")
		}
		var fin struct {
			List []struct {
				IssueNumber string `json:"issueNumber"`
				FinishTime  int64  `json:"finishTime"` // epoch ms
			} `json:"list"`
		}
		reportCall(t, c, "issue_page_finished", map[string]any{"projectIds": []int64{sandbox.DemoProjectMobile}, "sprintIds": []int64{201}, "pageSize": 100}, &fin)
		want := map[string]string{}
		for _, r := range fin.List {
			// Days in the user's zone (LEIGA_TZ=UTC here).
			want[r.IssueNumber] = time.UnixMilli(r.FinishTime).UTC().Format(time.DateOnly)
		}
		got := map[string]string{}
		var pts float64
		for _, d := range out.Finished {
			for _, is := range d.Issues {
				got[is] = d.Date
				pts += points[is]
			}
			if sum := sumPoints(points, d.Issues); sum != d.Points {
				t.Errorf("%s: %v points, the seed says %v", d.Date, d.Points, sum)
			}
		}
		if len(want) != 3 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("finished by day %v, issue_page_finished says %v", got, want)
		}
		n := len(out.Burndown)
		if out.Burndown[0].Remaining != out.Scope.Points || out.Burndown[n-1].Remaining != 0 || pts != out.Scope.Points || out.Burndown[n-1].At != "2026-10-25 17:00" {
			t.Errorf("burndown %+v: want %v to 0 at the close", out.Burndown, out.Scope.Points)
		}
	})

	t.Run("not started: no image, the text says why", func(t *testing.T) {
		text, img := reportCall(t, c, "sprint_report", map[string]any{"project": "MOBILE", "sprint": "next"}, nil)
		if img != nil || !strings.Contains(text, "Not started: no burndown yet.") {
			t.Errorf("image %v, text:\n%s", img != nil, text)
		}
	})
}

// sumPoints adds the seed's points of issues.
func sumPoints(points map[string]float64, issues []string) float64 {
	var s float64
	for _, is := range issues {
		s += points[is]
	}
	return s
}

func TestWorkloadReportOverMCP(t *testing.T) {
	c := sandboxClient(t)
	points := seedPoints()
	type load struct {
		Assignee string  `json:"assignee"`
		Issues   int     `json:"issues"`
		Points   float64 `json:"points"`
	}
	for _, tt := range []struct {
		name   string
		args   map[string]any
		search map[string]any
	}{
		{"a project", map[string]any{"project": "MOBILE"}, map[string]any{"project": "MOBILE", "status": []string{"open"}}},
		{"a sprint", map[string]any{"project": "WEB", "sprint": "Sprint 12"}, map[string]any{"project": "WEB", "status": []string{"open"}, "sprint": "Sprint 12"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var out struct {
				Open      reportCount `json:"open"`
				Assignees []load      `json:"assignees"`
			}
			text, img := reportCall(t, c, "workload_report", tt.args, &out)
			if img == nil {
				t.Fatal("no bar chart")
			}
			want := map[string]load{}
			var total reportCount
			for _, r := range searchRows(t, c, tt.search) {
				name := r.Assignee
				if name == "" {
					name = "Unassigned"
				}
				l := want[name]
				l.Assignee = name
				l.Issues++
				l.Points += points[r.Number]
				want[name] = l
				total.Issues++
				total.Points += points[r.Number]
			}
			if out.Open != total {
				t.Errorf("open %+v, search_issues and the seed say %+v", out.Open, total)
			}
			for _, a := range out.Assignees {
				if w := want[a.Assignee]; a.Issues != w.Issues || a.Points != w.Points {
					t.Errorf("%s: %d issues, %v points; search_issues and the seed say %d, %v", a.Assignee, a.Issues, a.Points, w.Issues, w.Points)
				}
				delete(want, a.Assignee)
			}
			if len(want) > 0 {
				t.Errorf("assignees missing from the report: %v", want)
			}
			if !strings.HasPrefix(text, "summary: Open work in ") || !strings.Contains(text, "| assignee | issues | in_progress | points | unestimated |") {
				t.Errorf("text:\n%s", text)
			}
		})
	}
}
