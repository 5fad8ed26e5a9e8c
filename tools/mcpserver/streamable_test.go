package mcpserver

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// streamableServer serves testMCPServer over the hardened handler.
func streamableServer(t *testing.T, cfg HTTPConfig) (*httptest.Server, *sessions) {
	t.Helper()
	cfg.Streamable = true
	h, closeAll, ss := newHandler(testMCPServer(0), cfg.withDefaults())
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		closeAll(t.Context())
		srv.Close()
	})
	return srv, ss
}

func TestStreamableEdgeCases(t *testing.T) {
	srv, _ := streamableServer(t, HTTPConfig{})
	url := srv.URL + "/mcp"
	sid := initSession(t, srv.Client(), url)
	for _, tt := range edgeCases {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := post(t, srv.Client(), url, sid, tt.msg)
			wantStatus := 200
			if tt.code != 0 {
				wantStatus = 400
			}
			if resp.StatusCode != wantStatus {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, wantStatus, body)
			}
			id, code := replyParts(t, body)
			if id != tt.wantID || code != tt.code {
				t.Errorf("reply %s: id %s code %d, want id %s code %d", body, id, code, tt.wantID, tt.code)
			}
		})
	}
}

func TestStreamableSessions(t *testing.T) {
	srv, ss := streamableServer(t, HTTPConfig{})
	url := srv.URL + "/mcp"
	c := srv.Client()
	sid := initSession(t, c, url)
	tests := []struct {
		name    string
		method  string
		session string
		msg     string
		status  int
		says    string
	}{
		{"call in a session", "POST", sid, callMsg, 200, `"ran"`},
		{"call without a session", "POST", "", callMsg, 400, "send initialize first"},
		{"call with a made-up session", "POST", "mcp-session-0b3c1d0e-5b7a-4d8f-9c2e-1a2b3c4d5e6f", callMsg, 404, "send initialize to open a new one"},
		{"ping with a made-up session", "POST", "mcp-session-whatever", pingMsg, 404, "never issued"},
		{"stream with a made-up session", "GET", "mcp-session-0b3c1d0e-5b7a-4d8f-9c2e-1a2b3c4d5e6f", "", 404, "never issued"},
		{"stream without a session", "GET", "", "", 400, "send initialize first"},
		{"delete a made-up session", "DELETE", "mcp-session-x", "", 404, "never issued"},
		{"delete the session", "DELETE", sid, "", 200, ""},
		{"call in the deleted session", "POST", sid, callMsg, 404, "send initialize to open a new one"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, url, strings.NewReader(tt.msg))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		if tt.session != "" {
			req.Header.Set(server.HeaderKeySessionID, tt.session)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body strings.Builder
		_, _ = ioCopy(&body, resp)
		if resp.StatusCode != tt.status || !strings.Contains(body.String(), tt.says) {
			t.Errorf("%s: %d %s, want %d saying %q", tt.name, resp.StatusCode, body.String(), tt.status, tt.says)
		}
	}
	if n := ss.count(); n != 0 {
		t.Errorf("%d sessions live after the only one was deleted", n)
	}
}

func TestStreamableSessionCap(t *testing.T) {
	srv, ss := streamableServer(t, HTTPConfig{MaxSessions: 3})
	url := srv.URL + "/mcp"
	c := srv.Client()
	var sids []string
	for range 3 {
		sids = append(sids, initSession(t, c, url))
	}
	resp, body := post(t, c, url, "", initBody)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "LEIGA_MCP_MAX_SESSIONS") {
		t.Errorf("initialize past the cap: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if id, code := replyParts(t, body); id != "1" || code != codeInvalidRequest {
		t.Errorf("refusal is not a JSON-RPC error for id 1: %s", body)
	}
	// The open sessions still work, and ending one makes room.
	if resp, body := post(t, c, url, sids[0], callMsg); resp.StatusCode != 200 || !strings.Contains(string(body), "ran") {
		t.Errorf("call in an open session: %d %s", resp.StatusCode, body)
	}
	req, _ := http.NewRequest("DELETE", url, nil)
	req.Header.Set(server.HeaderKeySessionID, sids[0])
	if resp, err := c.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("DELETE: %v %v", resp, err)
	}
	initSession(t, c, url)
	if n := ss.count(); n != 3 {
		t.Errorf("%d sessions live, want 3", n)
	}
}

func TestStreamableSessionsExpire(t *testing.T) {
	srv, ss := streamableServer(t, HTTPConfig{SessionIdle: 500 * time.Millisecond})
	url := srv.URL + "/mcp"
	sid := initSession(t, srv.Client(), url)
	if !waitFor(10*time.Second, func() bool { return ss.count() == 0 }) {
		t.Fatal("the idle session did not expire within 10 s")
	}
	if resp, body := post(t, srv.Client(), url, sid, callMsg); resp.StatusCode != 404 {
		t.Errorf("call in an expired session: %d %s", resp.StatusCode, body)
	}
}
