// Package charts draws the PNG pictures of the report tools: a burndown
// line chart (remaining work per day against the ideal line) and a grouped
// bar chart. Every chart is Width×Height pixels, has a title, axis labels
// and a legend, and is drawn in pure Go with github.com/go-analyze/charts
// and its embedded Roboto font: no cgo, no system fonts, no display. The
// font is parsed the first time a chart is drawn, not when the program
// starts.
package charts

import (
	"math"
	"strconv"

	"github.com/go-analyze/charts"
	"github.com/go-analyze/charts/chartdraw/drawing"
)

// Size of every chart in pixels: readable in a chat at its natural size.
const (
	Width  = 800
	Height = 450
)

// Font sizes in points (the renderers work at 96 dots an inch, so 11
// points is about 15 pixels).
const (
	titleSize = 15
	axisSize  = 11 // axis titles
	tickSize  = 10 // tick labels, legend, value labels
)

// Colours of the series: a blue and an orange that stay apart for
// colour-blind readers, and a grey for reference lines; text and axes in
// dark greys, grid lines light.
var (
	blue   = drawing.Color{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	orange = drawing.Color{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
	grey   = drawing.Color{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	light  = drawing.Color{R: 0xe4, G: 0xe4, B: 0xe4, A: 0xff}
	ink    = drawing.Color{R: 0x33, G: 0x33, B: 0x33, A: 0xff}
	axis   = drawing.Color{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
	white  = drawing.Color{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// font is the typeface of every text: Roboto Medium, embedded in the
// library and parsed on its first use.
var font = charts.GetDefaultFont

// finite replaces NaN and infinities (which no axis can place) by 0.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// label writes a value for an axis or a bar: at most one decimal, none
// when it is whole ("8", "2.5").
func label(v float64) string {
	return strconv.FormatFloat(math.Round(finite(v)*10)/10, 'f', -1, 64)
}
