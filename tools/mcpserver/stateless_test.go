package mcpserver

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mark3labs/mcp-go/server"
)

// roundRobin serves a reverse proxy that sends each request to the next
// of backends in turn, as a load balancer without affinity does.
func roundRobin(t *testing.T, backends ...*httptest.Server) *httptest.Server {
	t.Helper()
	var next atomic.Uint64
	targets := make([]*url.URL, len(backends))
	for i, b := range backends {
		targets[i], _ = url.Parse(b.URL)
	}
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(targets[(next.Add(1)-1)%uint64(len(targets))])
		r.Out.Host = r.In.Host
	}}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv
}

// replica serves testMCPServer over the hardened handler, stateless or not.
func replica(t *testing.T, stateless bool) *httptest.Server {
	t.Helper()
	h, closeAll, _ := newHandler(testMCPServer(0), HTTPConfig{Streamable: true, Stateless: stateless}.withDefaults())
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		closeAll(t.Context())
		srv.Close()
	})
	return srv
}

func TestStatelessReplicasBehindARoundRobin(t *testing.T) {
	lb := roundRobin(t, replica(t, true), replica(t, true))
	url := lb.URL + "/mcp"
	c := lb.Client()
	resp, body := post(t, c, url, "", initBody)
	if resp.StatusCode != 200 || resp.Header.Get(server.HeaderKeySessionID) != "" {
		t.Fatalf("initialize: %d, session id %q, %s; want 200 and no session id", resp.StatusCode, resp.Header.Get(server.HeaderKeySessionID), body)
	}
	// Every call goes to the other replica than the one before.
	for i := range 6 {
		if resp, body := post(t, c, url, "", callMsg); resp.StatusCode != 200 || !strings.Contains(string(body), `"ran"`) {
			t.Fatalf("call %d through the round robin: %d %s", i, resp.StatusCode, body)
		}
	}
}

func TestStatefulReplicasNeedAffinity(t *testing.T) {
	lb := roundRobin(t, replica(t, false), replica(t, false))
	url := lb.URL + "/mcp"
	sid := initSession(t, lb.Client(), url) // on the first replica
	if resp, body := post(t, lb.Client(), url, sid, callMsg); resp.StatusCode != 404 {
		t.Errorf("a call in a session of the other replica: %d %s; want 404, which is why --stateless exists", resp.StatusCode, body)
	}
}

func TestStatelessEndpoints(t *testing.T) {
	srv := replica(t, true)
	tests := []struct {
		name    string
		method  string
		path    string
		session string
		msg     string
		status  int
		says    string
	}{
		{"call without initialize", "POST", "/mcp", "", callMsg, 200, `"ran"`},
		{"ping", "POST", "/mcp", "", pingMsg, 200, `"result":{}`},
		{"a session id sent is ignored", "POST", "/mcp", "mcp-session-from-elsewhere", callMsg, 200, `"ran"`},
		{"the gate still refuses an object id", "POST", "/mcp", "", `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, 400, "Invalid Request"},
		{"a big id comes back unchanged", "POST", "/mcp", "", `{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"echo","arguments":{}}}`, 200, `"id":9007199254740993`},
		{"no event stream", "GET", "/mcp", "", "", 405, "stateless"},
		{"no session to end", "DELETE", "/mcp", "mcp-session-x", "", 405, "no session to end"},
		{"no legacy SSE stream", "GET", "/sse", "", "", 404, "connect to /mcp"},
		{"no legacy SSE messages", "POST", "/message?sessionId=x", "", pingMsg, 404, "connect to /mcp"},
		{"liveness", "GET", "/healthz", "", "", 200, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.msg))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			if tt.session != "" {
				req.Header.Set(server.HeaderKeySessionID, tt.session)
			}
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body strings.Builder
			_, _ = ioCopy(&body, resp)
			if resp.StatusCode != tt.status || !strings.Contains(body.String(), tt.says) {
				t.Errorf("%d %s, want %d saying %q", resp.StatusCode, body.String(), tt.status, tt.says)
			}
		})
	}
}

func TestStatelessIgnoresTheSessionLimit(t *testing.T) {
	h, closeAll, ss := newHandler(testMCPServer(0), HTTPConfig{Streamable: true, Stateless: true, MaxSessions: 1}.withDefaults())
	srv := httptest.NewServer(h)
	defer srv.Close()
	defer closeAll(t.Context())
	for i := range 5 {
		if resp, body := post(t, srv.Client(), srv.URL+"/mcp", "", initBody); resp.StatusCode != 200 {
			t.Fatalf("initialize %d: %d %s", i, resp.StatusCode, body)
		}
	}
	if n := ss.count(); n != 0 {
		t.Errorf("%d sessions held in stateless mode, want 0", n)
	}
}
