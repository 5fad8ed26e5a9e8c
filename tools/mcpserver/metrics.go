package mcpserver

import (
	"net/http"
	"runtime"
	"strconv"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricNames are the server's own Prometheus series, as the README
// documents them (the Go runtime's go_* and the process's process_* series
// come on top).
var MetricNames = []string{
	"leiga_mcp_build_info",
	"leiga_mcp_tool_calls_total",
	"leiga_mcp_tool_call_duration_seconds",
	"leiga_mcp_tool_calls_in_flight",
	"leiga_mcp_http_requests_in_flight",
	"leiga_mcp_upstream_requests_total",
	"leiga_mcp_upstream_request_duration_seconds",
	"leiga_mcp_token_renewals_total",
	"leiga_mcp_resolver_cache_lookups_total",
	"leiga_mcp_audit_write_failures_total",
}

// Outcomes of a tool call in leiga_mcp_tool_calls_total.
const (
	outcomeOK    = "ok"    // a result
	outcomeError = "error" // a tool error (isError): bad arguments, a Leiga error, a timeout
	outcomeBusy  = "busy"  // refused: every call slot was taken (LEIGA_MCP_MAX_CALLS)
)

// Metrics are the server's Prometheus metrics, in a registry of their own
// (never the global default one). Every method is safe on a nil *Metrics,
// which records nothing, so the hooks can be wired unconditionally.
type Metrics struct {
	reg              *prometheus.Registry
	toolCalls        *prometheus.CounterVec
	toolDuration     *prometheus.HistogramVec
	toolsInFlight    prometheus.Gauge
	httpInFlight     prometheus.Gauge
	upstream         *prometheus.CounterVec
	upstreamDuration prometheus.Histogram
	renewals         *prometheus.CounterVec
	lookups          *prometheus.CounterVec
	auditFailures    prometheus.Counter
}

// latencyBuckets span a cached look-up (a millisecond) to a slow upstream
// call near the 30 s default timeout.
var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// NewMetrics returns the metrics of a server of the given version, with
// the Go runtime and process collectors registered beside them.
func NewMetrics(version string) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		toolCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leiga_mcp_tool_calls_total",
			Help: "Tool calls by tool and outcome: ok, error (a tool error the model sees) or busy (refused at LEIGA_MCP_MAX_CALLS).",
		}, []string{"tool", "outcome"}),
		toolDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "leiga_mcp_tool_call_duration_seconds",
			Help:    "Time to answer a tool call, by tool (calls refused as busy excluded).",
			Buckets: latencyBuckets,
		}, []string{"tool"}),
		toolsInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "leiga_mcp_tool_calls_in_flight",
			Help: "Tool calls running now, all clients and transports.",
		}),
		httpInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "leiga_mcp_http_requests_in_flight",
			Help: "HTTP requests being served now, open SSE streams included.",
		}),
		upstream: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leiga_mcp_upstream_requests_total",
			Help: `HTTP requests to Leiga (each attempt) by endpoint ("METHOD /path", never the query) and HTTP status ("none": no response).`,
		}, []string{"endpoint", "status"}),
		upstreamDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "leiga_mcp_upstream_request_duration_seconds",
			Help:    "Time from sending a request to Leiga to its response headers (each attempt).",
			Buckets: latencyBuckets,
		}),
		renewals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leiga_mcp_token_renewals_total",
			Help: "Leiga or OAuth2 token fetches by outcome: ok, rejected (credentials refused) or error (transient).",
		}, []string{"outcome"}),
		lookups: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "leiga_mcp_resolver_cache_lookups_total",
			Help: "Look-ups in the cache of lists that names resolve against, by list kind and result (hit or miss).",
		}, []string{"list", "result"}),
		auditFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "leiga_mcp_audit_write_failures_total",
			Help: "Audit log lines that could not be written.",
		}),
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "leiga_mcp_build_info",
		Help: "Always 1; the labels say which build is running.",
	}, []string{"version", "goversion"})
	build.WithLabelValues(version, runtime.Version()).Set(1)
	reg.MustRegister(build, m.toolCalls, m.toolDuration, m.toolsInFlight, m.httpInFlight, m.upstream,
		m.upstreamDuration, m.renewals, m.lookups, m.auditFailures,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Series that exist before anything happens, so that a rate or an
	// alert on them has data from the start.
	for _, o := range []string{"ok", "rejected", "error"} {
		m.renewals.WithLabelValues(o)
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
}

// Gatherer returns the registry, for tests and embedding.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }

// ObserveUpstream counts one HTTP exchange with Leiga; it is a
// leigaapi.Observer.
func (m *Metrics) ObserveUpstream(e leigaapi.Exchange) {
	if m == nil {
		return
	}
	status := "none"
	if e.Status != 0 {
		status = strconv.Itoa(e.Status)
	}
	m.upstream.WithLabelValues(e.Method+" "+e.Path, status).Inc()
	m.upstreamDuration.Observe(e.Duration.Seconds())
}

// TokenRenewed counts one token fetch; it is the observer of
// auth.WithRenewalObserver.
func (m *Metrics) TokenRenewed(outcome string) {
	if m == nil {
		return
	}
	m.renewals.WithLabelValues(outcome).Inc()
}

// ResolverLookup counts one look-up in the resolver's cache; it is
// resolve.Options.OnLookup.
func (m *Metrics) ResolverLookup(list string, hit bool) {
	if m == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	m.lookups.WithLabelValues(list, result).Inc()
}

// callStarted counts a tool call that got a slot; the returned function
// records its end.
func (m *Metrics) callStarted(tool string) func(isError bool) {
	if m == nil {
		return func(bool) {}
	}
	start := time.Now()
	m.toolsInFlight.Inc()
	return func(isError bool) {
		m.toolsInFlight.Dec()
		outcome := outcomeOK
		if isError {
			outcome = outcomeError
		}
		m.toolCalls.WithLabelValues(tool, outcome).Inc()
		m.toolDuration.WithLabelValues(tool).Observe(time.Since(start).Seconds())
	}
}

// callRefused counts a tool call refused for want of a slot.
func (m *Metrics) callRefused(tool string) {
	if m == nil {
		return
	}
	m.toolCalls.WithLabelValues(tool, outcomeBusy).Inc()
}

// auditFailed counts an audit line that could not be written.
func (m *Metrics) auditFailed() {
	if m == nil {
		return
	}
	m.auditFailures.Inc()
}

// inFlight counts the HTTP requests h is serving.
func (m *Metrics) inFlight(h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.httpInFlight.Inc()
		defer m.httpInFlight.Dec()
		h.ServeHTTP(w, r)
	})
}
