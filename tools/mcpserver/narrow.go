package mcpserver

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// Headers an HTTP client may send to narrow the tools it sees.
const (
	HeaderToolsets = "X-MCP-Toolsets" // comma-separated toolset names
	HeaderTools    = "X-MCP-Tools"    // comma-separated tool names
	HeaderReadOnly = "X-MCP-Readonly" // "true" hides every write
)

// narrowTools is the tool filter applied to tools/list and tools/call.
func narrowTools(ctx context.Context, list []mcp.Tool) []mcp.Tool {
	n, ok := toolkit.NarrowingFrom(ctx)
	if !ok {
		return list
	}
	out := list[:0:0]
	for _, t := range list {
		if n.Allows(t.Name, t.Annotations.ReadOnlyHint != nil && *t.Annotations.ReadOnlyHint) {
			out = append(out, t)
		}
	}
	return out
}

// ToolsetLookup tells which toolsets a tool belongs to.
type ToolsetLookup func(toolName string) []string

// NarrowingFromHeaders reads the X-MCP-* headers of a request.
func NarrowingFromHeaders(h http.Header, toolsetOf ToolsetLookup) (toolkit.Narrowing, bool) {
	sets := splitList(h.Get(HeaderToolsets))
	names := splitList(h.Get(HeaderTools))
	ro := strings.EqualFold(strings.TrimSpace(h.Get(HeaderReadOnly)), "true") || strings.TrimSpace(h.Get(HeaderReadOnly)) == "1"
	if len(sets) == 0 && len(names) == 0 && !ro {
		return toolkit.Narrowing{}, false
	}
	n := toolkit.Narrowing{ReadOnly: ro}
	if len(sets) > 0 || len(names) > 0 {
		n.Allowed = func(tool string) bool {
			return slices.Contains(names, tool) || slices.Contains(sets, "all") || slices.ContainsFunc(toolsetOf(tool), func(ts string) bool { return slices.Contains(sets, ts) })
		}
	}
	return n, true
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
