package resolve

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dates in the workflow tools are read in the user's time zone (LEIGA_TZ,
// default the machine's local zone) relative to the current day, and sent
// to Leiga as epoch milliseconds at midnight of that day.
//
// Accepted forms (case-insensitive):
//
//	2026-11-30, 2026-11-30T17:00:00Z   a calendar date, an RFC 3339 instant
//	today, tomorrow, yesterday
//	friday, fri, this friday           the first Friday after today (1-7 days ahead)
//	next friday                        Friday of next week (weeks run Monday-Sunday)
//	last friday                        the last Friday before today
//	in 3 days, in 2 weeks, in 1 month  also "3 days ago"; units d, w, m(onth), y
//	+3d, +2w, -1w, +1m, +1y            the same in short form
//	next week, next month, next year   the first day of that period
//	start of week|month|year           the first day of the current period
//	end of week|month|year             the last day (weeks end on Sunday); eow, eom, eoy
//
// So on Wednesday 2026-11-18 "friday" is 2026-11-20 and "next friday" is
// 2026-11-27; on Saturday 2026-11-21 both are 2026-11-27.

// dateForms is the hint shown when a date cannot be read.
const dateForms = "YYYY-MM-DD, today, tomorrow, yesterday, a weekday (friday, next friday), in 3 days, 3 days ago, +2w, end of month"

// LoadLocation returns the time zone named by LEIGA_TZ (an IANA name such
// as Europe/Berlin, or UTC), or the local zone when name is empty.
func LoadLocation(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("LEIGA_TZ=%q is not a time zone name (want e.g. Europe/Berlin or UTC): %w", name, err)
	}
	return loc, nil
}

var (
	relativeLong  = regexp.MustCompile(`^in (\d+) (day|days|week|weeks|month|months|year|years)$`)
	relativeAgo   = regexp.MustCompile(`^(\d+) (day|days|week|weeks|month|months|year|years) ago$`)
	relativeShort = regexp.MustCompile(`^([+-])\s*(\d+)\s*(d|day|days|w|wk|week|weeks|m|mo|month|months|y|yr|year|years)$`)
	periodEdge    = regexp.MustCompile(`^(start|beginning|end) of (the )?(this )?(week|month|year)$`)
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "sun": time.Sunday,
	"monday": time.Monday, "mon": time.Monday,
	"tuesday": time.Tuesday, "tue": time.Tuesday, "tues": time.Tuesday,
	"wednesday": time.Wednesday, "wed": time.Wednesday,
	"thursday": time.Thursday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"friday": time.Friday, "fri": time.Friday,
	"saturday": time.Saturday, "sat": time.Saturday,
}

// ParseDate reads a date expression (see the forms above) relative to now,
// in loc. A calendar date gives midnight of that day in loc.
func ParseDate(expr string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.Local
	}
	s := strings.Join(strings.Fields(strings.ToLower(expr)), " ")
	if s == "" {
		return time.Time{}, fmt.Errorf("empty date; want %s", dateForms)
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, strings.ToUpper(s)); err == nil {
		return t.In(loc), nil
	}
	today := dayOf(now, loc)
	switch s {
	case "today", "now":
		return today, nil
	case "tomorrow", "tmr", "tmrw":
		return today.AddDate(0, 0, 1), nil
	case "yesterday":
		return today.AddDate(0, 0, -1), nil
	case "next week":
		return weekStart(today).AddDate(0, 0, 7), nil
	case "next month":
		return time.Date(today.Year(), today.Month()+1, 1, 0, 0, 0, 0, loc), nil
	case "next year":
		return time.Date(today.Year()+1, 1, 1, 0, 0, 0, 0, loc), nil
	case "eow":
		return weekStart(today).AddDate(0, 0, 6), nil
	case "eom":
		return time.Date(today.Year(), today.Month()+1, 0, 0, 0, 0, 0, loc), nil
	case "eoy":
		return time.Date(today.Year(), 12, 31, 0, 0, 0, 0, loc), nil
	}
	if m := periodEdge.FindStringSubmatch(s); m != nil {
		return edgeOf(today, m[4], m[1] == "end"), nil
	}
	if t, ok := weekdayDate(s, today); ok {
		return t, nil
	}
	if m := relativeLong.FindStringSubmatch(s); m != nil {
		return shift(today, m[1], m[2], 1)
	}
	if m := relativeAgo.FindStringSubmatch(s); m != nil {
		return shift(today, m[1], m[2], -1)
	}
	if m := relativeShort.FindStringSubmatch(s); m != nil {
		sign := 1
		if m[1] == "-" {
			sign = -1
		}
		return shift(today, m[2], m[3], sign)
	}
	return time.Time{}, fmt.Errorf("cannot read date %q; want %s", expr, dateForms)
}

// DateMillis is ParseDate as epoch milliseconds.
func DateMillis(expr string, now time.Time, loc *time.Location) (int64, error) {
	t, err := ParseDate(expr, now, loc)
	if err != nil {
		return 0, err
	}
	return t.UnixMilli(), nil
}

// ParseDateRange reads "FROM..TO" where either side may be left out
// ("2026-01-01..", "..today"); a single date is that whole day. It returns
// epoch-ms bounds, both inclusive: from is midnight of FROM, to the last
// millisecond of TO. A missing side is nil.
func ParseDateRange(expr string, now time.Time, loc *time.Location) (from, to *int64, err error) {
	if loc == nil {
		loc = time.Local
	}
	a, b, isRange := strings.Cut(expr, "..")
	if !isRange {
		a, b = expr, expr
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	if a == "" && b == "" {
		return nil, nil, fmt.Errorf("empty date range; want FROM..TO, FROM.., ..TO or one date")
	}
	if a != "" {
		t, err := ParseDate(a, now, loc)
		if err != nil {
			return nil, nil, err
		}
		ms := dayOf(t, loc).UnixMilli()
		from = &ms
	}
	if b != "" {
		t, err := ParseDate(b, now, loc)
		if err != nil {
			return nil, nil, err
		}
		ms := dayOf(t, loc).AddDate(0, 0, 1).UnixMilli() - 1
		to = &ms
	}
	if from != nil && to != nil && *from > *to {
		return nil, nil, fmt.Errorf("date range %q ends before it starts", expr)
	}
	return from, to, nil
}

// FormatDate renders epoch ms as YYYY-MM-DD in loc; 0 is "".
func FormatDate(ms int64, loc *time.Location) string {
	return formatMillis(ms, loc, time.DateOnly)
}

// FormatDateTime renders epoch ms as YYYY-MM-DD HH:MM in loc; 0 is "".
func FormatDateTime(ms int64, loc *time.Location) string {
	return formatMillis(ms, loc, "2006-01-02 15:04")
}

// formatMillis renders epoch ms in loc (nil: Local) with layout; 0 is "".
func formatMillis(ms int64, loc *time.Location, layout string) string {
	if ms == 0 {
		return ""
	}
	if loc == nil {
		loc = time.Local
	}
	return time.UnixMilli(ms).In(loc).Format(layout)
}

// dayOf is midnight of t's day in loc.
func dayOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// weekStart is the Monday of day's week.
func weekStart(day time.Time) time.Time {
	back := (int(day.Weekday()) + 6) % 7 // Monday 0 ... Sunday 6
	return day.AddDate(0, 0, -back)
}

// edgeOf is the first or last day of the week, month or year of day.
func edgeOf(day time.Time, period string, end bool) time.Time {
	loc := day.Location()
	switch period {
	case "week":
		if end {
			return weekStart(day).AddDate(0, 0, 6)
		}
		return weekStart(day)
	case "month":
		if end {
			return time.Date(day.Year(), day.Month()+1, 0, 0, 0, 0, 0, loc)
		}
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, loc)
	}
	if end {
		return time.Date(day.Year(), 12, 31, 0, 0, 0, 0, loc)
	}
	return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, loc)
}

// weekdayDate reads "friday", "this friday", "next friday", "last friday".
func weekdayDate(s string, today time.Time) (time.Time, bool) {
	mod, name, found := strings.Cut(s, " ")
	if !found {
		mod, name = "", s
	}
	wd, ok := weekdays[name]
	if !ok {
		return time.Time{}, false
	}
	switch mod {
	case "", "this", "on", "coming", "this coming":
		ahead := (int(wd) - int(today.Weekday()) + 7) % 7
		if ahead == 0 {
			ahead = 7
		}
		return today.AddDate(0, 0, ahead), true
	case "next":
		offset := (int(wd) + 6) % 7 // Monday 0 ... Sunday 6
		return weekStart(today).AddDate(0, 0, 7+offset), true
	case "last", "past":
		back := (int(today.Weekday()) - int(wd) + 7) % 7
		if back == 0 {
			back = 7
		}
		return today.AddDate(0, 0, -back), true
	}
	return time.Time{}, false
}

// shift moves day by n units; months and years keep the day of month,
// clamped to the month's last day (Jan 31 + 1 month = Feb 28).
func shift(day time.Time, n, unit string, sign int) (time.Time, error) {
	k, err := strconv.Atoi(n)
	if err != nil || k > 100000 {
		return time.Time{}, fmt.Errorf("date offset %q is too large", n)
	}
	k *= sign
	switch unit[0] {
	case 'd':
		return day.AddDate(0, 0, k), nil
	case 'w':
		return day.AddDate(0, 0, 7*k), nil
	case 'm':
		return addMonths(day, k), nil
	}
	return addMonths(day, 12*k), nil
}

// addMonths adds k months, clamping the day of month.
func addMonths(day time.Time, k int) time.Time {
	first := time.Date(day.Year(), day.Month()+time.Month(k), 1, 0, 0, 0, 0, day.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(day.Day(), last)-1)
}
