package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
)

// defaultSandboxAddr is where `leiga-mcp sandbox` listens by default.
const defaultSandboxAddr = "127.0.0.1:8090"

// runSandbox serves the sandbox Leiga API on its own, for scripts and other
// clients, until SIGINT/SIGTERM.
func runSandbox(args []string, env Env) error {
	fs := newFlagSet("sandbox", env)
	addr := fs.String("addr", defaultSandboxAddr, "listen address; loopback only (127.0.0.1, ::1, localhost): the sandbox has open admin endpoints and published credentials, so it never listens on other interfaces")
	seed := fs.String("seed", "", "JSON file with your own sandbox data")
	level := fs.String("log-level", "info", "debug, info, warn or error")
	format := fs.String("log-format", "text", "text or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	log, err := newLogger(env.Stderr, *level, *format)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := checkSandboxBind(*addr); err != nil {
		return usageError{err.Error()}
	}
	sb, err := sandbox.New(sandbox.Options{SeedFile: *seed, Logger: log})
	if err != nil {
		return usagef("sandbox: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	base := "http://" + ln.Addr().String() + "/openapi/api"
	log.Info("sandbox Leiga listening", "base_url", base, "client_id", sandbox.ClientID, "secret", sandbox.Secret, "token", sandbox.StaticToken)
	fmt.Fprintf(env.Stdout, "LEIGA_BASE_URL=%s\nLEIGA_CLIENT_ID=%s\nLEIGA_SECRET=%s\n", base, sandbox.ClientID, sandbox.Secret)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return serveSandbox(ctx, ln, sb, log)
}

// serveSandbox serves h on ln until ctx is done. net/http's own errors go
// to log at warn level, in its format and through its redaction.
func serveSandbox(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       mcpserver.DefaultIdleTimeout,
		ErrorLog:          mcpserver.ErrorLog(log),
	}
	return mcpserver.Serve(ctx, ln, srv, nil)
}

// checkSandboxBind refuses any listen address but loopback: the sandbox's
// admin endpoints are unauthenticated and its credentials are published,
// so no token makes another interface safe.
func checkSandboxBind(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid --addr %q: want host:port, e.g. %s", addr, defaultSandboxAddr)
	}
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); (err == nil && ip.IsLoopback()) || strings.EqualFold(host, "localhost") {
		return nil
	}
	return fmt.Errorf("refusing to serve the sandbox on %s: it has unauthenticated admin endpoints and published credentials, so it listens on loopback only; use --addr 127.0.0.1:PORT", addr)
}
