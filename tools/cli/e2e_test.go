package cli

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// binary is the leiga-mcp binary built once for the end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "leiga-mcp-e2e")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "leiga-mcp")
	build := exec.Command("go", "build", "-o", binary, "../..")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		panic("build leiga-mcp: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cleanEnv is an environment with no Leiga or proxy settings.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LEIGA_") {
			env = append(env, kv)
		}
	}
	return append(append(env, "LEIGA_TOKEN_CACHE=off"), extra...)
}

// exercise runs the same session over any transport: initialize, list the
// tools, list projects, fetch an issue, and get a readable error for a
// wrong issue number.
func exercise(t *testing.T, c *client.Client) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res := initialize(t, ctx, c)
	if res.ServerInfo.Name != "leiga-mcp" || !strings.Contains(res.Instructions, "Leiga") {
		t.Errorf("server info %+v, instructions %q", res.ServerInfo, res.Instructions)
	}
	list, err := c.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatalf("tools/list: %v", err)
	}
	names := map[string]bool{}
	for _, tool := range list.Tools {
		names[tool.Name] = true
	}
	for _, want := range []string{"project_list", "get_issue", "leiga_call_tool"} {
		if !names[want] {
			t.Errorf("tools/list lacks %s", want)
		}
	}
	got := callText(t, ctx, c, "project_list", nil, false)
	for _, want := range []string{"MOBILE", "WEB", "OPS"} {
		if !strings.Contains(got, want) {
			t.Errorf("project_list result lacks %s: %s", want, got)
		}
	}
	got = callText(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-1"}, false)
	if !strings.Contains(got, "MOBILE-1") {
		t.Errorf("issue result: %s", got)
	}
	got = callText(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-99999"}, true)
	if !strings.Contains(got, "MOBILE-99999") {
		t.Errorf("wrong number error: %s", got)
	}
}

// callText calls a tool and returns its text, checking isError.
func callText(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any, wantError bool) string {
	t.Helper()
	res := e2eCall(t, ctx, c, name, args)
	if res.IsError != wantError {
		t.Errorf("tools/call %s: isError = %v, want %v", name, res.IsError, wantError)
	}
	return resultText(res)
}

func TestStdioEndToEnd(t *testing.T) {
	c, err := client.NewStdioMCPClient(binary, cleanEnv(), "--sandbox", "--log-level", "debug")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	exercise(t, c)
}

// startHTTP runs the binary with an HTTP transport on a free port and waits
// until it answers.
func startHTTP(t *testing.T, transport string, env ...string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(binary, "--sandbox", "--transport", transport, "--addr", addr)
	cmd.Env = cleanEnv(env...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	logs := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(stderr)
		logs <- string(b)
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server did not shut down cleanly on SIGINT: %v\n%s", err, <-logs)
			}
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Error("server did not stop within 10s of SIGINT")
		}
	})
	base := "http://" + addr
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			return base
		}
	}
	t.Fatalf("server on %s did not come up", addr)
	return ""
}

func TestStreamableHTTPEndToEnd(t *testing.T) {
	base := startHTTP(t, "http")
	c, err := client.NewStreamableHttpClient(base + "/mcp")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	exercise(t, c)
}

func TestSSEEndToEnd(t *testing.T) {
	for _, transport := range []string{"sse", "http"} {
		t.Run(transport, func(t *testing.T) {
			base := startHTTP(t, transport)
			c, err := client.NewSSEMCPClient(base + "/sse")
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if err := c.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			exercise(t, c)
		})
	}
}

func TestCLIExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      []string
		code     int
		stdout   string
		stderrIn []string
	}{
		{"no credentials", []string{}, nil, 2, "", []string{"LEIGA_CLIENT_ID", "LEIGA_SECRET", "LEIGA_ACCESS_TOKEN", "--sandbox"}},
		{"unknown flag", []string{"--frobnicate"}, nil, 2, "", []string{"flag provided but not defined: -frobnicate"}},
		{"unknown transport", []string{"--sandbox", "--transport", "carrier-pigeon"}, nil, 2, "", []string{`invalid --transport "carrier-pigeon": use stdio, sse, http`}},
		{"unknown toolset", []string{"tools", "--toolsets", "issues"}, nil, 2, "", []string{`unknown toolset "issues"; valid toolsets: all, default`}},
		{"unknown tool", []string{"tools", "--tools", "issue_gett"}, nil, 2, "", []string{`unknown tool "issue_gett"`, "issue_get"}},
		{"non-loopback without auth token", []string{"--sandbox", "--transport", "http", "--addr", "0.0.0.0:0"}, nil, 2, "", []string{"LEIGA_MCP_AUTH_TOKEN"}},
		{"unknown command", []string{"frob"}, nil, 2, "", []string{`unknown command "frob"`}},
		{"version", []string{"version"}, nil, 0, "leiga-mcp ", nil},
		{"call prints the result", []string{"call", "--sandbox", "project_list"}, nil, 0, "MOBILE", nil},
		{"call with a tool error exits 1", []string{"call", "issue_get_by_issue_number", `{"issueNumber":"NOPE-1"}`, "--sandbox"}, nil, 1, "", []string{"code 404"}},
		{"call with bad arguments exits 1", []string{"call", "--sandbox", "issue_get", `{"id":"x"}`}, nil, 1, "", []string{`field "id": expected integer`}},
		{"call of a write under read-only", []string{"call", "--sandbox", "--read-only", "issue_add", `{}`}, nil, 2, "", []string{"--read-only"}},
		{"tools lists the default set with its cost", []string{"tools"}, nil, 0, "tokens of tools/list (o200k_base)", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = cleanEnv(tt.env...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			cmd.Stdin = strings.NewReader("")
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q: %s", tt.stdout, stdout.String())
			}
			for _, w := range tt.stderrIn {
				if !strings.Contains(stderr.String(), w) {
					t.Errorf("stderr lacks %q: %s", w, stderr.String())
				}
			}
		})
	}
}

func TestStdioKeepsStdoutForProtocol(t *testing.T) {
	cmd := exec.Command(binary, "--sandbox", "--log-level", "debug")
	cmd.Env = cleanEnv()
	cmd.Stdin = strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}` + "\n" +
		`{"jsonrpc":"2.0","method":"notifications/initialized"}` + "\n" +
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"project_list","arguments":{}}}` + "\n")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v: %s", err, stderr.String())
	}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	lines := 0
	for sc.Scan() {
		lines++
		if !strings.HasPrefix(sc.Text(), `{"jsonrpc":"2.0"`) {
			t.Errorf("stdout line is not a JSON-RPC message: %q", sc.Text())
		}
	}
	if lines != 2 {
		t.Errorf("stdout has %d lines, want 2 replies", lines)
	}
	if !strings.Contains(stderr.String(), "tool call") || !strings.Contains(stderr.String(), "project_list") {
		t.Errorf("stderr lacks the tool-call log line: %s", stderr.String())
	}
	if strings.Contains(stderr.String(), "sandbox-secret") {
		t.Error("a secret reached the log")
	}
}
