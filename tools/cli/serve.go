package cli

import (
	"context"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"net/http"
	"os/signal"
	"syscall"

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
	rt, err := c.app(env)
	if err != nil {
		return err
	}
	defer rt.close()
	authToken := env.Getenv("LEIGA_MCP_AUTH_TOKEN")
	if c.Transport != "stdio" {
		if err := mcpserver.CheckBind(c.Addr, authToken); err != nil {
			return usageError{err.Error()}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	s := rt.server()
	rt.log.Info("leiga-mcp starting", "version", version(), "transport", c.Transport, "tools", len(rt.tools), "upstream", rt.upstream)
	if c.Transport == "stdio" {
		return mcpserver.ServeStdio(ctx, s, env.Stdin, env.Stdout, rt.log)
	}
	return mcpserver.ServeHTTP(ctx, s, mcpserver.HTTPConfig{
		Addr:           c.Addr,
		Streamable:     c.Transport == "http",
		AuthToken:      authToken,
		AllowedOrigins: splitList(env.Getenv("LEIGA_MCP_ALLOWED_ORIGINS")),
		ContextFunc:    rt.requestContext,
		Logger:         rt.log,
	})
}

// parseConfig reads the environment then the flags of a command.
func parseConfig(name string, args []string, env Env, serve bool) (*config, error) {
	c := &config{}
	if err := c.defaults(env.Getenv); err != nil {
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
	})
}

// requestContext applies an HTTP client's X-MCP-* narrowing headers and its
// own Leiga credentials, if it sent any.
func (rt *app) requestContext(ctx context.Context, r *http.Request) context.Context {
	if n, ok := mcpserver.NarrowingFromHeaders(r.Header, rt.registry.ToolsetsOf); ok {
		ctx = toolkit.WithNarrowing(ctx, n)
	}
	if ts, ok := rt.requestTokens(r.Header); ok {
		ctx = leigaapi.WithTokenSource(ctx, ts)
	}
	return ctx
}
