package charts

import "math"

// maxCountLabels is how many value labels an axis gets at most.
const maxCountLabels = 8

// countTicks is where a value axis that starts at 0 and must reach top
// puts its labels: at a round step (1, 2, 5, 10, 20, 50, ...) so that it
// has at most about eight, the last one at or above top. The axis ends
// at the last tick.
func countTicks(top float64) []float64 {
	top = math.Max(finite(top), 1)
	step := niceStep(top / maxCountLabels)
	n := int(math.Ceil(top/step - 1e-9))
	out := make([]float64, n+1)
	for i := range out {
		out[i] = float64(i) * step
	}
	return out
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
