package tools

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/charts"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// newSeededDeps is newSandboxDeps on a seed of the test's own (the demo
// seed changed to show a case), at the sandbox tests' fixed clock.
func newSeededDeps(t testing.TB, seed *sandbox.Seed) *toolkit.Deps {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Seed: seed, Now: func() time.Time { return sandboxNow }})
	if err != nil {
		t.Fatal(err)
	}
	api, err := leigaapi.New(leigaapi.Options{
		BaseURL: "https://sandbox.invalid/openapi/api", Tokens: auth.NewStaticToken(sandbox.StaticToken),
		HTTPClient: &http.Client{Transport: sb.Transport()}, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := resolve.New(api, resolve.Options{Me: strconv.FormatInt(sandbox.DemoUserAlice, 10), Location: time.UTC, Now: func() time.Time { return sandboxNow }})
	return &toolkit.Deps{API: api, Resolver: r, Location: time.UTC}
}

// demoIssue returns the issue id of seed s, to change it.
func demoIssue(t testing.TB, s *sandbox.Seed, id int64) *sandbox.Issue {
	t.Helper()
	for _, is := range s.Issues {
		if is.ID == id {
			return is
		}
	}
	t.Fatalf("no issue %d in the seed", id)
	return nil
}

// chartOf returns a result's image: one PNG of the chart size, or nil
// when the result has no image.
func chartOf(t testing.TB, res *mcp.CallToolResult) image.Image {
	t.Helper()
	var found image.Image
	for _, c := range res.Content {
		ic, ok := c.(mcp.ImageContent)
		if !ok {
			continue
		}
		if found != nil {
			t.Fatal("more than one image")
		}
		if ic.MIMEType != "image/png" {
			t.Fatalf("image of type %q", ic.MIMEType)
		}
		b, err := base64.StdEncoding.DecodeString(ic.Data)
		if err != nil {
			t.Fatalf("image data: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not a PNG: %v", err)
		}
		if got := img.Bounds().Size(); got != (image.Point{X: charts.Width, Y: charts.Height}) {
			t.Fatalf("chart of %v, want %dx%d", got, charts.Width, charts.Height)
		}
		found = img
	}
	return found
}
