package charts

import (
	"strings"
	"testing"
)

func TestBarsPNG(t *testing.T) {
	names := []string{"Alice Chen", "Bob Martinez", "Carol Nguyen", "David Okafor", "Emma Schmidt", "Frank Li", "Grace Kim", "Unassigned"}
	two := func(n int) []BarSeries {
		pts, issues := make([]float64, n), make([]float64, n)
		for i := range n {
			pts[i], issues[i] = float64(3*i+1), float64(i%3+1)
		}
		return []BarSeries{{"Story points", pts}, {"Open issues", issues}}
	}
	tests := []struct {
		name string
		in   Bars
	}{
		{"workload", Bars{Title: "Open work in MOBILE", XLabel: "Assignee", YLabel: "Open work", Categories: names[:5], Series: two(5)}},
		{"many assignees, slanted labels", Bars{Title: "many", Categories: names, Series: two(len(names))}},
		{"one assignee, one series", Bars{Title: "one", Categories: names[:1], Series: []BarSeries{{"Story points", []float64{2.5}}}}},
		{"all zero", Bars{Title: "idle", Categories: names[:3], Series: []BarSeries{{"Story points", []float64{0, 0, 0}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := BarsPNG(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			decoded(t, b)
		})
	}
	refused := []struct {
		name string
		in   Bars
		want string
	}{
		{"no category", Bars{Series: two(0)}, "at least one category"},
		{"too many categories", Bars{Categories: make([]string, MaxCategories+1), Series: two(MaxCategories + 1)}, "more than 12"},
		{"no series", Bars{Categories: names[:2]}, "1 to 3 series"},
		{"short series", Bars{Categories: names[:2], Series: []BarSeries{{"x", []float64{1}}}}, "one value per category"},
	}
	for _, tt := range refused {
		if _, err := BarsPNG(tt.in); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
