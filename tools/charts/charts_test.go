package charts

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// decoded decodes a chart and checks what every chart must be: a PNG of
// Width×Height that is not blank (a good share of its pixels differ from
// the background, in more than two colours).
func decoded(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Size(); got != (image.Point{X: Width, Y: Height}) {
		t.Fatalf("size %v, want %dx%d", got, Width, Height)
	}
	bg := img.At(0, 0)
	inked := 0
	colours := map[color.RGBA64]bool{}
	for y := 0; y < Height; y++ {
		for x := 0; x < Width; x++ {
			c := img.At(x, y)
			r, g, b, a := c.RGBA()
			colours[color.RGBA64{uint16(r), uint16(g), uint16(b), uint16(a)}] = true
			if c != bg {
				inked++
			}
		}
	}
	if inked < Width*Height/100 || len(colours) < 3 {
		t.Fatalf("chart looks blank: %d inked pixels, %d colours", inked, len(colours))
	}
	if os.Getenv("CHARTS_OUT") != "" {
		if err := os.WriteFile(filepath.Join(os.Getenv("CHARTS_OUT"), strings.NewReplacer("/", "-", " ", "_", ",", "").Replace(t.Name())+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return img
}

// inked counts the pixels of img that are exactly c: a series drawn in
// its colour leaves hundreds of them.
func inked(img image.Image, c color.Color) int {
	r0, g0, b0, a0 := c.RGBA()
	n := 0
	for y := 0; y < Height; y++ {
		for x := 0; x < Width; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			if r == r0 && g == g0 && b == b0 && a == a0 {
				n++
			}
		}
	}
	return n
}

// day is a date of the test sprint at hour, UTC.
func day(d, hour int) time.Time {
	return time.Date(2026, time.October, 26, hour, 0, 0, 0, time.UTC).AddDate(0, 0, d)
}
