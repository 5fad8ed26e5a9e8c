package charts

import (
	"strings"
	"testing"
	"time"
)

func TestDayTicks(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	tests := []struct {
		name       string
		loc        *time.Location
		from, to   time.Time
		wantLabels string // the labelled days, in order
		wantTicks  int    // the midnights marked
		first      string // the first midnight, in loc
	}{
		{"two weeks: every other day labelled", time.UTC, day(0, 9), day(13, 18),
			"Oct 26 Oct 28 Oct 30 Nov 1 Nov 3 Nov 5 Nov 7 Nov 9", 15, "2026-10-26"},
		{"a week: every day", time.UTC, day(0, 0), day(6, 12),
			"Oct 26 Oct 27 Oct 28 Oct 29 Oct 30 Oct 31 Nov 1 Nov 2", 8, "2026-10-26"},
		{"ends at a midnight: no extra day", time.UTC, day(0, 9), day(3, 0),
			"Oct 26 Oct 27 Oct 28 Oct 29", 4, "2026-10-26"},
		{"one moment: one day", time.UTC, day(2, 9), day(2, 9),
			"Oct 28 Oct 29", 2, "2026-10-28"},
		{"midnights of the user's zone, across the end of summer time", ny,
			time.Date(2026, 10, 30, 12, 0, 0, 0, ny), time.Date(2026, 11, 3, 12, 0, 0, 0, ny),
			"Oct 30 Oct 31 Nov 1 Nov 2 Nov 3 Nov 4", 6, "2026-10-30"},
		{"the zone decides the day", ny, day(0, 2), day(1, 2), // 22:00 the evening before in New York
			"Oct 25 Oct 26 Oct 27", 3, "2026-10-25"},
		{"a quarter: labels every 10 days, no unlabelled marks", time.UTC, day(0, 9), day(91, 9),
			"Oct 26 Nov 5 Nov 15 Nov 25 Dec 5 Dec 15 Dec 25 Jan 4 Jan 14 Jan 24", 11, "2026-10-26"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ticks := dayTicks(tt.from, tt.to, tt.loc)
			var labels []string
			for _, tk := range ticks {
				at := tk.At.In(tt.loc)
				if at.Hour() != 0 || at.Minute() != 0 {
					t.Errorf("tick at %v, not at midnight", at)
				}
				if tk.Label != "" {
					labels = append(labels, tk.Label)
				}
			}
			if len(ticks) != tt.wantTicks || strings.Join(labels, " ") != tt.wantLabels {
				t.Fatalf("%d ticks, labels %q; want %d ticks, labels %q", len(ticks), strings.Join(labels, " "), tt.wantTicks, tt.wantLabels)
			}
			if got := ticks[0].At.In(tt.loc).Format(time.DateOnly); got != tt.first {
				t.Errorf("first midnight %s, want %s", got, tt.first)
			}
			if ticks[0].At.After(tt.from) || ticks[len(ticks)-1].At.Before(tt.to) {
				t.Errorf("ticks %v..%v do not span %v..%v", ticks[0].At, ticks[len(ticks)-1].At, tt.from, tt.to)
			}
		})
	}
	if got := len(dayTicks(time.Time{}, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), time.UTC)); got > maxLabels+2 {
		t.Errorf("ten thousand years: %d ticks, want at most %d", got, maxLabels+2)
	}
	if got := dayTicks(day(3, 0), day(1, 0), nil); got[0].At != day(1, 0) {
		t.Errorf("reversed range starts at %v", got[0].At)
	}
}
