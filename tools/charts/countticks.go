package charts

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// countTicks marks a value axis that starts at 0 at round steps (1, 2, 5,
// 10, 20, 50, ...) so that it has at most about eight labels, with a light
// grid line at each.
type countTicks struct{}

// maxCountLabels is how many value labels an axis gets at most.
const maxCountLabels = 8

// Ticks returns the ticks between min and max.
func (countTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return nil
	}
	step := niceStep((hi - lo) / maxCountLabels)
	var ticks []plot.Tick
	for v := math.Ceil(lo/step) * step; v <= hi+step/1e9 && len(ticks) <= 2*maxCountLabels; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ticks
}

// niceStep is the smallest step of 1, 2 or 5 times a power of ten that is
// at least raw, and never less than 1: counts and story points are
// rarely fractional enough to need finer marks.
func niceStep(raw float64) float64 {
	if raw <= 1 {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*pow >= raw {
			return m * pow
		}
	}
	return 10 * pow
}
