package charts

import (
	"errors"
	"math"
	"time"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Point is a value at a moment.
type Point struct {
	At    time.Time
	Value float64
}

// Burndown is what a burndown chart shows: the remaining work over time
// and the ideal line from the scope at the start to zero at the end.
type Burndown struct {
	Title    string
	Unit     string         // what is counted, for the y axis: "story points" or "issues"
	Location *time.Location // dates on the x axis are days in this zone (default UTC)
	Actual   []Point        // remaining work, in time order; at least one point
	Ideal    []Point        // the ideal line; none when the sprint has no end date
}

// BurndownPNG draws b as a Width×Height PNG: the actual line with a marker
// on each point, the ideal line dashed, dates on the x axis, a legend.
func BurndownPNG(b Burndown) ([]byte, error) {
	if len(b.Actual) == 0 {
		return nil, errors.New("charts: a burndown needs at least one point")
	}
	loc := b.Location
	if loc == nil {
		loc = time.UTC
	}
	unit := b.Unit
	if unit == "" {
		unit = "story points"
	}
	p := newPlot(b.Title, "Date ("+loc.String()+")", "Remaining "+unit)
	p.X.Tick.Marker = dayTicks{Location: loc}
	p.Y.Min = 0
	p.Y.Tick.Marker = countTicks{}
	grid := plotter.NewGrid()
	grid.Vertical.Color, grid.Horizontal.Color = light, light
	grid.Vertical.Width, grid.Horizontal.Width = vg.Points(0.75), vg.Points(0.75)
	p.Add(grid)

	top := 0.0
	if len(b.Ideal) > 0 {
		ideal, err := plotter.NewLine(xys(b.Ideal))
		if err != nil {
			return nil, err
		}
		ideal.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(6), vg.Points(4)}}
		p.Add(ideal)
		p.Legend.Add("Ideal", ideal)
		top = maxOf(b.Ideal)
	}
	line, marks, err := plotter.NewLinePoints(xys(b.Actual))
	if err != nil {
		return nil, err
	}
	line.LineStyle = draw.LineStyle{Color: blue, Width: vg.Points(2.5)}
	marks.GlyphStyle = draw.GlyphStyle{Color: blue, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
	p.Add(line, marks)
	p.Legend.Add("Remaining", line, marks)

	// At least a day across, so that a sprint that started today still
	// has a date axis.
	if p.X.Max-p.X.Min < 86400 {
		p.X.Max = p.X.Min + 86400
	}
	// Room above the highest value so the line never runs along the top,
	// and a y axis of at least 1 when nothing remains.
	p.Y.Max = math.Max(1, 1.1*math.Max(top, maxOf(b.Actual)))
	// The legend sits at the bottom left, where both lines start high and
	// so leave the space free.
	p.Legend.Left, p.Legend.Top = true, false
	p.Legend.XOffs, p.Legend.YOffs = vg.Points(8), vg.Points(8)
	return encodePNG(p)
}

// xys turns points into the plotter's coordinates: Unix seconds and the
// value, with non-finite values as 0.
func xys(ps []Point) plotter.XYs {
	out := make(plotter.XYs, len(ps))
	for i, pt := range ps {
		out[i] = plotter.XY{X: float64(pt.At.Unix()), Y: finite(pt.Value)}
	}
	return out
}

// maxOf is the largest finite value of ps (0 for none).
func maxOf(ps []Point) float64 {
	m := 0.0
	for _, pt := range ps {
		m = math.Max(m, finite(pt.Value))
	}
	return m
}
