package charts

import (
	"testing"
	"time"
)

func TestDayTicks(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	sec := func(tm time.Time) float64 { return float64(tm.Unix()) }
	tests := []struct {
		name       string
		loc        *time.Location
		from, to   time.Time
		wantLabels []string
		wantTicks  int
	}{
		{"two weeks: every other day labelled", time.UTC, day(0, 9), day(13, 18),
			[]string{"Oct 27", "Oct 29", "Oct 31", "Nov 2", "Nov 4", "Nov 6", "Nov 8"}, 13},
		{"a week: every day", time.UTC, day(0, 0), day(6, 12),
			[]string{"Oct 26", "Oct 27", "Oct 28", "Oct 29", "Oct 30", "Oct 31", "Nov 1"}, 7},
		{"midnights of the user's zone, across the end of summer time", ny, time.Date(2026, 10, 30, 12, 0, 0, 0, ny), time.Date(2026, 11, 3, 12, 0, 0, 0, ny),
			[]string{"Oct 31", "Nov 1", "Nov 2", "Nov 3"}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := dayTicks{Location: tt.loc}.Ticks(sec(tt.from), sec(tt.to))
			var labels []string
			for _, tk := range ticks {
				at := time.Unix(int64(tk.Value), 0).In(tt.loc)
				if at.Hour() != 0 || at.Minute() != 0 {
					t.Errorf("tick at %v, not at midnight", at)
				}
				if tk.Label != "" {
					labels = append(labels, tk.Label)
				}
			}
			if len(ticks) != tt.wantTicks || len(labels) != len(tt.wantLabels) {
				t.Fatalf("%d ticks, labels %v; want %d ticks, labels %v", len(ticks), labels, tt.wantTicks, tt.wantLabels)
			}
			for i := range labels {
				if labels[i] != tt.wantLabels[i] {
					t.Errorf("labels %v, want %v", labels, tt.wantLabels)
					break
				}
			}
		})
	}
	if got := (dayTicks{}).Ticks(10, 5); got != nil {
		t.Errorf("an empty range has ticks %v", got)
	}
	if got := len((dayTicks{}).Ticks(0, sec(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)))); got > maxLabels+1 {
		t.Errorf("130 years: %d ticks, want at most %d", got, maxLabels+1)
	}
}
