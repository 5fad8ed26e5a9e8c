// Command mcpbench measures leiga-mcp from the client's side, against a
// zero-latency local upstream (`leiga-mcp sandbox` on a loopback port):
//
//   - cold start: process start to the first initialize reply on stdout;
//   - per-call latency over stdio with mcp-go's stdio client, 1 in flight
//     (p50, p99), and the ratio to a direct HTTP call to the same upstream;
//   - throughput over stdio with 8 calls in flight;
//   - resident memory (VmRSS) after 2,000 calls;
//   - throughput over streamable HTTP with 16 calls in flight.
//
// Every call is project_list (GET /project/list). Each figure is measured
// -runs times and the median is compared with its target. With -gobench,
// the medians of a `go test -bench` output file are added to the table.
// A missed target is printed as MISSED; the exit status is non-zero only
// when something fails to run.
//
//	go build -o /tmp/leiga-mcp . && go run ./e2e/bench/mcpbench -bin /tmp/leiga-mcp
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

var (
	binFlag     = flag.String("bin", "", "leiga-mcp binary (required)")
	runsFlag    = flag.Int("runs", 5, "measurement rounds; the table shows medians")
	callsFlag   = flag.Int("calls", 2000, "timed calls per latency measurement")
	durFlag     = flag.Duration("dur", 3*time.Second, "duration of each throughput measurement")
	coldFlag    = flag.Int("cold", 10, "process starts per cold-start measurement")
	gobenchFlag = flag.String("gobench", "", "go test -bench output to summarise in the table")
	jsonFlag    = flag.String("json", "", "write every run's figures to this file as JSON")
)

// staticToken is the sandbox's ready-made access token.
const staticToken = "sandbox-token"

// latencyTool is the tool timed against a direct call of its endpoint.
const latencyTool = "project_list"

// latencyPath is the path of latencyTool's endpoint.
var latencyPath = endpoints.ProjectList.Path()

func main() {
	flag.Parse()
	if *binFlag == "" {
		fmt.Fprintln(os.Stderr, "mcpbench: -bin is required")
		os.Exit(2)
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "mcpbench:", err)
		os.Exit(1)
	}
}

// figures are one round's measurements, by key.
type figures map[string]float64

func run() error {
	base, stop, err := startUpstream(*binFlag)
	if err != nil {
		return fmt.Errorf("upstream: %w", err)
	}
	defer stop()
	fmt.Fprintf(os.Stderr, "upstream: leiga-mcp sandbox at %s\n", base)
	var rounds []figures
	for i := range *runsFlag {
		f, err := round(base)
		if err != nil {
			return fmt.Errorf("round %d: %w", i+1, err)
		}
		rounds = append(rounds, f)
		fmt.Fprintf(os.Stderr, "round %d/%d: cold %.1f ms, stdio p50 %.3f ms p99 %.3f ms, direct p50 %.3f ms, 8-in-flight %.0f calls/s, RSS %.1f MiB, http 16-in-flight %.0f calls/s\n",
			i+1, *runsFlag, f["cold_ms"], f["stdio_p50_ms"], f["stdio_p99_ms"], f["direct_p50_ms"], f["stdio8_cps"], f["rss_mib"], f["http16_cps"])
	}
	if *jsonFlag != "" {
		b, _ := json.MarshalIndent(rounds, "", "  ")
		if err := os.WriteFile(*jsonFlag, b, 0o644); err != nil {
			return err
		}
	}
	var gob map[string]map[string][]float64
	if *gobenchFlag != "" {
		if gob, err = parseGoBench(*gobenchFlag); err != nil {
			return fmt.Errorf("-gobench: %w", err)
		}
	}
	printTable(rounds, gob)
	return nil
}

// round measures every figure once.
func round(base string) (figures, error) {
	f := figures{}
	env := serverEnv()
	cold, err := coldStarts(*binFlag, []string{"--base-url", base}, env, *coldFlag)
	if err != nil {
		return nil, fmt.Errorf("cold start: %w", err)
	}
	f["cold_ms"] = cold
	if f["cold_sandbox_ms"], err = coldStarts(*binFlag, []string{"--sandbox"}, env, *coldFlag); err != nil {
		return nil, fmt.Errorf("cold start --sandbox: %w", err)
	}
	if err := stdioFigures(base, env, f); err != nil {
		return nil, fmt.Errorf("stdio: %w", err)
	}
	if f["http16_cps"], err = httpThroughput(base, env, 16, *durFlag); err != nil {
		return nil, fmt.Errorf("streamable HTTP: %w", err)
	}
	return f, nil
}

// serverEnv is the environment without Leiga settings, plus the static
// sandbox token and no token cache.
func serverEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEIGA_") {
			env = append(env, kv)
		}
	}
	return append(env, "LEIGA_ACCESS_TOKEN="+staticToken, "LEIGA_TOKEN_CACHE=off")
}

// startUpstream runs `leiga-mcp sandbox` on a free loopback port and
// returns its base URL.
func startUpstream(bin string) (string, func(), error) {
	cmd := exec.Command(bin, "sandbox", "--addr", "127.0.0.1:0", "--log-level", "warn")
	cmd.Env = serverEnv()
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		waitOrKill(cmd, 5*time.Second)
	}
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if v, ok := strings.CutPrefix(lines.Text(), "LEIGA_BASE_URL="); ok {
			go io.Copy(io.Discard, out)
			return v, stop, nil
		}
	}
	stop()
	return "", nil, errors.New("no LEIGA_BASE_URL line on stdout")
}

// waitOrKill waits for cmd to exit, killing it if it is still running
// after grace.
func waitOrKill(cmd *exec.Cmd, grace time.Duration) {
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		cmd.Process.Kill()
		<-done
	}
}

const initializeLine = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcpbench","version":"1"}}}` + "\n"

// coldStarts starts the server n times (after one untimed start) and
// returns the median time from exec to the initialize reply, in ms.
func coldStarts(bin string, args, env []string, n int) (float64, error) {
	var ms []float64
	for i := range n + 1 {
		d, err := coldStart(bin, args, env)
		if err != nil {
			return 0, err
		}
		if i > 0 {
			ms = append(ms, float64(d.Microseconds())/1000)
		}
	}
	return median(ms), nil
}

func coldStart(bin string, args, env []string) (time.Duration, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		stdin.Close()
		waitOrKill(cmd, 5*time.Second)
	}()
	if _, err := io.WriteString(stdin, initializeLine); err != nil {
		return 0, err
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("reading the initialize reply: %w", err)
	}
	if !strings.Contains(line, `"id":1`) || !strings.Contains(line, `"result"`) {
		return 0, fmt.Errorf("unexpected initialize reply: %.200s", line)
	}
	return took, nil
}

// stdioFigures runs one stdio session: latency at 1 in flight (against
// direct HTTP calls to the same upstream), RSS after 2,000 calls, and
// throughput at 8 in flight.
func stdioFigures(base string, env []string, f figures) error {
	var cmd *exec.Cmd
	c, err := client.NewStdioMCPClientWithOptions(*binFlag, nil, []string{"--base-url", base},
		transport.WithCommandFunc(func(ctx context.Context, command string, _ []string, args []string) (*exec.Cmd, error) {
			cmd = exec.CommandContext(ctx, command, args...)
			cmd.Env = env
			cmd.Stderr = io.Discard // the per-call log lines, as a client would drain them
			return cmd, nil
		}))
	if err != nil {
		return err
	}
	defer c.Close()
	ctx := context.Background()
	if err := initialize(ctx, c); err != nil {
		return err
	}
	direct := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
	defer direct.CloseIdleConnections()
	// Warm up both paths.
	for range 100 {
		if _, err := mcpCall(ctx, c); err != nil {
			return err
		}
		if _, err := directCall(direct, base); err != nil {
			return err
		}
	}
	// Alternate blocks of MCP and direct calls so that both see the same
	// machine load.
	var viaMCP, viaHTTP []float64
	const block = 250
	for len(viaMCP) < *callsFlag {
		for range min(block, *callsFlag-len(viaMCP)) {
			d, err := mcpCall(ctx, c)
			if err != nil {
				return err
			}
			viaMCP = append(viaMCP, ms(d))
			d, err = directCall(direct, base)
			if err != nil {
				return err
			}
			viaHTTP = append(viaHTTP, ms(d))
		}
	}
	rss, hwm, err := memory(cmd.Process.Pid)
	if err != nil {
		return err
	}
	f["rss_mib"], f["hwm_mib"] = rss, hwm
	f["stdio_p50_ms"], f["stdio_p99_ms"] = percentile(viaMCP, 50), percentile(viaMCP, 99)
	f["direct_p50_ms"], f["direct_p99_ms"] = percentile(viaHTTP, 50), percentile(viaHTTP, 99)
	f["ratio_p50"] = f["stdio_p50_ms"] / f["direct_p50_ms"]
	if f["stdio1_cps"], err = throughput([]*client.Client{c}, 1, *durFlag/2); err != nil {
		return err
	}
	if f["stdio8_cps"], err = throughput([]*client.Client{c}, 8, *durFlag); err != nil {
		return err
	}
	return nil
}

func initialize(ctx context.Context, c *client.Client) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "mcpbench", Version: "1"}
	_, err := c.Initialize(ctx, init)
	return err
}

// mcpCall makes one tools/call of latencyTool and times it.
func mcpCall(ctx context.Context, c *client.Client) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req := mcp.CallToolRequest{}
	req.Params.Name = latencyTool
	start := time.Now()
	res, err := c.CallTool(ctx, req)
	d := time.Since(start)
	if err != nil {
		return d, err
	}
	if res.IsError {
		return d, fmt.Errorf("%s: isError: %v", latencyTool, res.Content)
	}
	return d, nil
}

// directCall makes the upstream request the server makes for latencyTool.
func directCall(hc *http.Client, base string) (time.Duration, error) {
	req, err := http.NewRequest(http.MethodGet, base+latencyPath, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("accessToken", staticToken)
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("direct GET %s: HTTP %d", latencyPath, resp.StatusCode)
	}
	return d, err
}

// throughput runs inFlight goroutines calling latencyTool for dur, over
// clients round-robin, and returns calls per second. Any failed call is
// an error.
func throughput(clients []*client.Client, inFlight int, dur time.Duration) (float64, error) {
	var calls atomic.Int64
	var firstErr error
	var once sync.Once
	deadline := time.Now().Add(dur)
	start := time.Now()
	var wg sync.WaitGroup
	for g := range inFlight {
		c := clients[g%len(clients)]
		wg.Go(func() {
			for time.Now().Before(deadline) {
				if _, err := mcpCall(context.Background(), c); err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				calls.Add(1)
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return 0, firstErr
	}
	return float64(calls.Load()) / time.Since(start).Seconds(), nil
}

// httpThroughput serves streamable HTTP from the binary and measures
// calls/s with inFlight sessions, one call in flight each.
func httpThroughput(base string, env []string, inFlight int, dur time.Duration) (float64, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(*binFlag, "--transport", "http", "--addr", addr, "--base-url", base)
	cmd.Env = env
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		waitOrKill(cmd, 10*time.Second)
	}()
	url := "http://" + addr
	up := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if resp, err := http.Get(url + "/healthz"); err == nil {
			resp.Body.Close()
			up = true
			break
		}
	}
	if !up {
		return 0, fmt.Errorf("server on %s did not come up", addr)
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
	defer hc.CloseIdleConnections()
	clients := make([]*client.Client, inFlight)
	for i := range clients {
		c, err := client.NewStreamableHttpClient(url+"/mcp", transport.WithHTTPBasicClient(hc))
		if err != nil {
			return 0, err
		}
		defer c.Close()
		if err := c.Start(context.Background()); err != nil {
			return 0, err
		}
		if err := initialize(context.Background(), c); err != nil {
			return 0, err
		}
		for range 20 {
			if _, err := mcpCall(context.Background(), c); err != nil {
				return 0, err
			}
		}
		clients[i] = c
	}
	return throughput(clients, inFlight, dur)
}

// memory reads VmRSS and VmHWM of pid, in MiB.
func memory(pid int) (rss, hwm float64, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		fields := strings.Fields(v)
		if len(fields) < 1 {
			continue
		}
		kb, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return 0, 0, err
		}
		if k == "VmRSS" {
			rss = kb / 1024
		} else {
			hwm = kb / 1024
		}
	}
	if rss == 0 {
		return 0, 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	return rss, hwm, nil
}

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

func median(v []float64) float64 { return percentile(v, 50) }

// percentile returns the p-th percentile (nearest rank) of v.
func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	i := int(float64(len(s))*p/100+0.5) - 1
	return s[max(0, min(i, len(s)-1))]
}

// parseGoBench reads `go test -bench` output: benchmark name (without the
// -GOMAXPROCS suffix) → unit → values.
func parseGoBench(path string) (map[string]map[string][]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string][]float64{}
	for _, line := range strings.Split(string(b), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if out[name] == nil {
			out[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			out[name][fields[i+1]] = append(out[name][fields[i+1]], v)
		}
	}
	return out, nil
}

// row is one line of the table.
type row struct {
	figure string
	value  float64
	unit   string
	target float64 // 0: information only
	atMost bool    // target is a ceiling (else a floor)
	node   string  // Leiga's own Node server, for scale
	spread string
}

func printTable(rounds []figures, gob map[string]map[string][]float64) {
	var rows []row
	add := func(figure, key, unit string, target float64, atMost bool, node string) {
		var v []float64
		for _, r := range rounds {
			v = append(v, r[key])
		}
		mid, spread := summarise(v)
		rows = append(rows, row{figure, mid, unit, target, atMost, node, spread})
	}
	add("cold start to initialize reply", "cold_ms", "ms", 15, true, "84 ms")
	add("cold start, --sandbox (info)", "cold_sandbox_ms", "ms", 0, true, "")
	add("stdio call p50, 1 in flight", "stdio_p50_ms", "ms", 0.35, true, "1.1 ms")
	add("stdio call p99, 1 in flight", "stdio_p99_ms", "ms", 2, true, "")
	add("direct HTTP call p50 (info)", "direct_p50_ms", "ms", 0, true, "")
	add("MCP p50 / direct HTTP p50", "ratio_p50", "x", 1.5, true, "")
	add("stdio throughput, 1 in flight (info)", "stdio1_cps", "calls/s", 0, false, "")
	add("stdio throughput, 8 in flight", "stdio8_cps", "calls/s", 5000, false, "930 calls/s")
	add("RSS after 2,000 calls", "rss_mib", "MiB", 24, true, "85 MiB")
	add("peak RSS (VmHWM, info)", "hwm_mib", "MiB", 0, true, "")
	add("streamable HTTP throughput, 16 in flight", "http16_cps", "calls/s", 3000, false, "")

	benchRow := func(figure, name, unit string, scale float64, outUnit string, target float64, atMost bool) {
		vals := gob[name][unit]
		if len(vals) == 0 {
			return
		}
		scaled := make([]float64, len(vals))
		for i, v := range vals {
			scaled[i] = v * scale
		}
		mid, spread := summarise(scaled)
		rows = append(rows, row{figure, mid, outUnit, target, atMost, "", spread})
	}
	if gob != nil {
		var names []string
		for name := range gob {
			if strings.HasPrefix(name, "BenchmarkDispatch/") {
				names = append(names, name)
			}
		}
		slices.Sort(names)
		for _, name := range names {
			tool := strings.TrimPrefix(name, "BenchmarkDispatch/tool=")
			benchRow("dispatch "+tool+" time", name, "ns/op", 1e-3, "µs", 50, true)
			benchRow("dispatch "+tool+" allocs", name, "allocs/op", 1, "allocs", 200, true)
		}
		benchRow("dispatch, invalid arguments (info)", "BenchmarkDispatchInvalid", "ns/op", 1e-3, "µs", 0, true)
		benchRow("go bench: streamable HTTP, 16 in flight, in process", "BenchmarkMCPCall/transport=streamable-http/inflight=16", "calls/s", 1, "calls/s", 3000, false)
		benchRow("go bench: stdio --sandbox, 8 in flight", "BenchmarkMCPCall/transport=stdio/inflight=8", "calls/s", 1, "calls/s", 5000, false)
		benchRow("go bench: stdio --sandbox, 1 in flight (info)", "BenchmarkMCPCall/transport=stdio/inflight=1", "ns/op", 1e-6, "ms", 0, true)
		benchRow("go bench: in-process MCP call (info)", "BenchmarkMCPCall/transport=inprocess/inflight=1", "ns/op", 1e-6, "ms", 0, true)
	}

	fmt.Printf("\nleiga-mcp figures vs targets (median of %d runs; go benchmarks: median of their -count runs)\n\n", len(rounds))
	fmt.Printf("%-52s %12s %-8s %14s %-18s %-12s %s\n", "figure", "median", "unit", "target", "range", "Node server", "status")
	fmt.Println(strings.Repeat("-", 130))
	missed := 0
	for _, r := range rows {
		target, status := "", ""
		if r.target > 0 {
			ok := r.value <= r.target
			cmp := "≤"
			if !r.atMost {
				ok, cmp = r.value >= r.target, "≥"
			}
			target = cmp + " " + trim(r.target)
			status = "ok"
			if !ok {
				status = "MISSED"
				missed++
			}
		}
		fmt.Printf("%-52s %12s %-8s %14s %-18s %-12s %s\n", r.figure, trim(r.value), r.unit, target, r.spread, r.node, status)
	}
	fmt.Println()
	if missed > 0 {
		fmt.Printf("MISSED: %d target(s) (a noisy shared machine can miss a target: re-run before acting on one)\n", missed)
	} else {
		fmt.Println("every target met")
	}
}

// summarise returns the median of v and its range as "min..max".
func summarise(v []float64) (float64, string) {
	s := slices.Clone(v)
	slices.Sort(s)
	return median(v), fmt.Sprintf("%s..%s", trim(s[0]), trim(s[len(s)-1]))
}

// trim formats a figure with sensible precision.
func trim(v float64) string {
	switch {
	case v >= 1000:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case v >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}
