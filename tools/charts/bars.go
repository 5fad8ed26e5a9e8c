package charts

import (
	"errors"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bars is a grouped bar chart: one group of bars per category (say, per
// assignee), one bar in each group per series (say, points and issues),
// each bar labelled with its value.
type Bars struct {
	Title      string
	XLabel     string
	YLabel     string
	Categories []string    // the groups, left to right
	Series     []BarSeries // at most len(palette) series, each with a value per category
}

// BarSeries is one bar of every group.
type BarSeries struct {
	Name   string
	Values []float64 // one per category
}

// palette colours the series in order.
var palette = []color.Color{blue, orange, grey}

// MaxCategories is the most groups a bar chart draws legibly at Width
// pixels; callers fold the rest into one group.
const MaxCategories = 12

// BarsPNG draws b as a Width×Height PNG.
func BarsPNG(b Bars) ([]byte, error) {
	switch {
	case len(b.Categories) == 0:
		return nil, errors.New("charts: a bar chart needs at least one category")
	case len(b.Categories) > MaxCategories:
		return nil, errors.New("charts: more than " + strconv.Itoa(MaxCategories) + " categories")
	case len(b.Series) == 0 || len(b.Series) > len(palette):
		return nil, errors.New("charts: a bar chart needs 1 to " + strconv.Itoa(len(palette)) + " series")
	}
	p := newPlot(b.Title, b.XLabel, b.YLabel)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal.Color = light
	grid.Horizontal.Width = vg.Points(0.75)
	p.Add(grid)

	// Bars share 70% of a group's width, centred on the category; a group
	// is never wider than a quarter of the chart.
	group := vg.Length(Width-120) / vg.Length(max(len(b.Categories), 4)) * 72 / dpi
	width := group * 0.7 / vg.Length(len(b.Series))
	top := 0.0
	for i, s := range b.Series {
		if len(s.Values) != len(b.Categories) {
			return nil, errors.New("charts: series " + s.Name + " has not one value per category")
		}
		vals := make(plotter.Values, len(s.Values))
		for j, v := range s.Values {
			vals[j] = finite(v)
			top = math.Max(top, vals[j])
		}
		bar, err := plotter.NewBarChart(vals, width)
		if err != nil {
			return nil, err
		}
		bar.Color = palette[i]
		bar.LineStyle.Width = 0
		bar.Offset = (vg.Length(i) - vg.Length(len(b.Series)-1)/2) * width
		p.Add(bar)
		p.Legend.Add(s.Name, bar)

		labels, err := plotter.NewLabels(valueLabels(vals))
		if err != nil {
			return nil, err
		}
		for k := range labels.TextStyle {
			labels.TextStyle[k].Font = font.From(sans, 10)
			labels.TextStyle[k].XAlign = draw.XCenter
		}
		labels.Offset = vg.Point{X: bar.Offset, Y: vg.Points(3)}
		p.Add(labels)
	}
	p.NominalX(b.Categories...)
	// Half a group of room on either side, so that the grid spans the bars.
	p.X.Min, p.X.Max = -0.5, float64(len(b.Categories))-0.5
	if len(b.Categories) > 6 {
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	p.Y.Min = 0
	p.Y.Max = math.Max(1, 1.3*top) // room for the value labels and the legend
	p.Y.Tick.Marker = countTicks{}
	p.Legend.Top = true
	return encodePNG(p)
}

// valueLabels places each value's text at the top of its bar.
func valueLabels(vals plotter.Values) plotter.XYLabels {
	out := plotter.XYLabels{XYs: make(plotter.XYs, len(vals)), Labels: make([]string, len(vals))}
	for i, v := range vals {
		out.XYs[i] = plotter.XY{X: float64(i), Y: v}
		out.Labels[i] = strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	}
	return out
}
