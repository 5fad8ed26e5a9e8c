package cli

import (
	"cmp"
	"context"
	"net"
	"net/http"
	"os/signal"
	"strings"
	"syscall"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/prompts"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/server"
)

// runServe serves MCP on the chosen transport until stdin closes (stdio)
// or SIGINT/SIGTERM arrives.
func runServe(args []string, env Env) error {
	c, err := parseConfig("serve", args, env, true)
	if err != nil {
		return err
	}
	if err := c.checkServe(); err != nil {
		return usageError{err.Error()}
	}
	rt, err := c.app(env)
	if err != nil {
		return err
	}
	defer rt.close()
	if err := rt.openAudit(); err != nil {
		return err
	}
	authToken := env.value("LEIGA_MCP_AUTH_TOKEN")
	if c.Transport != "stdio" {
		if err := mcpserver.CheckBind(c.Addr, authToken); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return usagef("invalid --metrics-addr %q: want host:port, e.g. 127.0.0.1:9464", c.MetricsAddr)
		}
		if err := mcpserver.CheckBind(c.MetricsAddr, authToken); err != nil {
			return usagef("--metrics-addr: %v", err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	s := rt.server()
	rt.log.Info("leiga-mcp starting", "version", version(), "transport", c.Transport, "stateless", c.Stateless, "tools", len(rt.tools), "upstream", rt.upstream, "audit", cmp.Or(rt.auditDest, "off"))
	if c.Transport == "stdio" {
		return mcpserver.ServeStdio(ctx, s, env.Stdin, env.Stdout, mcpserver.StdioConfig{Logger: rt.log, MaxMessage: int64(c.Limits.MaxMessage)})
	}
	hc := rt.httpConfig()
	hc.Addr, hc.Streamable, hc.AuthToken = c.Addr, c.Transport == "http", authToken
	hc.AllowedOrigins = splitList(env.value("LEIGA_MCP_ALLOWED_ORIGINS"))
	return mcpserver.ServeHTTP(ctx, s, hc)
}

// httpConfig is the HTTP configuration of the runtime: its limits, the
// names the X-MCP-* headers may use, and the per-request credentials.
func (rt *app) httpConfig() mcpserver.HTTPConfig {
	l := rt.cfg.Limits
	names := make([]string, 0, len(rt.registry.Tools()))
	for _, t := range rt.registry.Tools() {
		names = append(names, t.Name)
	}
	return mcpserver.HTTPConfig{
		Narrowing:    &mcpserver.NarrowingNames{Toolsets: rt.registry.ToolsetNames(), Tools: names, ToolsetOf: rt.registry.ToolsetsOf},
		MaxBody:      int64(l.MaxBody),
		MaxSessions:  l.MaxSessions,
		SessionIdle:  l.SessionIdle,
		MaxConns:     l.MaxConns,
		ReadTimeout:  l.ReadTimeout,
		IdleTimeout:  l.IdleTimeout,
		WriteTimeout: l.WriteTimeout,
		Stateless:    rt.cfg.Stateless,
		Ready:        rt.ready,
		Metrics:      rt.metrics,
		MetricsAddr:  rt.cfg.MetricsAddr,
		ContextFunc:  rt.requestContext,
		Logger:       rt.log,
	}
}

// parseConfig reads the environment then the flags of a command.
func parseConfig(name string, args []string, env Env, serve bool) (*config, error) {
	c := &config{}
	if err := c.defaults(env); err != nil {
		return nil, usageError{err.Error()}
	}
	fs := newFlagSet(name, env)
	c.selectionFlags(fs)
	c.upstreamFlags(fs)
	c.logFlags(fs)
	if serve {
		c.serveFlags(fs)
	}
	pos, err := parseFlags(fs, args)
	if err != nil {
		return nil, err
	}
	if len(pos) > 0 {
		return nil, usagef("unexpected argument %q (run with --help for the flags)", pos[0])
	}
	if err := c.check(); err != nil {
		return nil, usageError{err.Error()}
	}
	return c, nil
}

// server builds the MCP server for the runtime's tools.
func (rt *app) server() *server.MCPServer {
	toolkit.Prepare(rt.tools)
	resources, templates := tools.Resources(rt.deps)
	return mcpserver.New(mcpserver.Config{
		Version:             version(),
		Tools:               rt.tools,
		Instructions:        tools.Instructions(rt.tools),
		Prompts:             prompts.All(rt.deps.Resolver.CheckName, tools.PromptTools(rt.tools, rt.deps.Reach)),
		Resources:           resources,
		Templates:           templates,
		PromptCompletions:   prompts.NewCompletionProvider(tools.PromptCompleter(rt.deps.Resolver)),
		ResourceCompletions: tools.ResourceCompletions(rt.deps.Resolver),
		Deps:                rt.deps,
		Logger:              rt.log,
		MaxCalls:            rt.cfg.Limits.MaxCalls,
		Metrics:             rt.metrics,
		Audit:               rt.audit,
		ConfirmDeletes:      rt.cfg.Confirm,
	})
}

// HeaderUser names who "me" is for a request: a Leiga user id, email or
// name. It wins over what the credentials reveal and over LEIGA_USER.
const HeaderUser = "X-Leiga-User"

// requestContext applies an HTTP client's own Leiga credentials and its
// X-Leiga-User, if it sent any. (The X-MCP-* narrowing headers are read by
// the HTTP handler, which refuses unknown names before this runs.)
func (rt *app) requestContext(ctx context.Context, r *http.Request) context.Context {
	if ts, ok := rt.requestTokens(r.Header); ok {
		ctx = leigaapi.WithTokenSource(ctx, ts)
	}
	if user := strings.TrimSpace(r.Header.Get(HeaderUser)); user != "" {
		ctx = resolve.WithUser(ctx, user)
	}
	return ctx
}
