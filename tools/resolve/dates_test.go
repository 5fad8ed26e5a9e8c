package resolve

import (
	"strings"
	"testing"
	"time"
)

func TestDatesParse(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// Wednesday 2026-11-18, 23:30 in Berlin (22:30 UTC).
	wed := time.Date(2026, 11, 18, 22, 30, 0, 0, time.UTC)
	// Saturday 2026-11-21, 10:00 in Berlin.
	sat := time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC)
	// Saturday 2026-01-31, for month clamping.
	jan31 := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		now  time.Time
		expr string
		want string
	}{
		{wed, "2026-12-24", "2026-12-24"},
		{wed, "today", "2026-11-18"},
		{wed, "  Today ", "2026-11-18"},
		{wed, "tomorrow", "2026-11-19"},
		{wed, "yesterday", "2026-11-17"},
		{wed, "friday", "2026-11-20"},
		{wed, "Fri", "2026-11-20"},
		{wed, "this friday", "2026-11-20"},
		{wed, "next friday", "2026-11-27"},
		{wed, "wednesday", "2026-11-25"}, // today's weekday means a week ahead
		{wed, "next monday", "2026-11-23"},
		{wed, "last friday", "2026-11-13"},
		{sat, "friday", "2026-11-27"},
		{sat, "next friday", "2026-11-27"},
		{sat, "sunday", "2026-11-22"},
		{sat, "next sunday", "2026-11-29"},
		{wed, "in 3 days", "2026-11-21"},
		{wed, "in 1 day", "2026-11-19"},
		{wed, "in 2 weeks", "2026-12-02"},
		{wed, "in 1 month", "2026-12-18"},
		{wed, "3 days ago", "2026-11-15"},
		{wed, "+2w", "2026-12-02"},
		{wed, "+3d", "2026-11-21"},
		{wed, "-1w", "2026-11-11"},
		{wed, "+ 10 days", "2026-11-28"},
		{wed, "+1y", "2027-11-18"},
		{jan31, "+1m", "2026-02-28"},
		{jan31, "in 1 month", "2026-02-28"},
		{wed, "end of month", "2026-11-30"},
		{wed, "End of the month", "2026-11-30"},
		{wed, "eom", "2026-11-30"},
		{wed, "end of week", "2026-11-22"},
		{wed, "start of week", "2026-11-16"},
		{wed, "end of year", "2026-12-31"},
		{wed, "start of month", "2026-11-01"},
		{wed, "next week", "2026-11-23"},
		{wed, "next month", "2026-12-01"},
		{wed, "2026-11-30T08:00:00Z", "2026-11-30"},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			got, err := ParseDate(tc.expr, tc.now, berlin)
			if err != nil {
				t.Fatal(err)
			}
			if s := got.In(berlin).Format(time.DateOnly); s != tc.want {
				t.Errorf("ParseDate(%q) = %s, want %s", tc.expr, s, tc.want)
			}
			if tc.expr != "2026-11-30T08:00:00Z" && (got.Hour() != 0 || got.Minute() != 0 || got.Location() != berlin) {
				t.Errorf("ParseDate(%q) = %v, want midnight in Berlin", tc.expr, got)
			}
		})
	}
}

func TestDatesParseErrors(t *testing.T) {
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	for _, expr := range []string{"", "someday", "2026-13-01", "in three days", "+2x", "next blursday", "+99999999d"} {
		if _, err := ParseDate(expr, now, time.UTC); err == nil {
			t.Errorf("ParseDate(%q): no error", expr)
		} else if expr != "+99999999d" && !strings.Contains(err.Error(), "YYYY-MM-DD") {
			t.Errorf("ParseDate(%q) error %q does not list the forms", expr, err)
		}
	}
}

func TestDatesMillisUseTheZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	now := time.Date(2026, 11, 18, 20, 0, 0, 0, time.UTC) // already the 19th in Tokyo
	ms, err := DateMillis("today", now, tokyo)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 11, 19, 0, 0, 0, 0, tokyo).UnixMilli(); ms != want {
		t.Errorf("today in Tokyo = %d, want %d", ms, want)
	}
	if got := FormatDate(ms, tokyo); got != "2026-11-19" {
		t.Errorf("FormatDate = %s", got)
	}
	if FormatDate(0, tokyo) != "" {
		t.Error("FormatDate(0) should be empty")
	}
}

func TestDatesRange(t *testing.T) {
	now := time.Date(2026, 11, 18, 12, 0, 0, 0, time.UTC)
	day := func(s string) int64 {
		d, _ := time.ParseInLocation(time.DateOnly, s, time.UTC)
		return d.UnixMilli()
	}
	cases := []struct {
		expr     string
		from, to int64 // 0: open
		err      bool
	}{
		{expr: "2026-11-01..2026-11-30", from: day("2026-11-01"), to: day("2026-12-01") - 1},
		{expr: "2026-11-01..", from: day("2026-11-01")},
		{expr: "..today", to: day("2026-11-19") - 1},
		{expr: "today", from: day("2026-11-18"), to: day("2026-11-19") - 1},
		{expr: "start of month .. end of month", from: day("2026-11-01"), to: day("2026-12-01") - 1},
		{expr: "..", err: true},
		{expr: "tomorrow..yesterday", err: true},
		{expr: "soon..", err: true},
	}
	for _, tc := range cases {
		t.Run(tc.expr, func(t *testing.T) {
			from, to, err := ParseDateRange(tc.expr, now, time.UTC)
			if tc.err {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := msOrZero(from); got != tc.from {
				t.Errorf("from = %d, want %d", got, tc.from)
			}
			if got := msOrZero(to); got != tc.to {
				t.Errorf("to = %d, want %d", got, tc.to)
			}
		})
	}
}

func msOrZero(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func TestDatesLoadLocation(t *testing.T) {
	if loc, err := LoadLocation(""); err != nil || loc != time.Local {
		t.Errorf("unset: %v, %v", loc, err)
	}
	if loc, err := LoadLocation("UTC"); err != nil || loc.String() != "UTC" {
		t.Errorf("UTC: %v, %v", loc, err)
	}
	if _, err := LoadLocation("Mars/Olympus"); err == nil || !strings.Contains(err.Error(), "LEIGA_TZ") {
		t.Errorf("bad zone: %v", err)
	}
}
