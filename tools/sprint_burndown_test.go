package tools

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
)

func TestBurndownOf(t *testing.T) {
	at := func(day, hour int) time.Time { return time.Date(2026, time.October, 26+day, hour, 0, 0, 0, time.UTC) }
	issue := func(id int64, pts float64, category int, created time.Time) endpoints.Issue {
		is := endpoints.Issue{ID: id, Number: fmt.Sprintf("A-%d", id), StatusCategory: category, CreateTime: created.UnixMilli(), UpdateTime: at(1, 12).UnixMilli()}
		if pts > 0 {
			is.Points = endpoints.Number{Value: pts, Set: true}
		}
		return is
	}
	const todo, doing, done = endpoints.CategoryToDo, endpoints.CategoryInProgress, endpoints.CategoryDone
	before := at(-3, 9)
	sprint := burndownInput{Start: at(0, 9), End: at(4, 9), Now: at(2, 6), Loc: time.UTC}
	with := func(in burndownInput, issues []endpoints.Issue, finished map[int64]time.Time) burndownInput {
		in.Issues, in.Finished = issues, finished
		return in
	}
	tests := []struct {
		name     string
		in       burndownInput
		byIssues bool
		series   string // "time=value ..." of Actual
		ideal    int    // points of the ideal line
		days     string
	}{
		{"points burn on the day they finish", with(sprint,
			[]endpoints.Issue{issue(1, 5, done, before), issue(2, 3, doing, before), issue(3, 2, done, before)},
			map[int64]time.Time{1: at(0, 15), 3: at(1, 10)}),
			false, "26 09:00=10 27 00:00=5 28 00:00=3 28 06:00=3", 2, "2026-10-26:A-1:5 2026-10-27:A-3:2"},
		{"no points anywhere: issues are counted", with(sprint,
			[]endpoints.Issue{issue(1, 0, done, before), issue(2, 0, todo, before)},
			map[int64]time.Time{1: at(1, 10)}),
			true, "26 09:00=2 27 00:00=2 28 00:00=1 28 06:00=1", 2, "2026-10-27:A-1:0"},
		{"a closed sprint ends at its close, finishes after it count there", with(burndownInput{Start: at(0, 9), End: at(2, 9), Closed: at(2, 8), Now: at(9, 9), Loc: time.UTC},
			[]endpoints.Issue{issue(1, 4, done, before)}, map[int64]time.Time{1: at(5, 10)}),
			false, "26 09:00=4 27 00:00=4 28 00:00=4 28 08:00=0", 2, "2026-10-31:A-1:4"},
		{"an overrun sprint goes on to now, the ideal stays at 0", with(burndownInput{Start: at(0, 9), End: at(1, 9), Now: at(2, 9), Loc: time.UTC},
			[]endpoints.Issue{issue(1, 4, doing, before)}, nil),
			false, "26 09:00=4 27 00:00=4 28 00:00=4 28 09:00=4", 3, ""},
		{"no end date: no ideal line", with(burndownInput{Start: at(0, 9), Now: at(0, 10), Loc: time.UTC},
			[]endpoints.Issue{issue(1, 4, doing, before)}, nil),
			false, "26 09:00=4 26 10:00=4", 0, ""},
		{"started this minute: one point", with(burndownInput{Start: at(0, 9), End: at(4, 9), Now: at(0, 9), Loc: time.UTC},
			[]endpoints.Issue{issue(1, 4, todo, before)}, nil),
			false, "26 09:00=4", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := burndownOf(tt.in)
			if b.ByIssues != tt.byIssues {
				t.Errorf("by issues %v, want %v", b.ByIssues, tt.byIssues)
			}
			if got := seriesString(b.Actual); got != tt.series {
				t.Errorf("series %q, want %q", got, tt.series)
			}
			if len(b.Ideal) != tt.ideal {
				t.Errorf("ideal %v, want %d points", b.Ideal, tt.ideal)
			}
			var days []string
			for _, d := range b.Days {
				days = append(days, fmt.Sprintf("%s:%s:%s", d.Date, strings.Join(d.Issues, ","), reportNum(d.Points)))
			}
			if got := strings.Join(days, " "); got != tt.days {
				t.Errorf("days %q, want %q", got, tt.days)
			}
		})
	}
}

func TestBurndownIdeal(t *testing.T) {
	start := time.Date(2026, 10, 26, 9, 0, 0, 0, time.UTC)
	b := burndownOf(burndownInput{Start: start, End: start.Add(100 * time.Hour), Now: start.Add(150 * time.Hour), Loc: time.UTC,
		Issues: []endpoints.Issue{{ID: 1, Points: endpoints.Number{Value: 10, Set: true}}}})
	for _, tt := range []struct {
		after time.Duration
		want  float64
	}{{0, 10}, {25 * time.Hour, 7.5}, {100 * time.Hour, 0}, {150 * time.Hour, 0}, {-time.Hour, 10}} {
		if got, ok := b.idealAt(start.Add(tt.after)); !ok || got != tt.want {
			t.Errorf("ideal %v after the start: %v, want %v", tt.after, got, tt.want)
		}
	}
	if _, ok := (burndown{}).idealAt(start); ok {
		t.Error("an ideal value without an ideal line")
	}
}

func TestBurndownMidnightsInTheUsersZone(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	// Summer time ends on Sunday Nov 1: the midnights stay midnights.
	start := time.Date(2026, 10, 30, 9, 0, 0, 0, ny)
	b := burndownOf(burndownInput{Start: start, End: start.AddDate(0, 0, 5), Now: time.Date(2026, 11, 2, 12, 0, 0, 0, ny), Loc: ny})
	var got []string
	for _, p := range b.Actual {
		got = append(got, p.At.In(ny).Format("Jan 2 15:04"))
	}
	if want := "Oct 30 09:00,Oct 31 00:00,Nov 1 00:00,Nov 2 00:00,Nov 2 12:00"; strings.Join(got, ",") != want {
		t.Errorf("points at %v, want %s", got, want)
	}
}

func TestBurndownOfALongSprintIsCapped(t *testing.T) {
	start := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	for _, now := range []time.Time{start.AddDate(1, 0, 0), start.AddDate(200, 0, 0)} {
		b := burndownOf(burndownInput{Start: start, End: start.AddDate(0, 0, 14), Now: now, Loc: time.UTC})
		if n := len(b.Actual); n > maxBurndownPoints+2 || n < maxBurndownPoints/2 {
			t.Errorf("open until %v: %d points, want about %d", now.Year(), n, maxBurndownPoints)
		}
		if !b.Actual[len(b.Actual)-1].At.Equal(now) {
			t.Errorf("open until %v: the series ends at %v", now.Year(), b.Actual[len(b.Actual)-1].At)
		}
	}
}

// seriesString renders points as "day hh:mm=value" in UTC.
func seriesString(ps []charts.Point) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.At.UTC().Format("2 15:04")+"="+reportNum(p.Value))
	}
	return strings.Join(out, " ")
}
