package tools

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox/sandboxtest"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// BenchmarkRoundTrips measures how many sequential upstream round trips
// each workflow tool costs when Leiga answers in 100 ms: cold (nothing
// cached) and warm (the same call again). rounds/op is the wall time over
// the latency. It sleeps, so it runs only when asked:
//
//	LEIGA_ROUNDTRIPS=1 go test -run '^$' -bench BenchmarkRoundTrips -benchtime 1x ./tools
func BenchmarkRoundTrips(b *testing.B) {
	if os.Getenv("LEIGA_ROUNDTRIPS") != "1" {
		b.Skip("set LEIGA_ROUNDTRIPS=1: this benchmark sleeps on purpose")
	}
	const latency = 100 * time.Millisecond
	calls := []struct{ tool, args, again string }{
		{"create_issue", `{"project":"MOBILE","title":"Tablet layout for the settings screen","type":"story","assignee":"bob","priority":"high","labels":["ux"],"sprint":"current","due":"friday"}`,
			`{"project":"MOBILE","title":"Landscape mode for the photo viewer","type":"story","assignee":"bob","priority":"high","labels":["ux"],"sprint":"current","due":"friday"}`},
		{"create_issue", `{"project":"MOBILE","title":"Tablet layout for the settings screen","assignee":"bob","labels":["ux"],"sprint":"current","due":"friday"}`,
			`{"project":"MOBILE","title":"Landscape mode for the photo viewer","assignee":"bob","labels":["ux"],"sprint":"current","due":"friday"}`},
		{"update_issue", `{"issue":"MOBILE-4","priority":"high","assignee":"carol"}`, ""},
		{"add_comment", `{"issue":"MOBILE-3","text":"Looks good."}`, ""},
		{"log_work", `{"issue":"MOBILE-3","hours":"1h"}`, ""},
		{"get_issue", `{"issue":"MOBILE-3","include_comments":true}`, ""},
		{"search_issues", `{"project":"MOBILE","text":"login","status":"open"}`, ""},
		{"my_issues", `{}`, ""},
		{"get_sprint", `{"project":"MOBILE"}`, ""},
	}
	for i, c := range calls {
		name := c.tool
		if i == 1 {
			name += "_without_priority"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				sb, api := sandboxtest.New(b)
				sb.SetFaults(sandbox.Faults{Latency: latency})
				d := &toolkit.Deps{API: api, Location: time.UTC, Resolver: resolve.New(api, resolve.Options{Location: time.UTC, Now: func() time.Time { return sandboxtest.Now }})}
				tool, _ := testRegistry().Tool(c.tool)
				for _, phase := range []string{"cold", "warm"} {
					args := c.args
					if phase == "warm" && c.again != "" {
						args = c.again
					}
					start := time.Now()
					res := tool.Call(context.Background(), d, json.RawMessage(args))
					took := time.Since(start)
					if res.IsError {
						b.Fatalf("%s %s: %v", c.tool, phase, res.Content)
					}
					b.ReportMetric(float64(took)/float64(latency), phase+"-rounds/op")
					b.ReportMetric(float64(took.Milliseconds()), phase+"-ms/op")
				}
			}
		})
	}
}
