package charts

import "time"

// dayTick is a mark of a burndown's time axis: a midnight, labelled
// ("Oct 26") or not.
type dayTick struct {
	At    time.Time
	Label string
}

// maxLabels is how many date labels fit side by side at Width pixels.
const maxLabels = 10

// dayTicks marks the days from the midnight at or before from to the one
// at or after to (at least one day), midnights of loc: a label every few
// days so that at most about maxLabels fit, and an unlabelled mark on
// every other day of a range up to 45 days. The first and the last
// midnight are always marked: they bound the axis.
func dayTicks(from, to time.Time, loc *time.Location) []dayTick {
	if loc == nil {
		loc = time.UTC
	}
	if to.Before(from) {
		from, to = to, from
	}
	first := midnight(from.In(loc))
	days := dayNumber(to.In(loc)) - dayNumber(first)
	if !midnight(to.In(loc)).Equal(to) || days == 0 {
		days++
	}
	step := max(1, (days+maxLabels)/maxLabels)
	format := "Jan 2"
	if days > 300 {
		format = "Jan 2006"
	}
	minor := days <= 45
	var ticks []dayTick
	for i := 0; i <= days; {
		t := first.AddDate(0, 0, i)
		tk := dayTick{At: t}
		if i%step == 0 {
			tk.Label = t.Format(format)
		}
		ticks = append(ticks, tk)
		switch {
		case minor || i == days:
			i++
		default:
			i = min(i+step-i%step, days)
		}
	}
	return ticks
}

// midnight is the start of t's day in t's zone.
func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// dayNumber counts the calendar days of t's date since 1970-01-01,
// whatever the zone's offset and however far the date.
func dayNumber(t time.Time) int {
	return int(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
