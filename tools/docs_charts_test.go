package tools

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/mark3labs/mcp-go/mcp"
)

// docsDir holds the example charts the README and the issue show.
// Regenerate them with UPDATE_DOCS=1 go test ./tools -run TestDocsCharts
// and look at them.
const docsDir = "../docs"

// TestDocsCharts renders the example charts of docs/ from the sandbox at
// its fixed clock (2026-11-04 10:00 UTC) and checks the committed files
// show the same pixels. Both show MOBILE as seeded but for three issues of
// Sprint 12 finished on different days (the demo seed has none finished
// yet, which makes a flat burndown): the sprint's burndown and the
// project's open work.
func TestDocsCharts(t *testing.T) {
	seed := sandbox.DemoSeed()
	two, three := 2.0, 3.0
	for _, f := range []struct {
		id       int64
		points   *float64
		finished int64
	}{
		{10005, &two, demoTime(-4, 11)},  // MOBILE-5, Oct 28
		{10004, nil, demoTime(-3, 15)},   // MOBILE-4, Oct 29
		{10013, &three, demoTime(1, 16)}, // MOBILE-13, Nov 2
	} {
		is := demoIssue(t, seed, f.id)
		is.StatusID, is.FinishTime, is.UpdateTime = 14, f.finished, f.finished
		if f.points != nil {
			is.EstimatePoint = f.points
		}
	}
	d := newSeededDeps(t, seed)
	for _, c := range []struct {
		file, tool, args string
	}{
		{"sprint-burndown.png", "sprint_report", `{"project":"MOBILE"}`},
		{"workload.png", "workload_report", `{"project":"MOBILE"}`},
	} {
		res := runTool(t, d, c.tool, c.args, nil)
		got := pngOf(t, res)
		path := filepath.Join(docsDir, c.file)
		if os.Getenv("UPDATE_DOCS") == "1" {
			if err := os.MkdirAll(docsDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("no %s (run with UPDATE_DOCS=1 and look at it)", path)
		}
		if !samePixels(t, got, want) {
			t.Errorf("%s differs from what %s draws now (run with UPDATE_DOCS=1 and look at it)", path, c.tool)
		}
	}
}

// samePixels reports whether two PNGs show the same image.
func samePixels(t *testing.T, a, b []byte) bool {
	t.Helper()
	decode := func(p []byte) image.Image {
		img, err := png.Decode(bytes.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	x, y := decode(a), decode(b)
	if x.Bounds() != y.Bounds() {
		return false
	}
	for py := x.Bounds().Min.Y; py < x.Bounds().Max.Y; py++ {
		for px := x.Bounds().Min.X; px < x.Bounds().Max.X; px++ {
			r1, g1, b1, a1 := x.At(px, py).RGBA()
			r2, g2, b2, a2 := y.At(px, py).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// pngOf is the raw PNG of a result's image, for files.
func pngOf(t testing.TB, res *mcp.CallToolResult) []byte {
	t.Helper()
	for _, c := range res.Content {
		if ic, ok := c.(mcp.ImageContent); ok {
			b, err := base64.StdEncoding.DecodeString(ic.Data)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatal("no image in the result")
	return nil
}
