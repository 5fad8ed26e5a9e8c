package charts

import (
	"errors"
	"math"
	"strconv"

	"github.com/go-analyze/charts"
	"github.com/go-analyze/charts/chartdraw/drawing"
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
var palette = []drawing.Color{blue, orange, grey}

// plotWidth is about how wide the plot area of a bar chart is: Width
// less the value axis and the margins.
const plotWidth = Width - 100

// MaxCategories is the most groups a bar chart draws legibly at Width
// pixels; callers fold the rest into one group.
const MaxCategories = 12

// BarsPNG draws b as a Width×Height PNG: the title, the legend at the top
// right, every category's name under its group (slanted when the names do
// not fit side by side), each bar's value above it, and a value axis from
// 0 at round steps.
func BarsPNG(b Bars) ([]byte, error) {
	switch {
	case len(b.Categories) == 0:
		return nil, errors.New("charts: a bar chart needs at least one category")
	case len(b.Categories) > MaxCategories:
		return nil, errors.New("charts: more than " + strconv.Itoa(MaxCategories) + " categories")
	case len(b.Series) == 0 || len(b.Series) > len(palette):
		return nil, errors.New("charts: a bar chart needs 1 to " + strconv.Itoa(len(palette)) + " series")
	}
	// A lone group would have its name at the left of the axis (the
	// library centres names only when there are two or more): it gets an
	// empty group on either side, which also keeps its bars narrow.
	cats, pad := b.Categories, 0
	if len(cats) == 1 {
		cats, pad = []string{"", cats[0], ""}, 1
	}
	top := 0.0
	series := make(charts.BarSeriesList, len(b.Series))
	names := make([]string, len(b.Series))
	for i, s := range b.Series {
		if len(s.Values) != len(b.Categories) {
			return nil, errors.New("charts: series " + s.Name + " has not one value per category")
		}
		vals := make([]float64, len(cats))
		for j := range vals {
			vals[j] = charts.GetNullValue()
		}
		for j, v := range s.Values {
			vals[pad+j] = finite(v)
			top = math.Max(top, vals[pad+j])
		}
		names[i] = s.Name
		series[i] = charts.BarSeries{Name: s.Name, Values: vals, Label: charts.SeriesLabel{
			Show:           charts.Ptr(true),
			ValueFormatter: label,
			FontStyle:      charts.FontStyle{Font: font(), FontSize: tickSize, FontColor: ink},
		}}
	}
	// Room above the highest bar for its value label.
	values := countTicks(1.12 * top)

	theme := charts.MakeTheme(charts.ThemeOption{
		AxisStrokeColor:    axis,
		AxisSplitLineColor: light,
		BackgroundColor:    white,
		TextColor:          ink,
		SeriesColors:       palette,
	})
	text := func(size float64) charts.FontStyle {
		return charts.FontStyle{Font: font(), FontSize: size, FontColor: ink}
	}
	opt := charts.NewBarChartOptionWithSeries(series)
	opt.Theme = theme
	opt.Padding = charts.NewBox(16, 14, 24, 10)
	opt.Title = charts.TitleOption{Text: b.Title, Offset: charts.OffsetCenter, FontStyle: text(titleSize)}
	opt.Legend = charts.LegendOption{SeriesNames: names, Offset: charts.OffsetRight, FontStyle: text(tickSize), Symbol: charts.SymbolSquare}
	opt.CategoryAxis = charts.CategoryAxisOption{
		Labels:         cats,
		Title:          b.XLabel,
		TitleFontStyle: text(axisSize),
		LabelFontStyle: text(tickSize),
		LabelCount:     len(cats),
		BoundaryGap:    charts.Ptr(true),
	}
	p := charts.NewPainter(charts.PainterOptions{OutputFormat: charts.ChartOutputPNG, Width: Width, Height: Height, Font: font(), Theme: theme})
	// A group takes 70% of its slot, and a slot is never wider than a
	// quarter of the plot; the bars of a group are 2 pixels apart.
	n := float64(len(cats))
	opt.BarSize = 0.7 * math.Min(n, 4) / 4
	opt.BarMargin = charts.Ptr(2 * n / plotWidth)
	// Names slant when the widest one does not fit its slot.
	widest := 0
	for _, c := range b.Categories {
		widest = max(widest, p.MeasureText(c, 0, opt.CategoryAxis.LabelFontStyle).Width())
	}
	if float64(widest+8) > plotWidth/n {
		opt.CategoryAxis.LabelRotation = charts.DegreesToRadians(-30)
	} else {
		// Level names sit a little higher, nearer their groups than
		// the axis's title.
		opt.CategoryAxis.LabelOffset = charts.OffsetInt{Top: -3}
	}
	opt.ValueAxis = []charts.ValueAxisOption{{
		Title:               b.YLabel,
		TitleFontStyle:      text(axisSize),
		LabelFontStyle:      text(tickSize),
		Min:                 charts.Ptr(0.0),
		Max:                 charts.Ptr(values[len(values)-1]),
		LabelCount:          len(values),
		PreferNiceIntervals: charts.Ptr(false),
		ValueFormatter:      label,
	}}
	if err := p.BarChart(opt); err != nil {
		return nil, errors.New("charts: drawing the bars: " + err.Error())
	}
	return p.Bytes()
}
