// Package charts draws the PNG pictures of the report tools: a burndown
// line chart (remaining work per day against the ideal line) and a grouped
// bar chart. Every chart is Width×Height pixels, has a title, axis labels
// and a legend, and is drawn in pure Go with gonum.org/v1/plot and its
// embedded Liberation fonts: no cgo, no system fonts, no display.
package charts

import (
	"bytes"
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Size of every chart in pixels: readable in a chat at its natural size.
const (
	Width  = 800
	Height = 450
)

// dpi maps points (fonts, line widths) to pixels: 100 pixels an inch
// makes 12-point text 17 pixels high at 800×450.
const dpi = 100

// sans is the typeface of every text: Liberation Sans, embedded in
// gonum/plot (its default is the serif face).
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Colours of the series: a blue and an orange that stay apart for
// colour-blind readers, and a grey for reference lines.
var (
	blue   = color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff}
	orange = color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff}
	grey   = color.RGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	light  = color.RGBA{R: 0xe0, G: 0xe0, B: 0xe0, A: 0xff}
)

// newPlot returns a plot with the house style: a 16-point title, 12-point
// axis labels, 11-point tick labels and legend, all in Liberation Sans.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 16)
	p.Title.Padding = vg.Points(8)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, 12)
		ax.Tick.Label.Font = font.From(sans, 11)
		ax.Label.Padding = vg.Points(4)
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.TextStyle.Font = font.From(sans, 11)
	return p
}

// encodePNG draws p on a Width×Height canvas with a margin and encodes it.
func encodePNG(p *plot.Plot) ([]byte, error) {
	c := vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, Width, Height))), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	m := vg.Points(10)
	p.Draw(draw.Crop(dc, m, -m, m, -m))
	var b bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// finite replaces NaN and infinities (which the plotters refuse) by 0.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
