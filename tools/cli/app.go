package cli

import (
	"log/slog"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// app is a configured server: logger, selected tools and the Leiga client.
type app struct {
	cfg      *config
	log      *slog.Logger
	registry *toolkit.Registry
	tools    []*toolkit.Tool
	deps     *toolkit.Deps
	upstream string // "sandbox" or the base URL, for logs
	env      Env
	// headerSources holds per-client credentials sent in HTTP headers.
	headerSources *auth.SourceRegistry
	closers       []func()
	// metrics count calls, upstream requests, renewals and look-ups
	// (served at /metrics over HTTP).
	metrics *mcpserver.Metrics
	// audit records writes (LEIGA_AUDIT_LOG; nil: off), auditDest says where.
	audit     *mcpserver.AuditLog
	auditDest string
}

// app builds the logger, the tool selection and the upstream client.
// Configuration mistakes are usage errors (exit 2).
func (c *config) app(env Env) (*app, error) {
	log, err := newLogger(env.Stderr, c.LogLevel, c.LogFormat)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	reg, err := tools.NewRegistry()
	if err != nil {
		return nil, err
	}
	selected, err := reg.Select(c.selection())
	if err != nil {
		return nil, usageError{err.Error()}
	}
	rt := &app{cfg: c, log: log, registry: reg, tools: selected, env: env, metrics: mcpserver.NewMetrics(version())}
	if err := rt.connect(); err != nil {
		return nil, err
	}
	return rt, nil
}

// close releases what the runtime opened.
func (rt *app) close() {
	for _, c := range rt.closers {
		c()
	}
}

// find returns the selected tool called name.
func (rt *app) find(name string) *toolkit.Tool {
	for _, t := range rt.tools {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// suggest explains why a tool is not available.
func (rt *app) suggest(name string) string {
	t, ok := rt.registry.Tool(name)
	switch {
	case !ok:
		return "; it does not exist (run `leiga-mcp tools --toolsets all`)"
	case rt.cfg.ReadOnly && !t.ReadOnly():
		return "; it writes and --read-only is set"
	}
	return "; add it with --tools " + name
}
