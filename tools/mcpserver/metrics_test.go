package mcpserver

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/mark3labs/mcp-go/mcp"
	dto "github.com/prometheus/client_model/go"
)

// sample returns the value of the series name{labels} in m (a counter,
// a gauge, or a histogram's count), and whether it exists.
func sample(t *testing.T, m *Metrics, name string, labels map[string]string) (float64, bool) {
	t.Helper()
	families, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, s := range f.GetMetric() {
			if !labelsMatch(s.GetLabel(), labels) {
				continue
			}
			switch {
			case s.Counter != nil:
				return s.GetCounter().GetValue(), true
			case s.Gauge != nil:
				return s.GetGauge().GetValue(), true
			case s.Histogram != nil:
				return float64(s.GetHistogram().GetSampleCount()), true
			}
		}
	}
	return 0, false
}

func labelsMatch(got []*dto.LabelPair, want map[string]string) bool {
	if len(got) != len(want) {
		return false
	}
	for _, l := range got {
		if want[l.GetName()] != l.GetValue() {
			return false
		}
	}
	return true
}

func TestToolCallMetrics(t *testing.T) {
	m := NewMetrics("test")
	slots := newCallSlots(1)
	release := make(chan struct{})
	running := make(chan struct{})
	h := slots.limit(discardLog, m, func(_ context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		switch req.Params.Arguments.(map[string]any)["do"] {
		case "block":
			close(running)
			<-release
		case "fail":
			return mcp.NewToolResultError("no such issue"), nil
		case "go error":
			return nil, errors.New("broken")
		}
		return mcp.NewToolResultText("done"), nil
	})
	call := func(do string) {
		var req mcp.CallToolRequest
		req.Params.Name, req.Params.Arguments = "issue_get", map[string]any{"do": do}
		_, _ = h(context.Background(), req)
	}
	var wg sync.WaitGroup
	wg.Go(func() { call("block") })
	<-running
	if v, _ := sample(t, m, "leiga_mcp_tool_calls_in_flight", nil); v != 1 {
		t.Errorf("in flight while one call runs: %v, want 1", v)
	}
	call("ok") // refused: the one slot is taken
	close(release)
	wg.Wait()
	call("ok")
	call("fail")
	call("go error")
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "issue_get", "outcome": "ok"}, 2},
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "issue_get", "outcome": "error"}, 2},
		{"leiga_mcp_tool_calls_total", map[string]string{"tool": "issue_get", "outcome": "busy"}, 1},
		{"leiga_mcp_tool_call_duration_seconds", map[string]string{"tool": "issue_get"}, 4},
		{"leiga_mcp_tool_calls_in_flight", nil, 0},
	}
	for _, tt := range tests {
		if got, ok := sample(t, m, tt.name, tt.labels); !ok || got != tt.want {
			t.Errorf("%s%v = %v (present %t), want %v", tt.name, tt.labels, got, ok, tt.want)
		}
	}
}

func TestHookMetrics(t *testing.T) {
	m := NewMetrics("v1.2.3")
	m.ObserveUpstream(leigaapi.Exchange{Method: "GET", Path: "/issue/get", Status: 200, Duration: 3 * time.Millisecond})
	m.ObserveUpstream(leigaapi.Exchange{Method: "GET", Path: "/issue/get", Status: 200})
	m.ObserveUpstream(leigaapi.Exchange{Method: "POST", Path: "/issue/add", Status: 0})
	m.TokenRenewed("ok")
	m.ResolverLookup("projects", false)
	m.ResolverLookup("projects", true)
	m.ResolverLookup("projects", true)
	m.auditFailed()
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"leiga_mcp_upstream_requests_total", map[string]string{"endpoint": "GET /issue/get", "status": "200"}, 2},
		{"leiga_mcp_upstream_requests_total", map[string]string{"endpoint": "POST /issue/add", "status": "none"}, 1},
		{"leiga_mcp_upstream_request_duration_seconds", nil, 3},
		{"leiga_mcp_token_renewals_total", map[string]string{"outcome": "ok"}, 1},
		{"leiga_mcp_token_renewals_total", map[string]string{"outcome": "rejected"}, 0}, // exists from the start
		{"leiga_mcp_token_renewals_total", map[string]string{"outcome": "error"}, 0},
		{"leiga_mcp_resolver_cache_lookups_total", map[string]string{"list": "projects", "result": "hit"}, 2},
		{"leiga_mcp_resolver_cache_lookups_total", map[string]string{"list": "projects", "result": "miss"}, 1},
		{"leiga_mcp_audit_write_failures_total", nil, 1},
		{"leiga_mcp_build_info", map[string]string{"version": "v1.2.3", "goversion": goVersion()}, 1},
	}
	for _, tt := range tests {
		if got, ok := sample(t, m, tt.name, tt.labels); !ok || got != tt.want {
			t.Errorf("%s%v = %v (present %t), want %v", tt.name, tt.labels, got, ok, tt.want)
		}
	}
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.ObserveUpstream(leigaapi.Exchange{Method: "GET", Path: "/x", Status: 200})
	m.TokenRenewed("ok")
	m.ResolverLookup("projects", true)
	m.callRefused("x")
	m.callStarted("x")(false)
	m.auditFailed()
	if h := m.inFlight(nil); h != nil {
		t.Error("nil metrics wrapped a handler")
	}
}

func goVersion() string { return runtime.Version() }
