package mcpserver

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// DefaultMaxCalls is how many tool calls may run at once, server-wide.
const DefaultMaxCalls = 64

// callSlots bounds the tool calls running at once across every client and
// transport.
type callSlots chan struct{}

// newCallSlots returns room for max calls (DefaultMaxCalls when max <= 0).
func newCallSlots(max int) callSlots {
	if max <= 0 {
		max = DefaultMaxCalls
	}
	return make(callSlots, max)
}

// limit wraps h so that a call finding every slot taken is not queued: it
// fails at once with a tool error (isError) that says so, which the model
// can act on. m (nil: none) counts the calls that ran, their outcome and
// time, and those refused.
func (c callSlots) limit(log *slog.Logger, m *Metrics, h server.ToolHandlerFunc) server.ToolHandlerFunc {
	return func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
		select {
		case c <- struct{}{}:
		default:
			m.callRefused(req.Params.Name)
			log.Warn("tool call refused: too many calls running", "tool", req.Params.Name, "limit", cap(c))
			return mcp.NewToolResultError(fmt.Sprintf("server busy: %d tool calls are already running (the limit, LEIGA_MCP_MAX_CALLS); retry in a few seconds", cap(c))), nil
		}
		defer func() { <-c }()
		done := m.callStarted(req.Params.Name)
		defer func() { done(err != nil || res == nil || res.IsError) }() // a panic counts as an error
		return h(ctx, req)
	}
}
