package charts

import (
	"sync"
	"testing"
)

// TestConcurrentRenders draws both charts from many goroutines at once,
// as concurrent tool calls do (the font is loaded by whichever comes
// first): every render succeeds and gives the same bytes.
func TestConcurrentRenders(t *testing.T) {
	burndown := Burndown{Title: "t", Actual: []Point{{day(0, 9), 5}, {day(2, 0), 3}}, Ideal: []Point{{day(0, 9), 5}, {day(5, 18), 0}}}
	bars := Bars{Title: "t", Categories: []string{"a", "b"}, Series: []BarSeries{{"x", []float64{1, 2}}}}
	render := []func() ([]byte, error){
		func() ([]byte, error) { return BurndownPNG(burndown) },
		func() ([]byte, error) { return BarsPNG(bars) },
	}
	const n = 8
	got := make([][]byte, 2*n)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() {
			b, err := render[i%2]()
			if err != nil {
				t.Error(err)
			}
			got[i] = b
		})
	}
	wg.Wait()
	for i := 2; i < len(got); i++ {
		if string(got[i]) != string(got[i%2]) {
			t.Errorf("render %d differs from render %d", i, i%2)
		}
	}
}
