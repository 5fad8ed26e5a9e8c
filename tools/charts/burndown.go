package charts

import (
	"bytes"
	"errors"
	"math"
	"time"

	"github.com/go-analyze/charts/chartdraw"
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
// on each point, the ideal line dashed, days on the x axis (each point at
// its moment, between the midnights of Location), a legend.
//
// The points are placed on a continuous time axis (chartdraw, the
// library's time-capable layer), not on the evenly spaced categories of
// its line chart: the actual points are irregular (the sprint start, each
// midnight, now) and the ideal line has two or three.
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
	lo, hi := span(b.Actual, b.Ideal)
	days := dayTicks(lo, hi, loc)
	// Room above the highest value so the line never runs along the top.
	values := countTicks(1.08 * math.Max(maxOf(b.Actual), maxOf(b.Ideal)))

	var series []chartdraw.Series
	var keys []legendKey
	if len(b.Ideal) > 0 {
		ideal := chartdraw.Style{StrokeColor: grey, StrokeWidth: 2, StrokeDashArray: []float64{7, 5}}
		series = append(series, line("Ideal", b.Ideal, ideal))
		keys = append(keys, legendKey{"Ideal", ideal})
	}
	actual := chartdraw.Style{StrokeColor: blue, StrokeWidth: 3, DotColor: blue, DotWidth: 4}
	series = append(series, line("Remaining", b.Actual, actual))
	keys = append(keys, legendKey{"Remaining", actual})

	// One renderer measures the text for the layout, then draws.
	r := chartdraw.PNG(Width, Height)
	row, top := titleRow, titleRow+24
	if !legendOnTitleRow(r, b.Title, keys) {
		row, top = legendRow, legendRow+22
	}

	text := func(size float64) chartdraw.Style {
		return chartdraw.Style{FontStyle: chartdraw.FontStyle{Font: font(), FontSize: size, FontColor: ink}}
	}
	axisLine := chartdraw.Style{StrokeColor: axis, StrokeWidth: 1, FontStyle: text(tickSize).FontStyle}
	grid := chartdraw.Style{StrokeColor: light, StrokeWidth: 1}

	c := chartdraw.Chart{
		Width:      Width,
		Height:     Height,
		Font:       font(),
		Title:      b.Title,
		TitleStyle: chartdraw.Style{FontStyle: text(titleSize).FontStyle, Padding: chartdraw.Box{Top: 14, IsSet: true}},
		Background: chartdraw.Style{FillColor: white, Padding: chartdraw.Box{Top: top, Left: edge + 26, Right: edge + 16, Bottom: edge, IsSet: true}},
		Canvas:     chartdraw.Style{FillColor: white},
		XAxis: chartdraw.XAxis{
			Name:      "Date (" + zoneName(loc, b.Actual) + ")",
			NameStyle: text(axisSize),
			Style:     axisLine,
			Ticks:     xTicks(days),
			GridLines: xGrid(days),
			// The grid lines' own style is set; these only keep them shown.
			GridMajorStyle: grid,
			GridMinorStyle: grid,
		},
		// Every series is on the left-hand axis ("secondary" in chartdraw,
		// whose primary axis is on the right); the right one is hidden but
		// needs a range.
		YAxis: chartdraw.YAxis{Style: chartdraw.Hidden(), Range: &chartdraw.ContinuousRange{Min: 0, Max: 1}},
		YAxisSecondary: chartdraw.YAxis{
			Style:          axisLine,
			Ticks:          yTicks(values),
			GridLines:      yGrid(values),
			GridMajorStyle: grid,
			GridMinorStyle: grid,
			Zero:           chartdraw.GridLine{Style: chartdraw.Hidden()},
		},
		Series:   series,
		Elements: []chartdraw.Renderable{legend(keys, row), yTitle("Remaining " + unit)},
	}
	var out bytes.Buffer
	if err := c.Render(func(int, int) chartdraw.Renderer { return r }, &out); err != nil {
		return nil, errors.New("charts: drawing the burndown: " + err.Error())
	}
	return out.Bytes(), nil
}

// line is one series of the burndown on the left-hand axis: Unix seconds
// and values, non-finite values as 0.
func line(name string, ps []Point, style chartdraw.Style) chartdraw.ContinuousSeries {
	s := chartdraw.ContinuousSeries{Name: name, Style: style, YAxis: chartdraw.YAxisSecondary,
		XValues: make([]float64, len(ps)), YValues: make([]float64, len(ps))}
	for i, p := range ps {
		s.XValues[i], s.YValues[i] = seconds(p.At), finite(p.Value)
	}
	return s
}

// seconds is t on the time axis: Unix seconds (not nanoseconds, which
// overflow past 2262).
func seconds(t time.Time) float64 {
	return float64(t.Unix())
}

// span is the earliest and the latest moment of the points.
func span(sets ...[]Point) (lo, hi time.Time) {
	first := true
	for _, ps := range sets {
		for _, p := range ps {
			if first || p.At.Before(lo) {
				lo = p.At
			}
			if first || p.At.After(hi) {
				hi = p.At
			}
			first = false
		}
	}
	return lo, hi
}

// maxOf is the largest finite value of ps (0 for none).
func maxOf(ps []Point) float64 {
	m := 0.0
	for _, pt := range ps {
		m = math.Max(m, finite(pt.Value))
	}
	return m
}

// xTicks are the days on the time axis.
func xTicks(days []dayTick) []chartdraw.Tick {
	out := make([]chartdraw.Tick, len(days))
	for i, d := range days {
		out[i] = chartdraw.Tick{Value: seconds(d.At), Label: d.Label}
	}
	return out
}

// xGrid draws a vertical line at each labelled day inside the axis.
func xGrid(days []dayTick) []chartdraw.GridLine {
	var out []chartdraw.GridLine
	for i, d := range days {
		if d.Label != "" && i > 0 && i < len(days)-1 {
			out = append(out, chartdraw.GridLine{Value: seconds(d.At)})
		}
	}
	return out
}

// yTicks labels the value axis.
func yTicks(values []float64) []chartdraw.Tick {
	out := make([]chartdraw.Tick, len(values))
	for i, v := range values {
		out[i] = chartdraw.Tick{Value: v, Label: label(v)}
	}
	return out
}

// yGrid draws a horizontal line at each value above 0.
func yGrid(values []float64) []chartdraw.GridLine {
	var out []chartdraw.GridLine
	for _, v := range values[1:] {
		out = append(out, chartdraw.GridLine{Value: v})
	}
	return out
}

// yTitle writes the y axis's title up the left edge, centred on the plot
// area (chartdraw would write it downwards, over the tick labels of a
// left-hand axis).
func yTitle(text string) chartdraw.Renderable {
	return func(r chartdraw.Renderer, box chartdraw.Box, _ chartdraw.Style) {
		r.SetFont(font())
		r.SetFontSize(axisSize)
		r.SetFontColor(ink)
		tb := r.MeasureText(text)
		r.SetTextRotation(-math.Pi / 2)
		defer r.ClearTextRotation()
		r.Text(text, edge+tb.Height()*4/5, (box.Top+box.Bottom+tb.Width())/2)
	}
}

// zoneName names the time zone of the dates for the axis: its IANA name,
// or for the process's own zone (which calls itself "Local") the
// abbreviation in force at the last point ("CET", "UTC").
func zoneName(loc *time.Location, points []Point) string {
	if name := loc.String(); name != "Local" {
		return name
	}
	at := time.Now()
	if len(points) > 0 {
		at = points[len(points)-1].At
	}
	abbr, _ := at.In(loc).Zone()
	return abbr
}
