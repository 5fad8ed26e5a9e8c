package cli

// Soak: thousands of mixed tool calls (reads, writes, workflow and catalog
// tools), 16 in flight over streamable HTTP, against the server and HTTP
// handler the CLI builds, with a sandbox Leiga on a loopback port. Zero
// calls may fail, and afterwards goroutines and heap must be back near
// their baseline.
//
// It takes about a minute, so it runs only with LEIGA_SOAK=1 (and never
// under -short):
//
//	LEIGA_SOAK=1 go test -run TestSoak -v ./tools/cli
//
// LEIGA_SOAK_DURATION (a Go duration, default 40s) bounds the call phase.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
)

// soakOp is one kind of call in the soak mix.
type soakOp struct {
	name string
	run  func(ctx context.Context, c *client.Client, worker, i int) error
}

// soakCall calls a tool and turns a protocol error or an isError result
// into an error.
func soakCall(ctx context.Context, c *client.Client, name string, args map[string]any) (toolResult, error) {
	res, err := callTool(ctx, c, name, args)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	if res.IsError {
		return res, fmt.Errorf("%s %v: isError: %s", name, args, res.text)
	}
	return res, nil
}

// structuredID reads the "id" of a write's structuredContent.
func structuredID(res toolResult) (int64, error) {
	b, err := json.Marshal(res.StructuredContent)
	if err != nil {
		return 0, err
	}
	var v struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(b, &v); err != nil || v.ID == 0 {
		return 0, fmt.Errorf("no id in %s", b)
	}
	return v.ID, nil
}

// soakMix is the workload: mostly reads, a steady share of writes that
// leave the sandbox's size unchanged (so that heap growth means a leak),
// the assistant tools that work by names, and the catalog meta-tools.
var soakMix = []soakOp{
	{"project_list", func(ctx context.Context, c *client.Client, _, _ int) error {
		_, err := soakCall(ctx, c, "project_list", nil)
		return err
	}},
	{"issue_get_by_issue_number", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": fmt.Sprintf("MOBILE-%d", 1+(w+i)%8)})
		return err
	}},
	{"issue_get", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "issue_get", map[string]any{"id": 10001 + (w+i)%30})
		return err
	}},
	{"comment_page", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "comment_page", map[string]any{"commentModule": "issue", "linkId": 10001 + (w+i)%5})
		return err
	}},
	{"sprint_list_with_count", func(ctx context.Context, c *client.Client, w, _ int) error {
		_, err := soakCall(ctx, c, "sprint_list_with_count", map[string]any{"projectId": sandbox.DemoProjectMobile + int64(w%3)})
		return err
	}},
	{"issue_update", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "issue_update", map[string]any{"id": 10002 + w%4, "data": map[string]any{"summary": fmt.Sprintf("Soak summary %02d-%06d", w, i)}})
		return err
	}},
	{"tag_add+update+remove", func(ctx context.Context, c *client.Client, w, i int) error {
		res, err := soakCall(ctx, c, "tag_add", map[string]any{"projectId": sandbox.DemoProjectOps, "tagName": fmt.Sprintf("soak-%02d-%06d", w, i)})
		if err != nil {
			return err
		}
		id, err := structuredID(res)
		if err != nil {
			return fmt.Errorf("tag_add: %w", err)
		}
		if _, err := soakCall(ctx, c, "tag_update", map[string]any{"id": id, "tagName": fmt.Sprintf("soak-%02d-%06d-b", w, i)}); err != nil {
			return err
		}
		_, err = soakCall(ctx, c, "tag_remove", map[string]any{"id": id})
		return err
	}},
	{"issue_page", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "issue_page", map[string]any{"projectId": sandbox.DemoProjectMobile + int64(w%3), "statusTypes": []int{2, 3}, "pageSize": 5 + i%5})
		return err
	}},
	{"get_issue", func(ctx context.Context, c *client.Client, w, i int) error {
		_, err := soakCall(ctx, c, "get_issue", map[string]any{"issue": fmt.Sprintf("WEB-%d", 1+(w+i)%6), "include_comments": true})
		return err
	}},
	{"search_issues", func(ctx context.Context, c *client.Client, _, i int) error {
		_, err := soakCall(ctx, c, "search_issues", map[string]any{"project": "MOBILE", "status": []string{"open"}, "page_size": 5 + i%5})
		return err
	}},
	{"my_issues", func(ctx context.Context, c *client.Client, _, _ int) error {
		_, err := soakCall(ctx, c, "my_issues", map[string]any{"page_size": 10})
		return err
	}},
	{"leiga_search_tools", func(ctx context.Context, c *client.Client, _, _ int) error {
		_, err := soakCall(ctx, c, "leiga_search_tools", map[string]any{"query": "release a version"})
		return err
	}},
	{"leiga_call_tool", func(ctx context.Context, c *client.Client, _, _ int) error {
		_, err := soakCall(ctx, c, "leiga_call_tool", map[string]any{"name": "tag_list", "arguments": map[string]any{"projectId": sandbox.DemoProjectMobile}})
		return err
	}},
}

// heapAfterGC returns the live heap after full collections.
func heapAfterGC() uint64 {
	var ms runtime.MemStats
	for range 3 {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// settleGoroutines waits up to d for the goroutine count to drop to at
// most limit and returns the last count.
func settleGoroutines(limit int, d time.Duration) int {
	deadline := time.Now().Add(d)
	for {
		n := runtime.NumGoroutine()
		if n <= limit || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestSoakStreamableHTTP(t *testing.T) {
	if testing.Short() {
		t.Skip("soak skipped under -short")
	}
	if os.Getenv("LEIGA_SOAK") != "1" {
		t.Skip("soak runs with LEIGA_SOAK=1")
	}
	duration := 40 * time.Second
	if v := os.Getenv("LEIGA_SOAK_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("LEIGA_SOAK_DURATION: %v", err)
		}
		duration = d
	}
	const inFlight = 16
	const maxCalls = 200_000 // bound on the loop whatever the speed

	r := newRig(t, rigOptions{noClient: true})
	h, closeSessions := mcpserver.Handler(r.srv, streamableConfig(r.rt))
	mcpSrv := httptest.NewServer(h)
	defer mcpSrv.Close()
	defer closeSessions(context.Background())
	url := mcpSrv.URL + "/mcp"

	// The clients' own connection pool, so that the teardown can close it.
	clientTransport := &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	connect := func() *client.Client {
		t.Helper()
		c, err := client.NewStreamableHttpClient(url, transport.WithHTTPBasicClient(&http.Client{Transport: clientTransport}))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Start(ctx); err != nil {
			t.Fatal(err)
		}
		initialize(t, ctx, c)
		return c
	}
	// quiesce drops every idle connection on both hops, as a restart of
	// the clients would.
	quiesce := func() {
		clientTransport.CloseIdleConnections()
		mcpSrv.CloseClientConnections()
		r.up.CloseClientConnections()
	}

	// Warm up every code path once, then take the baseline.
	warm := connect()
	for i, op := range soakMix {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := op.run(ctx, warm, 99, i); err != nil {
			t.Fatalf("warm-up %s: %v", op.name, err)
		}
		cancel()
	}
	warm.Close()
	quiesce()
	time.Sleep(200 * time.Millisecond)
	baseGoroutines := settleGoroutines(0, 0)
	baseHeap := heapAfterGC()
	statsBefore := r.sb.Stats()

	clients := make([]*client.Client, inFlight)
	for i := range clients {
		clients[i] = connect()
	}
	var calls, failed atomic.Int64
	perOp := make([]atomic.Int64, len(soakMix))
	var failures syncBuffer
	stop := time.Now().Add(duration)
	start := time.Now()
	var wg sync.WaitGroup
	for w, c := range clients {
		wg.Go(func() {
			for i := 0; time.Now().Before(stop) && calls.Load() < maxCalls; i++ {
				k := (w*7 + i) % len(soakMix)
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				err := soakMix[k].run(ctx, c, w, i)
				cancel()
				calls.Add(1)
				perOp[k].Add(1)
				if err != nil {
					if failed.Add(1) <= 20 {
						fmt.Fprintf(&failures, "worker %d call %d: %v\n", w, i, err)
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	peakGoroutines := runtime.NumGoroutine()
	for _, c := range clients {
		c.Close()
	}

	n := calls.Load()
	t.Logf("%d operations (%d kinds) in %s with %d in flight: %.0f operations/s", n, len(soakMix), elapsed.Round(time.Millisecond), inFlight, float64(n)/elapsed.Seconds())
	var mix []string
	for k, op := range soakMix {
		mix = append(mix, fmt.Sprintf("%s=%d", op.name, perOp[k].Load()))
	}
	t.Logf("mix: %s", strings.Join(mix, " "))
	stats := r.sb.Stats()
	upstream := 0
	for k, v := range stats.Requests {
		upstream += v - statsBefore.Requests[k]
	}
	t.Logf("upstream requests: %d (POST /tag/add %d, PATCH /issue/update %d, DELETE /tag/remove %d); token requests: %d",
		upstream, stats.Requests["POST /tag/add"]-statsBefore.Requests["POST /tag/add"], stats.Requests["PATCH /issue/update"]-statsBefore.Requests["PATCH /issue/update"],
		stats.Requests["DELETE /tag/remove"]-statsBefore.Requests["DELETE /tag/remove"], stats.TokenRequests)

	if f := failed.Load(); f != 0 {
		t.Errorf("%d of %d operations failed; first ones:\n%s", f, n, failures.String())
	}
	if n < 2000 {
		t.Errorf("only %d operations in %s: want thousands", n, elapsed)
	}
	if stats.TokenRequests != statsBefore.TokenRequests {
		t.Errorf("%d token requests during the soak, want 0", stats.TokenRequests-statsBefore.TokenRequests)
	}

	// Back to baseline: goroutines (small slack for runtime and pool
	// goroutines that exit lazily) and heap.
	quiesce()
	const goroutineSlack = 8
	after := settleGoroutines(baseGoroutines+goroutineSlack, 5*time.Second)
	t.Logf("goroutines: baseline %d, at the end of the calls %d, after teardown %d", baseGoroutines, peakGoroutines, after)
	if after > baseGoroutines+goroutineSlack {
		var b strings.Builder
		pprof.Lookup("goroutine").WriteTo(&b, 1)
		t.Errorf("goroutines did not return to baseline: %d now, %d before (slack %d)\n%s", after, baseGoroutines, goroutineSlack, b.String())
	}
	afterHeap := heapAfterGC()
	const heapSlack = 4 << 20
	t.Logf("heap after GC: baseline %.1f MiB, after %.1f MiB", float64(baseHeap)/(1<<20), float64(afterHeap)/(1<<20))
	if afterHeap > baseHeap+heapSlack+baseHeap/4 {
		t.Errorf("heap grew from %.1f MiB to %.1f MiB after %d operations", float64(baseHeap)/(1<<20), float64(afterHeap)/(1<<20), n)
	}
}
