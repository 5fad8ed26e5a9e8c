package charts

import (
	"github.com/go-analyze/charts/chartdraw"
)

// legendKey is one entry of a burndown's legend: a name and the style of
// its line.
type legendKey struct {
	Name  string
	Style chartdraw.Style
}

// Where the legend goes, and the margin of the burndown's texts.
const (
	titleRow  = 28 // the middle of the title's row, in pixels from the top
	legendRow = 50 // the middle of the row under it, for a long title
	sampleLen = 28 // a legend key's line sample
	sampleGap = 6  // between a sample and its name
	keyGap    = 22 // between two keys
	edge      = 12 // margin from the image's edges
)

// legendWidth is how wide the keys are in a row.
func legendWidth(r chartdraw.Renderer, keys []legendKey) int {
	r.SetFont(font())
	r.SetFontSize(tickSize)
	width := 0
	for i, k := range keys {
		if i > 0 {
			width += keyGap
		}
		width += sampleLen + sampleGap + r.MeasureText(k.Name).Width()
	}
	return width
}

// legendOnTitleRow reports whether the keys fit at the top right beside
// the centred title; otherwise they go on the row under it.
func legendOnTitleRow(r chartdraw.Renderer, title string, keys []legendKey) bool {
	r.SetFont(font())
	r.SetFontSize(titleSize)
	titleRight := (Width + r.MeasureText(title).Width()) / 2
	return Width-edge-legendWidth(r, keys) >= titleRight+keyGap
}

// legend draws the keys in a row at the top right, where no data can hide
// them, in the middle of row y: each key is a short sample of its line
// (its dashes and its marker) and the name.
func legend(keys []legendKey, y int) chartdraw.Renderable {
	return func(r chartdraw.Renderer, _ chartdraw.Box, _ chartdraw.Style) {
		x := Width - edge - legendWidth(r, keys)
		r.SetFontColor(ink)
		for _, k := range keys {
			r.SetStrokeColor(k.Style.StrokeColor)
			r.SetStrokeWidth(k.Style.StrokeWidth)
			r.SetStrokeDashArray(k.Style.StrokeDashArray)
			r.MoveTo(x, y)
			r.LineTo(x+sampleLen, y)
			r.Stroke()
			if k.Style.DotWidth > 0 {
				r.SetStrokeDashArray(nil)
				r.SetFillColor(k.Style.DotColor)
				r.SetStrokeWidth(1)
				r.Circle(k.Style.DotWidth, x+sampleLen/2, y)
				r.FillStroke()
			}
			tb := r.MeasureText(k.Name)
			r.Text(k.Name, x+sampleLen+sampleGap, y+tb.Height()*7/20)
			x += sampleLen + sampleGap + tb.Width() + keyGap
		}
	}
}
