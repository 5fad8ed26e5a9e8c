package mcpserver

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// startHTTPServer runs NewHTTPServer(testMCPServer) on a loopback port
// until the test ends and returns its base URL.
func startHTTPServer(t *testing.T, cfg HTTPConfig) (string, *HTTPServer) {
	t.Helper()
	cfg.Streamable = true
	hs := NewHTTPServer(testMCPServer(0), cfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			t.Error("server did not shut down within 15 s")
		}
	})
	return "http://" + ln.Addr().String(), hs
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSlowBodyTimesOut(t *testing.T) {
	base, _ := startHTTPServer(t, HTTPConfig{ReadTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"jsonrpc\":")
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a body that never comes: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestTimeout || !strings.Contains(string(body), "LEIGA_MCP_READ_TIMEOUT") {
		t.Errorf("slow body: %d %s, want 408", resp.StatusCode, body)
	}
}

func TestIdleKeepAliveIsClosed(t *testing.T) {
	base, _ := startHTTPServer(t, HTTPConfig{IdleTimeout: 300 * time.Millisecond})
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	if _, err := br.ReadByte(); err != io.EOF {
		t.Errorf("idle keep-alive connection: %v, want EOF (closed by the server)", err)
	}
}

// The read timeout is for requests, not streams: an SSE stream outlives it.
func TestStreamsOutliveTheReadTimeout(t *testing.T) {
	base, _ := startHTTPServer(t, HTTPConfig{ReadTimeout: 200 * time.Millisecond})
	url, br, _ := openSSE(t, base)
	time.Sleep(time.Second)
	if resp, _ := post(t, http.DefaultClient, url, "", initBody); resp.StatusCode != 202 {
		t.Fatalf("initialize: %d", resp.StatusCode)
	}
	if id, code := replyParts(t, []byte(nextEvent(t, br))); id != "1" || code != 0 {
		t.Errorf("initialize reply on the stream: id %s code %d", id, code)
	}
}

// flakyListener fails its first Accept with a temporary error, which
// net/http logs and retries.
type flakyListener struct {
	net.Listener
	once sync.Once
}

type temporaryError struct{}

func (temporaryError) Error() string   { return "accept4: too many open files" }
func (temporaryError) Timeout() bool   { return false }
func (temporaryError) Temporary() bool { return true }

func (l *flakyListener) Accept() (net.Conn, error) {
	var err error
	l.once.Do(func() { err = temporaryError{} })
	if err != nil {
		return nil, err
	}
	return l.Listener.Accept()
}

func TestServerErrorsGoThroughSlog(t *testing.T) {
	var logs syncBuffer
	hs := NewHTTPServer(testMCPServer(0), HTTPConfig{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ctx, &flakyListener{Listener: ln}) }()
	defer func() { cancel(); <-done }()
	if !waitFor(5*time.Second, func() bool { return strings.Contains(logs.String(), "Accept error") }) {
		t.Fatalf("net/http's message did not reach the logger: %q", logs.String())
	}
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(line, "Accept error") && (!strings.HasPrefix(line, "{") || !strings.Contains(line, `"level":"WARN"`)) {
			t.Errorf("net/http's message is not a JSON warning: %s", line)
		}
	}
}

func TestIdleConnectionsDoNotStarveClients(t *testing.T) {
	base, hs := startHTTPServer(t, HTTPConfig{MaxConns: 20})
	addr := strings.TrimPrefix(base, "http://")
	for range 60 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
	}
	c := &http.Client{Transport: &http.Transport{}, Timeout: 5 * time.Second}
	defer c.CloseIdleConnections()
	start := time.Now()
	sid := initSession(t, c, base+"/mcp")
	resp, body := post(t, c, base+"/mcp", sid, callMsg)
	if resp.StatusCode != 200 || !strings.Contains(string(body), "ran") {
		t.Errorf("call with 60 idle connections open: %d %s", resp.StatusCode, body)
	}
	t.Logf("initialize and call answered in %s", time.Since(start))
	if n := hs.conns.Load().open(); n > 20 {
		t.Errorf("%d connections open, limit 20", n)
	}
}

func TestBusyConnectionsGet503(t *testing.T) {
	base, _ := startHTTPServer(t, HTTPConfig{MaxConns: 2})
	openSSE(t, base)
	openSSE(t, base)
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "LEIGA_MCP_MAX_CONNS") {
		t.Errorf("connection past the limit, all busy: %d Retry-After %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
}
