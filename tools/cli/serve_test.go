package cli

import (
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
)

// syncBuilder is a strings.Builder safe for concurrent use.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A process allowed 256 open files, with 600 idle connections knocking,
// still answers a new client at once: the connection limit fits under the
// open-file limit and an idle connection makes room for a new one.
func TestIdleConnectionsDoNotExhaustOpenFiles(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh for ulimit")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command("sh", "-c", `ulimit -n 256 && exec "$0" "$@"`, binary, "--sandbox", "--transport", "http", "--addr", addr)
	cmd.Env = cleanEnv()
	var stderr syncBuilder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Error("server did not stop within 15 s of SIGINT")
		}
	}()
	base := "http://" + addr
	up := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !up; time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			up = true
		}
	}
	if !up {
		t.Fatalf("server did not come up: %s", stderr.String())
	}
	for range 600 {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
	}
	hc := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}
	defer hc.CloseIdleConnections()
	c, err := client.NewStreamableHttpClient(base+"/mcp", transport.WithHTTPBasicClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	initialize(t, ctx, c)
	res, err := callTool(ctx, c, "project_list", nil)
	if err != nil || res.IsError || !strings.Contains(res.text, "MOBILE") {
		t.Fatalf("project_list with 600 idle connections: %v %+v\n%s", err, res, stderr.String())
	}
	if res.took > time.Second {
		t.Errorf("project_list answered in %s, want within 1 s", res.took)
	}
	if !strings.Contains(stderr.String(), "connection limit lowered to fit the open-file limit") {
		t.Errorf("the lowered connection limit is not logged:\n%s", stderr.String())
	}
	if strings.Contains(stderr.String(), "too many open files") {
		t.Errorf("the server ran out of files:\n%s", stderr.String())
	}
}
