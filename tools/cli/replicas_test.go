package cli

// Two replicas of the built binary, stateless, behind a round-robin
// reverse proxy written here: a mixed workload from 8 concurrent MCP
// clients must complete with no failure although consecutive requests of
// one client land on different replicas, and each replica must fetch its
// Leiga token once. Both replicas share one sandbox Leiga on a loopback
// port; each reaches it under its own path prefix so that the test can
// tell their requests apart. Bounded: 2,048 calls, a 3-minute deadline.

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// Size of the two-replica run.
const (
	replicaClients        = 8
	replicaCallsPerClient = 256
	replicaAuthToken      = "replica-test-bearer-token"
)

// prefixedUpstream serves sb to n replicas, replica i under /r<i>, and
// counts each one's requests and token requests.
type prefixedUpstream struct {
	sb        *sandbox.Sandbox
	requests  []atomic.Int64
	authorize []atomic.Int64
}

func (u *prefixedUpstream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/r")
	prefix, path, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(prefix)
	if !ok || err != nil || i < 0 || i >= len(u.requests) {
		http.NotFound(w, r)
		return
	}
	u.requests[i].Add(1)
	if strings.Contains(path, "authorize/") {
		u.authorize[i].Add(1)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + path
	u.sb.ServeHTTP(w, r2)
}

// replicaProc is one server process.
type replicaProc struct {
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:port
	metrics string // where its /metrics is served
	stderr  *syncBuilder
}

// freeAddr returns a loopback address with a free port.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startReplica runs the binary as a stateless HTTP server against baseURL.
func startReplica(t *testing.T, baseURL string, extra ...string) *replicaProc {
	t.Helper()
	addr := freeAddr(t)
	args := append([]string{"--transport", "http", "--stateless", "--addr", addr, "--toolsets", "all", "--log-level", "warn"}, extra...)
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv("LEIGA_BASE_URL="+baseURL, "LEIGA_CLIENT_ID="+sandbox.ClientID, "LEIGA_SECRET="+sandbox.Secret,
		"LEIGA_MCP_AUTH_TOKEN="+replicaAuthToken)
	p := &replicaProc{cmd: cmd, base: "http://" + addr, metrics: "http://" + addr + "/metrics", stderr: &syncBuilder{}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("replica did not shut down cleanly: %v\n%s", err, p.stderr.String())
			}
		case <-time.After(15 * time.Second):
			cmd.Process.Kill()
			t.Error("replica did not stop within 15 s of SIGINT")
		}
	})
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(p.base + "/healthz"); err == nil {
			resp.Body.Close()
			return p
		}
	}
	t.Fatalf("replica on %s did not come up:\n%s", addr, p.stderr.String())
	return nil
}

// get fetches url with the bearer token and returns the status and body.
func getWithBearer(t *testing.T, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Authorization", "Bearer "+replicaAuthToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// residentMiB reads a process's resident set size and its peak from /proc, in
// MiB; ok is false where there is no /proc.
func residentMiB(pid int) (now, peak float64, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, false
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmRSS:":
			now = kb / 1024
		case "VmHWM:":
			peak = kb / 1024
		}
	}
	return now, peak, now > 0
}

// replicaOp is one kind of call in the workload; it returns how many
// tool calls it made.
type replicaOp func(ctx context.Context, c *client.Client, w, i int) (int, error)

// replicaMix: reads by id and by name, searches, the catalog, and writes
// (a tag made, renamed through the catalog and removed; an issue retitled).
var replicaMix = []replicaOp{
	func(ctx context.Context, c *client.Client, _, _ int) (int, error) {
		_, err := soakCall(ctx, c, "project_list", nil)
		return 1, err
	},
	func(ctx context.Context, c *client.Client, w, i int) (int, error) {
		_, err := soakCall(ctx, c, "get_issue", map[string]any{"issue": fmt.Sprintf("WEB-%d", 1+(w+i)%6)})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, _, i int) (int, error) {
		_, err := soakCall(ctx, c, "search_issues", map[string]any{"project": "MOBILE", "status": []string{"open"}, "page_size": 5 + i%5})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, w, i int) (int, error) {
		_, err := soakCall(ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": fmt.Sprintf("MOBILE-%d", 1+(w+i)%8)})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, w, i int) (int, error) {
		_, err := soakCall(ctx, c, "sprint_list_with_count", map[string]any{"projectId": sandbox.DemoProjectMobile + int64(w%3)})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, _, _ int) (int, error) {
		_, err := soakCall(ctx, c, "leiga_search_tools", map[string]any{"query": "release a version"})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, w, i int) (int, error) {
		_, err := soakCall(ctx, c, "update_issue", map[string]any{"issue": fmt.Sprintf("OPS-%d", 1+w%4), "title": fmt.Sprintf("Replica title %02d-%04d", w, i)})
		return 1, err
	},
	func(ctx context.Context, c *client.Client, w, i int) (int, error) {
		res, err := soakCall(ctx, c, "tag_add", map[string]any{"projectId": sandbox.DemoProjectOps, "tagName": fmt.Sprintf("rep-%02d-%04d", w, i)})
		if err != nil {
			return 1, err
		}
		id, err := structuredID(res)
		if err != nil {
			return 1, fmt.Errorf("tag_add: %w", err)
		}
		if _, err := soakCall(ctx, c, "leiga_call_tool", map[string]any{"name": "tag_update", "arguments": map[string]any{"id": id, "tagName": fmt.Sprintf("rep-%02d-%04d-b", w, i)}}); err != nil {
			return 2, err
		}
		_, err = soakCall(ctx, c, "tag_remove", map[string]any{"id": id})
		return 3, err
	},
}

func TestTwoStatelessReplicasBehindARoundRobin(t *testing.T) {
	if testing.Short() {
		t.Skip("two-replica load test skipped under -short")
	}
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	up := &prefixedUpstream{sb: sb, requests: make([]atomic.Int64, 2), authorize: make([]atomic.Int64, 2)}
	upSrv := httptest.NewServer(up)
	defer upSrv.Close()

	// Replica 0 serves /metrics on its main listener (behind the bearer
	// token), replica 1 on a loopback listener of its own.
	metricsAddr := freeAddr(t)
	replicas := []*replicaProc{
		startReplica(t, upSrv.URL+"/r0/openapi/api"),
		startReplica(t, upSrv.URL+"/r1/openapi/api", "--metrics-addr", metricsAddr),
	}
	replicas[1].metrics = "http://" + metricsAddr + "/metrics"
	for i, r := range replicas {
		if code, body := getWithBearer(t, r.base+"/readyz"); code != 200 || !strings.Contains(body, `"ready"`) {
			t.Fatalf("replica %d /readyz: %d %s\n%s", i, code, body, r.stderr.String())
		}
	}

	// The load balancer: each request to the next replica, no affinity.
	var turn atomic.Uint64
	served := make([]atomic.Int64, len(replicas))
	targets := make([]*url.URL, len(replicas))
	for i, r := range replicas {
		targets[i], _ = url.Parse(r.base)
	}
	lb := httptest.NewServer(&httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		i := (turn.Add(1) - 1) % uint64(len(targets))
		served[i].Add(1)
		r.SetURL(targets[i])
	}})
	defer lb.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	clientTransport := &http.Transport{MaxIdleConnsPerHost: replicaClients}
	defer clientTransport.CloseIdleConnections()
	clients := make([]*client.Client, replicaClients)
	for i := range clients {
		c, err := client.NewStreamableHttpClient(lb.URL+"/mcp",
			transport.WithHTTPBasicClient(&http.Client{Transport: clientTransport}),
			transport.WithHTTPHeaders(map[string]string{"Authorization": "Bearer " + replicaAuthToken}))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// The 2025-06-18 protocol, which has sessions: what makes a
		// stateful server need affinity.
		init := mcp.InitializeRequest{}
		init.Params.ProtocolVersion = mcp.LATEST_LEGACY_PROTOCOL_VERSION
		init.Params.ClientInfo = mcp.Implementation{Name: "replica-test", Version: "1"}
		if _, err := c.Initialize(ctx, init); err != nil {
			t.Fatalf("initialize through the load balancer: %v", err)
		}
		if sid := c.GetSessionId(); sid != "" {
			t.Fatalf("a stateless replica issued session id %q", sid)
		}
		clients[i] = c
	}

	var calls, failed atomic.Int64
	var failures syncBuilder
	start := time.Now()
	var wg sync.WaitGroup
	for w, c := range clients {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				n, err := replicaMix[(w*3+i)%len(replicaMix)](ctx, c, w, i)
				total := calls.Add(int64(n))
				if err != nil && failed.Add(1) <= 10 {
					fmt.Fprintf(&failures, "client %d op %d: %v\n", w, i, err)
				}
				if total >= replicaClients*replicaCallsPerClient {
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("the workload did not finish within the deadline: %d calls", calls.Load())
	}

	n, f := calls.Load(), failed.Load()
	t.Logf("%d tool calls from %d concurrent clients through a round-robin proxy over 2 stateless replicas in %s (%.0f calls/s); %d failed",
		n, replicaClients, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), f)
	if f != 0 {
		t.Errorf("%d failures; first ones:\n%s", f, failures.String())
	}
	if n < 2000 {
		t.Errorf("%d calls, want at least 2,000", n)
	}
	for i, r := range replicas {
		code, body := getWithBearer(t, r.metrics)
		if code != 200 {
			t.Fatalf("replica %d metrics: %d %s", i, code, body)
		}
		families := scrapeText(t, body)
		renewals := seriesValue(families, "leiga_mcp_token_renewals_total", map[string]string{"outcome": "ok"})
		toolCalls := 0.0
		for _, m := range families["leiga_mcp_tool_calls_total"].GetMetric() {
			toolCalls += m.GetCounter().GetValue()
		}
		mem, peak, ok := residentMiB(r.cmd.Process.Pid)
		memText := "RSS n/a (no /proc)"
		if ok {
			memText = fmt.Sprintf("RSS %.1f MiB (peak %.1f MiB)", mem, peak)
		}
		t.Logf("replica %d: %d HTTP requests from the proxy, %.0f tool calls, %d upstream requests, %d token requests (renewals metric %.0f), %s",
			i, served[i].Load(), toolCalls, up.requests[i].Load(), up.authorize[i].Load(), renewals, memText)
		if got := up.authorize[i].Load(); got != 1 || renewals != 1 {
			t.Errorf("replica %d fetched %d tokens (metric %v), want exactly 1", i, got, renewals)
		}
		if toolCalls < float64(n)/4 {
			t.Errorf("replica %d answered %v of %d calls: the load was not spread", i, toolCalls, n)
		}
	}
	if runtime.GOOS == "linux" {
		if _, _, ok := residentMiB(replicas[0].cmd.Process.Pid); !ok {
			t.Error("cannot read the replicas' RSS from /proc")
		}
	}
}
