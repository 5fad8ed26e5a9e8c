package charts

import (
	"math"
	"slices"
	"testing"
)

func TestCountTicks(t *testing.T) {
	tests := []struct {
		top  float64
		want []float64
	}{
		{17.6, []float64{0, 5, 10, 15, 20}},
		{16, []float64{0, 2, 4, 6, 8, 10, 12, 14, 16}},
		{1, []float64{0, 1}},
		{0, []float64{0, 1}},
		{0.3, []float64{0, 1}},
		{5.5, []float64{0, 1, 2, 3, 4, 5, 6}},
		{130, []float64{0, 20, 40, 60, 80, 100, 120, 140}},
		{math.NaN(), []float64{0, 1}},
		{math.Inf(1), []float64{0, 1}},
	}
	for _, tt := range tests {
		if got := countTicks(tt.top); !slices.Equal(got, tt.want) {
			t.Errorf("countTicks(%v) = %v, want %v", tt.top, got, tt.want)
		}
	}
	if got := countTicks(1e300); len(got) > 2*maxCountLabels || got[len(got)-1] < 1e300 {
		t.Errorf("countTicks(1e300): %d ticks up to %g", len(got), got[len(got)-1])
	}
}
