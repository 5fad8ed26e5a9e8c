package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

func TestReadyzVerdicts(t *testing.T) {
	// Words that must never reach an unauthenticated probe.
	secretish := []string{"tok-9f8e7d6c5b4a", "client-1234", "app.leiga.example", "Invalid secretKey"}
	tests := []struct {
		name   string
		check  ReadyCheck
		status int
		reason string
	}{
		{"no check configured", nil, 200, ""},
		{"Leiga answers", func(context.Context) error { return nil }, 200, ""},
		{"credentials refused", failWith(&leigaapi.Error{Kind: leigaapi.KindAuth, Method: "POST", Path: "/authorize/access-permanent-token", Code: "10002",
			Message: "Leiga rejected the credentials for client id client-1234: Invalid secretKey"}), 503, "Leiga refused the server's credentials"},
		{"Leiga unreachable", failWith(&leigaapi.Error{Kind: leigaapi.KindNetwork, Method: "GET", Path: "/project/list",
			Message: "cannot reach Leiga: dial tcp app.leiga.example:443: connection refused"}), 503, "cannot reach Leiga"},
		{"Leiga slow", failWith(&leigaapi.Error{Kind: leigaapi.KindTimeout, Method: "GET", Path: "/project/list", Message: "no answer within 4s"}), 503, "Leiga did not answer in time"},
		{"Leiga down", failWith(&leigaapi.Error{Kind: leigaapi.KindHTTP, HTTPStatus: 502, Method: "GET", Path: "/project/list", Message: "Bad Gateway tok-9f8e7d6c5b4a"}), 503, "Leiga answered HTTP 502"},
		{"an envelope error", failWith(&leigaapi.Error{Kind: leigaapi.KindEnvelope, Code: "10010", Method: "GET", Path: "/project/list", Message: "no access tok-9f8e7d6c5b4a"}), 503, "Leiga answered with error code 10010"},
		{"an envelope code that is not plain", failWith(&leigaapi.Error{Kind: leigaapi.KindEnvelope, Code: "tok-9f8e7d6c5b4a", Method: "GET", Path: "/project/list"}), 503, "Leiga answered with an error"},
		{"some other failure", failWith(errors.New("token source: client-1234 broke")), 503, "the Leiga check failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			newReadiness(tt.check, 0, discardLog).ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
			var body struct{ Status, Reason string }
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			wantStatus := "ready"
			if tt.status != 200 {
				wantStatus = "not ready"
			}
			if rec.Code != tt.status || body.Status != wantStatus || body.Reason != tt.reason {
				t.Errorf("%d %s, want %d %q %q", rec.Code, rec.Body, tt.status, wantStatus, tt.reason)
			}
			for _, s := range secretish {
				if strings.Contains(rec.Body.String(), s) {
					t.Errorf("the probe's answer %s reveals %q", rec.Body, s)
				}
			}
		})
	}
}

func failWith(err error) ReadyCheck { return func(context.Context) error { return err } }

func TestReadyzCachesItsVerdict(t *testing.T) {
	var checks atomic.Int32
	var fail atomic.Bool
	rd := newReadiness(func(context.Context) error {
		checks.Add(1)
		if fail.Load() {
			return &leigaapi.Error{Kind: leigaapi.KindNetwork}
		}
		return nil
	}, 10*time.Second, discardLog)
	now := time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)
	rd.now = func() time.Time { return now }
	probe := func() int {
		rec := httptest.NewRecorder()
		rd.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
		return rec.Code
	}
	steps := []struct {
		advance time.Duration
		fail    bool
		status  int
		checks  int32
	}{
		{0, false, 200, 1},
		{5 * time.Second, true, 200, 1}, // within the TTL: the cached verdict
		{6 * time.Second, true, 503, 2}, // past it: checked again
		{9 * time.Second, false, 503, 2},
		{2 * time.Second, false, 200, 3},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		fail.Store(s.fail)
		if got := probe(); got != s.status || checks.Load() != s.checks {
			t.Errorf("step %d: %d after %d checks, want %d after %d", i, got, checks.Load(), s.status, s.checks)
		}
	}
}

func TestProbesNeedNoBearerButTheRestDoes(t *testing.T) {
	cfg := HTTPConfig{Streamable: true, AuthToken: "s3cret-token", Metrics: NewMetrics("test"), Ready: func(context.Context) error { return nil }}
	h := testHandler(t, cfg)
	tests := []struct {
		path, bearer string
		want         int
	}{
		{"/healthz", "", 200},
		{"/readyz", "", 200},
		{"/metrics", "", 401},
		{"/metrics", "s3cret-token", 200},
		{"/mcp", "", 401},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", tt.path, nil)
		if tt.bearer != "" {
			req.Header.Set("Authorization", "Bearer "+tt.bearer)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("GET %s with bearer %q: %d, want %d", tt.path, tt.bearer, rec.Code, tt.want)
		}
	}
}

func TestMetricsOnTheirOwnListener(t *testing.T) {
	m := NewMetrics("test")
	tests := []struct {
		name   string
		addr   string // the listener's configured address
		token  string
		bearer string
		want   int
	}{
		{"loopback, no token configured", "127.0.0.1:9464", "", "", 200},
		{"loopback, open even with a token configured", "127.0.0.1:9464", "s3cret-token", "", 200},
		{"all interfaces, no bearer", "0.0.0.0:9464", "s3cret-token", "", 401},
		{"all interfaces, the bearer", "0.0.0.0:9464", "s3cret-token", "s3cret-token", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/metrics", nil)
			if tt.bearer != "" {
				req.Header.Set("Authorization", "Bearer "+tt.bearer)
			}
			rec := httptest.NewRecorder()
			metricsHandler(m, tt.addr, tt.token).ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("%d, want %d", rec.Code, tt.want)
			}
			if tt.want == 200 && !strings.Contains(rec.Body.String(), "leiga_mcp_build_info") {
				t.Errorf("no metrics in %.200s", rec.Body)
			}
		})
	}
	// Only /metrics lives there.
	rec := httptest.NewRecorder()
	metricsHandler(m, "127.0.0.1:9464", "").ServeHTTP(rec, httptest.NewRequest("GET", "/mcp", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /mcp on the metrics listener: %d, want 404", rec.Code)
	}
	// A non-loopback metrics address without a token is refused, as the
	// main listener's is.
	err := ServeHTTP(t.Context(), testMCPServer(0), HTTPConfig{Addr: "127.0.0.1:0", Metrics: m, MetricsAddr: "0.0.0.0:0"})
	if err == nil || !strings.Contains(err.Error(), "LEIGA_MCP_AUTH_TOKEN") {
		t.Errorf("a non-loopback metrics address without a token: %v", err)
	}
}

func TestMetricsMainListenerOffWithMetricsAddr(t *testing.T) {
	h := testHandler(t, HTTPConfig{Streamable: true, Metrics: NewMetrics("test"), MetricsAddr: "127.0.0.1:9464"})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics on the main listener with a metrics address: %d, want 404", rec.Code)
	}
}
