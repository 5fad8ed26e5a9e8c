package mcpserver

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// sseServer serves testMCPServer over the hardened handler.
func sseServer(t *testing.T, cfg HTTPConfig) (*httptest.Server, *sessions) {
	t.Helper()
	cfg = cfg.withDefaults()
	h, closeAll, ss := newHandler(testMCPServer(0), cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		closeAll(t.Context())
		srv.Close()
	})
	return srv, ss
}

// openSSE opens /sse over a raw connection and returns the message URL
// and the reader of the stream.
func openSSE(t *testing.T, base string) (string, *bufio.Reader, net.Conn) {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET /sse: %d", resp.StatusCode)
	}
	br := bufio.NewReader(resp.Body)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if path, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			return base + path, br, conn
		}
	}
}

// nextEvent returns the data of the next SSE message event.
func nextEvent(t *testing.T, br *bufio.Reader) string {
	t.Helper()
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if data, ok := strings.CutPrefix(line, "data: "); ok {
			return strings.TrimSpace(data)
		}
	}
}

func TestSSEGate(t *testing.T) {
	srv, _ := sseServer(t, HTTPConfig{})
	url, br, _ := openSSE(t, srv.URL)
	c := srv.Client()
	resp, body := post(t, c, url, "", callMsg)
	if id, code := replyParts(t, body); resp.StatusCode != 400 || id != "3" || code != codeInvalidRequest || !strings.Contains(string(body), "send initialize first") {
		t.Errorf("tools/call before initialize: %d %s", resp.StatusCode, body)
	}
	if resp, _ := post(t, c, url, "", initBody); resp.StatusCode != 202 {
		t.Fatalf("initialize: %d", resp.StatusCode)
	}
	nextEvent(t, br)
	for _, tt := range edgeCases {
		resp, body := post(t, c, url, "", tt.msg)
		if tt.code != 0 {
			if id, code := replyParts(t, body); resp.StatusCode != 400 || id != tt.wantID || code != tt.code {
				t.Errorf("%s: %d %s", tt.name, resp.StatusCode, body)
			}
			continue
		}
		if resp.StatusCode != 202 {
			t.Fatalf("%s: %d %s", tt.name, resp.StatusCode, body)
		}
		if id, code := replyParts(t, []byte(nextEvent(t, br))); id != tt.wantID || code != 0 {
			t.Errorf("%s: reply id %s code %d", tt.name, id, code)
		}
	}
}

func TestSSESessionCap(t *testing.T) {
	srv, ss := sseServer(t, HTTPConfig{MaxSessions: 2})
	openSSE(t, srv.URL)
	openSSE(t, srv.URL)
	resp, err := srv.Client().Get(srv.URL + "/sse")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("third SSE stream: %d Retry-After %q, want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if n := ss.count(); n != 2 {
		t.Errorf("%d sessions, want 2", n)
	}
}

// A client that posts requests but never reads its stream must not pile up
// goroutines: past maxSSEPending it is refused, and when a write to its
// stream stalls for the write timeout it loses the session.
func TestSSEClientThatNeverReads(t *testing.T) {
	const posts = 2000
	srv, ss := sseServer(t, HTTPConfig{WriteTimeout: time.Second})
	before := goroutines()
	url, br, _ := openSSE(t, srv.URL)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	defer c.CloseIdleConnections()
	if resp, _ := post(t, c, url, "", initBody); resp.StatusCode != 202 {
		t.Fatalf("initialize: %d", resp.StatusCode)
	}
	nextEvent(t, br) // and never read again
	big := `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"big","arguments":{}}}`
	var accepted, refused, gone atomic.Int64
	var peak atomic.Int64
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 8 {
		wg.Go(func() {
			for next.Add(1) <= posts {
				req, _ := http.NewRequest("POST", url, strings.NewReader(big))
				req.Header.Set("Content-Type", "application/json")
				resp, err := c.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				resp.Body.Close()
				switch resp.StatusCode {
				case 202:
					accepted.Add(1)
				case 429:
					refused.Add(1)
					if resp.Header.Get("Retry-After") == "" {
						t.Error("429 without Retry-After")
					}
				default:
					gone.Add(1) // the session was dropped
				}
				if n := int64(goroutines()); n > peak.Load() {
					peak.Store(n)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d posts: %d accepted, %d refused (429), %d after the session was dropped; goroutines %d before, peak %d", posts, accepted.Load(), refused.Load(), gone.Load(), before, peak.Load())
	if refused.Load()+gone.Load() == 0 {
		t.Error("every post was accepted")
	}
	if limit := int64(before + maxSSEPending + 100); peak.Load() > limit {
		t.Errorf("goroutines peaked at %d, want at most %d", peak.Load(), limit)
	}
	if !waitFor(15*time.Second, func() bool { return ss.count() == 0 }) {
		t.Error("the stalled session was not dropped within 15 s")
	}
	if !waitFor(10*time.Second, func() bool { return goroutines() <= before+20 }) {
		t.Errorf("goroutines %d after the session was dropped, %d before", goroutines(), before)
	}
}

// goroutines counts the live goroutines. runtime.NumGoroutine reads the
// scheduler's counters without stopping the world and can overshoot by
// thousands while goroutines start and end; a count above 100 is taken
// again from a full stack dump, which stops the world.
func goroutines() int {
	n := runtime.NumGoroutine()
	if n <= 100 {
		return n
	}
	buf := make([]byte, 1<<20)
	for {
		m := runtime.Stack(buf, true)
		if m < len(buf) {
			return bytes.Count(buf[:m], []byte("\ngoroutine ")) + 1
		}
		buf = make([]byte, 2*len(buf))
	}
}

func TestIsReplyEvent(t *testing.T) {
	tests := []struct {
		event string
		want  bool
	}{
		{"event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"method\":1}}\n\n", true},
		{"event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{}}\n\n", true},
		{"event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"result\":1}}\n\n", false},
		{"event: message\ndata:{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n\n", false},
		{"event: endpoint\ndata: /message?sessionId=x\r\n\r\n", false},
		{"event: message\ndata: {\"jsonrpc\":\n\n", false},
	}
	for _, tt := range tests {
		if got := isReplyEvent([]byte(tt.event)); got != tt.want {
			t.Errorf("isReplyEvent(%q) = %t, want %t", tt.event, got, tt.want)
		}
	}
}
