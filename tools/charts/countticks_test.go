package charts

import (
	"strings"
	"testing"
)

func TestCountTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 17.6, []string{"0", "5", "10", "15"}},
		{0, 1, []string{"0", "1"}},
		{0, 5.5, []string{"0", "1", "2", "3", "4", "5"}},
		{0, 14.3, []string{"0", "2", "4", "6", "8", "10", "12", "14"}},
		{0, 130, []string{"0", "20", "40", "60", "80", "100", "120"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (countTicks{}).Ticks(tt.lo, tt.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("ticks %v..%v: %v, want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
	if got := (countTicks{}).Ticks(3, 3); got != nil {
		t.Errorf("an empty range has ticks %v", got)
	}
}
