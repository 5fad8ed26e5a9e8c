package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// scrape reads url's Prometheus text exposition.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", url, resp.StatusCode)
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return scrapeText(t, string(b))
}

// scrapeText parses a Prometheus text exposition.
func scrapeText(t *testing.T, body string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.LegacyValidation)
	families, err := p.TextToMetricFamilies(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse the metrics: %v", err)
	}
	return families
}

// seriesValue returns name{labels}'s value (a histogram's sample count),
// -1 when there is no such series.
func seriesValue(families map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	f, ok := families[name]
	if !ok {
		return -1
	}
	for _, m := range f.GetMetric() {
		match := true
		for k, v := range labels {
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			match = match && found
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount())
		}
	}
	return -1
}

func TestMetricsAfterABurstOfCalls(t *testing.T) {
	base := httpSandbox(t, "--toolsets", "all")
	const clients, rounds = 4, 10
	var wg sync.WaitGroup
	for w := range clients {
		c := httpClient(t, base, nil)
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			for i := range rounds {
				for _, call := range []struct {
					name    string
					args    map[string]any
					isError bool
				}{
					{"project_list", nil, false},
					{"get_issue", map[string]any{"issue": fmt.Sprintf("MOBILE-%d", 1+i%5)}, false},
					{"search_issues", map[string]any{"project": "MOBILE", "page_size": 5}, false},
					{"issue_get_by_issue_number", map[string]any{"issueNumber": "NOPE-1"}, true},
					{"tag_add", map[string]any{"projectId": sandbox.DemoProjectOps, "tagName": fmt.Sprintf("burst-%d-%d", w, i)}, false},
				} {
					res, err := callTool(ctx, c, call.name, call.args)
					if err != nil || res.IsError != call.isError {
						t.Errorf("%s: %v isError %t: %s", call.name, err, res.IsError, res.text)
					}
				}
			}
		})
	}
	wg.Wait()
	families := scrape(t, base+"/metrics")

	n := float64(clients * rounds)
	tests := []struct {
		name   string
		labels map[string]string
		ok     func(v float64) bool
		want   string
	}{
		{"leiga_mcp_build_info", map[string]string{"version": version()}, eq(1), "1"},
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "project_list", "outcome": "ok"}, eq(n), "one per call"},
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "tag_add", "outcome": "ok"}, eq(n), "one per call"},
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "issue_get_by_issue_number", "outcome": "error"}, eq(n), "one per failed call"},
		{"leiga_mcp_tool_call_duration_seconds", map[string]string{"tool": "get_issue"}, eq(n), "one observation per call"},
		{"leiga_mcp_tool_calls_in_flight", nil, eq(0), "0 after the burst"},
		{"leiga_mcp_http_requests_in_flight", nil, atLeast(1), "at least the scrape itself"},
		{"leiga_mcp_upstream_requests_total", map[string]string{"endpoint": "POST /tag/add", "status": "200"}, eq(n), "one per tag_add"},
		{"leiga_mcp_upstream_requests_total", map[string]string{"endpoint": "GET /issue/get-by-issue-number", "status": "200"}, atLeast(n), "the failed look-ups (HTTP 200 with an error envelope) at least"},
		{"leiga_mcp_upstream_requests_total", map[string]string{"endpoint": "POST /authorize/access-permanent-token", "status": "200"}, eq(1), "one token request"},
		{"leiga_mcp_upstream_request_duration_seconds", nil, atLeast(4 * n), "one per upstream request"},
		{"leiga_mcp_token_renewals_total", map[string]string{"outcome": "ok"}, eq(1), "one token fetch"},
		{"leiga_mcp_token_renewals_total", map[string]string{"outcome": "rejected"}, eq(0), "0"},
		{"leiga_mcp_resolver_cache_lookups_total", map[string]string{"list": "projects", "result": "hit"}, atLeast(n / 2), "most look-ups are hits"},
		{"leiga_mcp_resolver_cache_lookups_total", map[string]string{"list": "projects", "result": "miss"}, between(1, 2*clients), "a miss or a few to begin with"},
		{"leiga_mcp_audit_write_failures_total", nil, eq(0), "0"},
	}
	for _, tt := range tests {
		if v := seriesValue(families, tt.name, tt.labels); !tt.ok(v) {
			t.Errorf("%s%v = %v, want %s", tt.name, tt.labels, v, tt.want)
		}
	}
	for _, name := range mcpserver.MetricNames {
		if _, ok := families[name]; !ok {
			t.Errorf("documented series %s is missing from /metrics", name)
		}
	}
	for _, name := range []string{"go_goroutines", "process_resident_memory_bytes"} {
		if _, ok := families[name]; !ok {
			t.Errorf("runtime series %s is missing from /metrics", name)
		}
	}
	// Endpoint labels never carry a query string or an id.
	for _, m := range families["leiga_mcp_upstream_requests_total"].GetMetric() {
		for _, l := range m.GetLabel() {
			if l.GetName() == "endpoint" && (strings.ContainsAny(l.GetValue(), "?=&") || strings.ContainsAny(l.GetValue(), "0123456789")) {
				t.Errorf("endpoint label %q", l.GetValue())
			}
		}
	}
}

func eq(want float64) func(float64) bool      { return func(v float64) bool { return v == want } }
func atLeast(want float64) func(float64) bool { return func(v float64) bool { return v >= want } }
func between(lo, hi float64) func(float64) bool {
	return func(v float64) bool { return v >= lo && v <= hi }
}

// TestMetricsDocumented: the README's Team deployment section lists every
// series the server exports.
func TestMetricsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range mcpserver.MetricNames {
		if !strings.Contains(string(b), "`"+name+"`") {
			t.Errorf("README.md does not document the metric %s", name)
		}
	}
}
