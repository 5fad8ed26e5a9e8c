package mcpserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// With 2,000 idle keep-alive connections and 5,000 sessions open, a new
// client still gets its tools/call answered within a second.
func TestResponsiveWithManyConnectionsAndSessions(t *testing.T) {
	idle, open := 2000, 5000
	// Both ends of every connection live in this process. Go raises the
	// soft open-file limit to the hard one at start-up; scale down if even
	// that is too low.
	if files := openFileLimit(); files > 0 && 2*idle+fdReserve+200 > files {
		idle = (files - fdReserve - 200) / 2
		t.Logf("open-file limit %d: holding %d idle connections", files, idle)
	}
	start := time.Now()
	base, hs := startHTTPServer(t, HTTPConfig{MaxSessions: open + 10, MaxConns: idle + 50})
	addr := strings.TrimPrefix(base, "http://")

	// 5,000 sessions, opened by 8 clients over keep-alive connections.
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: 10 * time.Second}
	defer c.CloseIdleConnections()
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for next.Add(1) <= int64(open) {
				req, _ := http.NewRequest("POST", base+"/mcp", strings.NewReader(initBody))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Accept", "application/json, text/event-stream")
				resp, err := c.Do(req)
				if err != nil || resp.StatusCode != 200 {
					failed.Add(1)
				}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}
		})
	}
	wg.Wait()
	c.CloseIdleConnections()
	if failed.Load() > 0 || hs.sessions.count() != open {
		t.Fatalf("%d initialize failed; %d sessions open, want %d", failed.Load(), hs.sessions.count(), open)
	}
	t.Logf("%d sessions open after %s", open, time.Since(start).Round(time.Millisecond))

	// 2,000 connections that made one request and stay idle (keep-alive).
	conns := make(chan net.Conn, idle)
	next.Store(0)
	for range 16 {
		wg.Go(func() {
			for next.Add(1) <= int64(idle) {
				conn, err := net.Dial("tcp", addr)
				if err != nil {
					t.Error(err)
					return
				}
				conns <- conn
				fmt.Fprintf(conn, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
				resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	close(conns)
	defer func() {
		for conn := range conns {
			conn.Close()
		}
	}()
	if t.Failed() {
		t.FailNow()
	}
	if n := hs.conns.Load().open(); n < idle {
		t.Errorf("the server holds %d connections, want the %d idle ones", n, idle)
	}
	t.Logf("%d idle connections open after %s", idle, time.Since(start).Round(time.Millisecond))

	// A new client: its own connection, session and call.
	fresh := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer fresh.CloseIdleConnections()
	sid := initSession(t, fresh, base+"/mcp")
	callStart := time.Now()
	resp, body := post(t, fresh, base+"/mcp", sid, callMsg)
	took := time.Since(callStart)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"text":"ran"`) {
		t.Fatalf("tools/call: %d %s", resp.StatusCode, body)
	}
	if took > time.Second {
		t.Errorf("tools/call answered in %s, want within 1 s", took)
	}
	t.Logf("with %d idle connections and %d sessions open: tools/call answered in %s (whole test %s)", idle, open+1, took.Round(time.Microsecond), time.Since(start).Round(time.Millisecond))
}
