package cli

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os/signal"
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
	addr := fs.String("addr", defaultSandboxAddr, "listen address")
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
	if err := mcpserver.CheckBind(*addr, "sandbox"); err != nil {
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
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return mcpserver.Serve(ctx, ln, srv, nil)
}
