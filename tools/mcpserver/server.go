// Package mcpserver assembles the leiga-mcp MCP server from the selected
// tools and serves it over stdio, legacy HTTP+SSE or streamable HTTP.
package mcpserver

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Name is the server name announced at initialize.
const Name = "leiga-mcp"

// Config is what New needs.
type Config struct {
	Version      string
	Tools        []*toolkit.Tool // the selected tools
	Deps         *toolkit.Deps
	Logger       *slog.Logger
	Instructions string
	Prompts      []server.ServerPrompt
	Resources    []server.ServerResource
	Templates    []server.ServerResourceTemplate
	// Completions complete prompt and resource arguments (nil: none).
	PromptCompletions   server.PromptCompletionProvider
	ResourceCompletions server.ResourceCompletionProvider
	// MaxCalls bounds the tool calls running at once across every client
	// (DefaultMaxCalls when 0); a call past it is a tool error.
	MaxCalls int
	// Metrics count the tool calls (nil: none).
	Metrics *Metrics
	// Audit records every call that writes (nil: none).
	Audit *AuditLog
	// ConfirmDeletes says when deletes and large bulk updates are
	// confirmed by the user through the client (confirm.go); "" is auto.
	ConfirmDeletes ConfirmMode
}

// New returns an MCP server exposing cfg.Tools. A client may narrow the set
// per request (see Narrowing); it can never widen it.
func New(cfg Config) *server.MCPServer {
	opts := []server.ServerOption{
		server.WithToolCapabilities(false),
		server.WithRecovery(),
		server.WithLogging(),
		server.WithToolFilter(narrowTools),
	}
	if cfg.Instructions != "" {
		opts = append(opts, server.WithInstructions(cfg.Instructions))
	}
	if len(cfg.Prompts) > 0 {
		opts = append(opts, server.WithPromptCapabilities(false))
	}
	if len(cfg.Resources)+len(cfg.Templates) > 0 {
		opts = append(opts, server.WithResourceCapabilities(false, false))
	}
	if cfg.PromptCompletions != nil || cfg.ResourceCompletions != nil {
		opts = append(opts, server.WithCompletions())
	}
	if cfg.PromptCompletions != nil {
		opts = append(opts, server.WithPromptCompletionProvider(cfg.PromptCompletions))
	}
	if cfg.ResourceCompletions != nil {
		opts = append(opts, server.WithResourceCompletionProvider(cfg.ResourceCompletions))
	}
	s := server.NewMCPServer(Name, cfg.Version, opts...)
	s.AddPrompts(cfg.Prompts...)
	s.AddResources(cfg.Resources...)
	s.AddResourceTemplates(cfg.Templates...)
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	slots := newCallSlots(cfg.MaxCalls)
	if cfg.Audit != nil {
		cfg.Audit.metrics = cfg.Metrics
		cfg.Audit.SetLogger(log)
	}
	deps := withConfirmer(cfg.Deps, cfg.ConfirmDeletes)
	served := make([]server.ServerTool, 0, len(cfg.Tools))
	for _, t := range cfg.Tools {
		h := cfg.Audit.wrap(t, deps, slots.limit(log, cfg.Metrics, handler(t, deps, log)))
		served = append(served, server.ServerTool{Tool: t.MCP(), Handler: h})
	}
	s.AddTools(served...)
	return s
}

// handler adapts a tool to mcp-go and logs one line per call: tool name,
// duration and outcome, never the arguments or the result.
func handler(t *toolkit.Tool, d *toolkit.Deps, log *slog.Logger) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		start := time.Now()
		res := t.Call(withRoundTrip(ctx, req.Params.MultiRoundTripParams), d, rawArguments(req))
		level, outcome := slog.LevelInfo, "ok"
		switch {
		case res.IsError:
			level, outcome = slog.LevelWarn, "error"
		case res.NeedsInput():
			outcome = "asked the user" // a confirmation (confirm.go)
		}
		attrs := []any{"tool", t.Name, "ms", float64(time.Since(start).Microseconds()) / 1000, "outcome", outcome}
		if res.IsError && len(res.Content) > 0 {
			if tc, ok := res.Content[0].(mcp.TextContent); ok {
				attrs = append(attrs, "error", leigaapi.Redact(tc.Text))
			}
		}
		log.Log(ctx, level, "tool call", attrs...)
		return res, nil
	}
}

// withConfirmer returns the tools' Deps with the Confirmer of mode (a
// copy: the caller's Deps serve other paths, such as resources, as they
// are).
func withConfirmer(d *toolkit.Deps, mode ConfirmMode) *toolkit.Deps {
	if d == nil {
		return nil
	}
	c := *d
	c.Confirmer = newConfirmer(mode)
	return &c
}

// rawArguments returns the call's arguments as JSON bytes.
func rawArguments(req mcp.CallToolRequest) json.RawMessage {
	if len(req.Params.RawArguments) > 0 {
		return req.Params.RawArguments
	}
	if req.Params.Arguments == nil {
		return nil
	}
	b, err := json.Marshal(req.Params.Arguments)
	if err != nil {
		return nil
	}
	return b
}
