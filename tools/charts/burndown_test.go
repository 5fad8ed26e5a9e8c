package charts

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-analyze/charts/chartdraw"
)

func TestBurndownPNG(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	sprint := []Point{{day(0, 9), 16}, {day(1, 0), 16}, {day(2, 0), 13}, {day(3, 0), 13}, {day(4, 0), 8}, {day(4, 10), 5}}
	ideal := []Point{{day(0, 9), 16}, {day(13, 18), 0}}
	tests := []struct {
		name string
		in   Burndown
	}{
		{"sprint", Burndown{Title: "MOBILE Sprint 12 burndown", Unit: "story points", Location: time.UTC, Actual: sprint, Ideal: ideal}},
		{"other zone", Burndown{Title: "in Berlin", Location: berlin, Actual: sprint, Ideal: ideal}},
		{"one point, started today", Burndown{Title: "day one", Actual: sprint[:1], Ideal: ideal}},
		{"no end date, no ideal line", Burndown{Title: "open-ended", Unit: "issues", Actual: sprint}},
		{"nothing left", Burndown{Title: "done", Actual: []Point{{day(0, 9), 0}, {day(1, 9), 0}}}},
		{"long sprint", Burndown{Title: "a quarter", Actual: []Point{{day(0, 9), 100}, {day(90, 9), 20}}, Ideal: []Point{{day(0, 9), 100}, {day(91, 9), 0}}}},
		{"non-finite values drawn as 0", Burndown{Title: "NaN", Actual: []Point{{day(0, 9), math.NaN()}, {day(1, 9), math.Inf(1)}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := BurndownPNG(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			img := decoded(t, b)
			if n := inked(img, blue); n < 100 {
				t.Errorf("the remaining line has %d blue pixels", n)
			}
		})
	}
	if _, err := BurndownPNG(Burndown{Title: "empty"}); err == nil || !strings.Contains(err.Error(), "at least one point") {
		t.Errorf("a burndown without points: %v", err)
	}
}

func TestBurndownIsDeterministic(t *testing.T) {
	in := Burndown{Title: "t", Actual: []Point{{day(0, 9), 5}, {day(2, 0), 3}}, Ideal: []Point{{day(0, 9), 5}, {day(5, 18), 0}}}
	a, err := BurndownPNG(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BurndownPNG(in)
	if string(a) != string(b) {
		t.Error("the same burndown rendered twice differs")
	}
}

func TestLegendOnTitleRow(t *testing.T) {
	keys := []legendKey{{Name: "Ideal"}, {Name: "Remaining"}}
	tests := []struct {
		title string
		want  bool
	}{
		{"MOBILE Sprint 12 burndown", true},
		{"", true},
		{"MOBILE Sprint 12 (the one before the release) burndown", false},
	}
	for _, tt := range tests {
		if got := legendOnTitleRow(chartdraw.PNG(Width, Height), tt.title, keys); got != tt.want {
			t.Errorf("%q: legend on the title's row %v, want %v", tt.title, got, tt.want)
		}
	}
}

func BenchmarkBurndownPNG(b *testing.B) {
	var actual []Point
	for d := range 10 {
		actual = append(actual, Point{day(d, 0), float64(40 - 3*d)})
	}
	in := Burndown{Title: "MOBILE Sprint 12 burndown", Actual: actual, Ideal: []Point{{day(0, 0), 40}, {day(13, 18), 0}}}
	for b.Loop() {
		if _, err := BurndownPNG(in); err != nil {
			b.Fatal(err)
		}
	}
}

// TestZoneName: the axis names the zone by its IANA name, and the
// process's own zone by its abbreviation, never "Local".
func TestZoneName(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	winter := []Point{{At: time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)}}
	tests := []struct {
		loc  *time.Location
		want string
	}{
		{time.UTC, "UTC"},
		{paris, "Europe/Paris"},
		{time.FixedZone("+03", 3*3600), "+03"},
	}
	for _, tt := range tests {
		if got := zoneName(tt.loc, winter); got != tt.want {
			t.Errorf("zoneName(%v) = %q, want %q", tt.loc, got, tt.want)
		}
	}
	if got := zoneName(time.Local, winter); got == "Local" || got == "" {
		t.Errorf("zoneName(time.Local) = %q, want the zone's abbreviation", got)
	}
}
