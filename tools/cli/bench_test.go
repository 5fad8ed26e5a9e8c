package cli

// End-to-end call benchmarks through a real MCP client: in process, over
// streamable HTTP (the handler the CLI serves, on a loopback port) and over
// stdio (the built binary with --sandbox). Every call is project_list, a
// small read. With more than one call in flight, ns/op is wall time per
// call (the inverse of throughput) and calls/s is reported too.
//
//	go test -run '^$' -bench BenchmarkMCPCall -benchmem ./tools/cli
//
// e2e/bench.sh runs these with -count=6 and summarises them with benchstat;
// e2e/bench/mcpbench measures the client-side figures (latency
// percentiles, cold start, RSS) against the targets.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
)

// benchCalls makes b.N project_list calls with inFlight goroutines, each
// using clients[i % len(clients)], and reports calls/s.
func benchCalls(b *testing.B, clients []*client.Client, inFlight int) {
	b.Helper()
	ctx := context.Background()
	for _, c := range clients { // warm up every client
		if res, err := callTool(ctx, c, "project_list", nil); err != nil || res.IsError {
			b.Fatalf("warm-up: %v %s", err, res.text)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var next atomic.Int64
	var failed atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	start := time.Now()
	for g := range inFlight {
		c := clients[g%len(clients)]
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				res, err := callTool(ctx, c, "project_list", nil)
				if err != nil || res.IsError {
					if failed.Add(1) == 1 {
						firstErr.Store(struct {
							err  error
							text string
						}{err, res.text})
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d calls failed; first: %+v", n, b.N, firstErr.Load())
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "calls/s")
}

func BenchmarkMCPCall(b *testing.B) {
	b.Run("transport=inprocess/inflight=1", func(b *testing.B) {
		r := newRig(b, rigOptions{})
		benchCalls(b, []*client.Client{r.c}, 1)
	})

	b.Run("transport=streamable-http/inflight=16", func(b *testing.B) {
		r := newRig(b, rigOptions{noClient: true})
		h, closeSessions := mcpserver.Handler(r.srv, streamableConfig(r.rt))
		srv := httptest.NewServer(h)
		defer srv.Close()
		defer closeSessions(context.Background())
		hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
		clients := make([]*client.Client, 16)
		for i := range clients {
			c, err := client.NewStreamableHttpClient(srv.URL+"/mcp", transport.WithHTTPBasicClient(hc))
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			if err := c.Start(ctx); err != nil {
				b.Fatal(err)
			}
			initialize(b, ctx, c)
			cancel()
			clients[i] = c
		}
		benchCalls(b, clients, 16)
	})

	for _, inFlight := range []int{1, 8} {
		name := "transport=stdio/inflight=1"
		if inFlight == 8 {
			name = "transport=stdio/inflight=8"
		}
		b.Run(name, func(b *testing.B) {
			c, err := client.NewStdioMCPClient(binary, cleanEnv(), "--sandbox")
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			initialize(b, ctx, c)
			cancel()
			benchCalls(b, []*client.Client{c}, inFlight)
		})
	}
}
