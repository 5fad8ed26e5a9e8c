package cli

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The figures of issue 13 items 2 and 3, measured on a leiga-mcp binary:
// this branch's, or LEIGA_FIGURES_BINARY (build an older commit to compare).
// It takes about a minute and is skipped unless LEIGA_FIGURES=1:
//
//	LEIGA_FIGURES=1 go test -run TestLimitFigures -v ./tools/cli
func TestLimitFigures(t *testing.T) {
	if os.Getenv("LEIGA_FIGURES") != "1" {
		t.Skip("set LEIGA_FIGURES=1 to measure")
	}
	bin := binary
	if b := os.Getenv("LEIGA_FIGURES_BINARY"); b != "" {
		bin = b
	}
	t.Run("sessions", func(t *testing.T) { figureSessions(t, bin, 50000) })
	t.Run("idle connections", func(t *testing.T) { figureIdleConns(t, bin, 2000, 1024) })
	t.Run("SSE client that never reads", func(t *testing.T) { figureSSENonReader(t, bin, 20000) })
}

// figureServer starts bin serving HTTP (under ulimit -n nofile when not 0)
// and returns its address and process.
func figureServer(t *testing.T, bin string, nofile int) (string, *os.Process) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	script := `exec "$0" "$@"`
	if nofile > 0 {
		script = fmt.Sprintf("ulimit -n %d && %s", nofile, script)
	}
	cmd := exec.Command("sh", "-c", script, bin, "--sandbox", "--transport", "http", "--addr", addr, "--log-level", "error")
	cmd.Env = cleanEnv()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
			resp.Body.Close()
			return addr, cmd.Process
		}
	}
	t.Fatal("server did not come up")
	return "", nil
}

// rss returns a process's resident set size.
func rss(p *os.Process) string {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.Pid))
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// figurePost sends one JSON-RPC message and returns the status, the
// session id header and the body.
func figurePost(c *http.Client, url, session, msg string) (int, string, string, error) {
	req, _ := http.NewRequest("POST", url, strings.NewReader(msg))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	if session != "" {
		req.Header.Set("Mcp-Session-Id", session)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", "", err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Mcp-Session-Id"), string(b), nil
}

const figureInit = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"figures","version":"1"}}}`

// Item 2: n initialize requests, then the server's RSS, and a call with a
// session id the server never issued.
func figureSessions(t *testing.T, bin string, n int) {
	addr, p := figureServer(t, bin, 0)
	url := "http://" + addr + "/mcp"
	start := rss(p)
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer c.CloseIdleConnections()
	var next, opened, refused, other atomic.Int64
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for next.Add(1) <= int64(n) {
				switch code, _, _, err := figurePost(c, url, "", figureInit); {
				case err == nil && code == 200:
					opened.Add(1)
				case err == nil && code == 503:
					refused.Add(1)
				default:
					other.Add(1)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("%d initialize: %d sessions opened, %d refused (503), %d other; RSS %s at start, %s after", n, opened.Load(), refused.Load(), other.Load(), start, rss(p))
	code, _, body, err := figurePost(c, url, "mcp-session-0b3c1d0e-5b7a-4d8f-9c2e-1a2b3c4d5e6f", `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"project_list","arguments":{}}}`)
	t.Logf("tools/call with a made-up mcp-session-<uuid>: HTTP %d %.70s %v", code, body, err)
}

// Item 3: n idle connections to a server allowed nofile open files, then a
// new client's initialize and tools/call.
func figureIdleConns(t *testing.T, bin string, n, nofile int) {
	addr, _ := figureServer(t, bin, nofile)
	for range n {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
	}
	time.Sleep(200 * time.Millisecond)
	c := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer c.CloseIdleConnections()
	url := "http://" + addr + "/mcp"
	start := time.Now()
	_, sid, _, err := figurePost(c, url, "", figureInit)
	if err != nil {
		t.Logf("ulimit -n %d, %d idle connections: initialize failed after %s: %v", nofile, n, time.Since(start).Round(time.Millisecond), err)
		return
	}
	figurePost(c, url, sid, `{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	callStart := time.Now()
	code, _, body, err := figurePost(c, url, sid, `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"project_list","arguments":{}}}`)
	t.Logf("ulimit -n %d, %d idle connections: initialize %s, tools/call HTTP %d in %s (projects listed: %t, err %v)",
		nofile, n, callStart.Sub(start).Round(time.Microsecond), code, time.Since(callStart).Round(time.Microsecond), strings.Contains(body, "MOBILE"), err)
}

// Item 3: n posts of tools/list to a legacy SSE session whose client never
// reads its stream; the server's RSS and the statuses the posts got.
func figureSSENonReader(t *testing.T, bin string, n int) {
	addr, p := figureServer(t, bin, 0)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET /sse HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	stream := bufio.NewReader(resp.Body)
	var url string
	for url == "" {
		line, err := stream.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if path, ok := strings.CutPrefix(strings.TrimSpace(line), "data: "); ok {
			url = "http://" + addr + path
		}
	}
	c := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	defer c.CloseIdleConnections()
	figurePost(c, url, "", figureInit)
	start := rss(p)
	var next atomic.Int64
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				code, _, _, _ := figurePost(c, url, "", fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/list"}`, i+1))
				mu.Lock()
				codes[code]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	t.Logf("%d tools/list posts to an SSE session that is never read: HTTP statuses %v; RSS %s before, %s after", n, codes, start, rss(p))
}
