package charts

import (
	"time"

	"gonum.org/v1/plot"
)

// dayTicks marks the days of a time axis (values are Unix seconds) at
// local midnight in Location: a labelled tick ("Oct 26") every few days so
// that at most about ten labels fit at Width pixels, and a minor tick on
// every other day.
type dayTicks struct {
	Location *time.Location
}

// maxLabels is how many date labels fit side by side at Width pixels.
const maxLabels = 10

// Ticks returns the ticks between min and max.
func (d dayTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi >= lo) || hi-lo > 200*365*86400 {
		return nil
	}
	loc := d.Location
	if loc == nil {
		loc = time.UTC
	}
	first := time.Unix(int64(lo), 0).In(loc)
	day := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	if float64(day.Unix()) < lo {
		day = day.AddDate(0, 0, 1)
	}
	days := int((hi-float64(day.Unix()))/86400) + 1
	step := max(1, (days+maxLabels-1)/maxLabels)
	format := "Jan 2"
	if days > 300 {
		format = "Jan 2006"
	}
	minor := days <= 120
	var ticks []plot.Tick
	for i := 0; ; i++ {
		if !minor && i%step != 0 {
			i += step - i%step
		}
		t := day.AddDate(0, 0, i)
		if float64(t.Unix()) > hi {
			break
		}
		tick := plot.Tick{Value: float64(t.Unix())}
		if i%step == 0 {
			tick.Label = t.Format(format)
		}
		ticks = append(ticks, tick)
	}
	return ticks
}
