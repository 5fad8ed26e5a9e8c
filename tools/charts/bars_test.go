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
		{"twelve assignees", Bars{Title: "twelve", XLabel: "Assignee", Categories: append(names[:8:8], "Henry Wu", "Ivy Patel", "Jack O'Brien", "Kim Lee"), Series: two(12)}},
		{"names beyond ASCII", Bars{Title: "Charge de l'équipe", Categories: []string{"Zoë Ångström", "Łukasz Żółć", "张伟"}, Series: two(3)}},
		{"all zero", Bars{Title: "idle", Categories: names[:3], Series: []BarSeries{{"Story points", []float64{0, 0, 0}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := BarsPNG(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			img := decoded(t, b)
			for i := range tt.in.Series {
				if n := inked(img, palette[i]); n < 200 {
					t.Errorf("series %d has %d pixels of its colour", i, n)
				}
			}
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

func TestBarsIsDeterministic(t *testing.T) {
	in := Bars{Title: "t", Categories: []string{"a", "b"}, Series: []BarSeries{{"x", []float64{1, 2}}}}
	a, err := BarsPNG(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BarsPNG(in)
	if string(a) != string(b) {
		t.Error("the same bar chart rendered twice differs")
	}
}

func BenchmarkBarsPNG(b *testing.B) {
	names := []string{"Alice Chen", "Bob Martinez", "Carol Nguyen", "David Okafor", "Emma Schmidt", "Unassigned"}
	in := Bars{Title: "Open work in MOBILE", XLabel: "Assignee", YLabel: "Open story points and issues", Categories: names,
		Series: []BarSeries{{"Story points", []float64{8, 5, 3, 0, 0, 8}}, {"Open issues", []float64{1, 2, 1, 0, 0, 2}}}}
	for b.Loop() {
		if _, err := BarsPNG(in); err != nil {
			b.Fatal(err)
		}
	}
}
