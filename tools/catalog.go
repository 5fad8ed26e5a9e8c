package tools

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// catalogTools search, describe and call the tools of Deps.Reach.
func catalogTools() []toolkit.Tool {
	return []toolkit.Tool{
		toolkit.Composed(toolkit.Tool{
			Name: "leiga_search_tools", Title: "Search Leiga tools",
			Description: "Find Leiga tools for a task; returns names and one-line descriptions. Then leiga_describe_tool and leiga_call_tool.",
			Effect:      toolkit.Read,
		}, searchTools),
		toolkit.Composed(toolkit.Tool{
			Name: "leiga_describe_tool", Title: "Describe a Leiga tool",
			Description: "A Leiga tool's input schema and annotations.",
			Effect:      toolkit.Read,
		}, describeTool),
		toolkit.Composed(toolkit.Tool{
			Name: "leiga_call_tool", Title: "Call a Leiga tool",
			Description: "Call any Leiga tool by name with arguments matching its schema (see leiga_describe_tool).",
			Effect:      toolkit.Dispatch,
		}, callTool),
	}
}

// searchTools ranks the reachable tools for a request (catalog_rank.go)
// and lists the best with their one-line descriptions.
func searchTools(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, q *schemas.LeigaSearchTools) (*mcp.CallToolResult, error) {
	if d.Reach == nil {
		return nil, fmt.Errorf("the tool catalog is not available on this server")
	}
	limit := cmp.Or(q.Limit, 10)
	idx := d.Reach.Index(buildToolIndex).(*toolIndex)
	n, narrowed := toolkit.NarrowingFrom(ctx)
	hits := idx.rank(q.Query, func(t *toolkit.Tool) bool {
		return (q.Toolset == "" || t.InToolset(q.Toolset)) && (!narrowed || n.Allows(t.Name, t.ReadOnly()))
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	rows := make([]any, 0, len(hits))
	var b strings.Builder
	for _, h := range hits {
		mode := "write"
		if h.tool.ReadOnly() {
			mode = "read"
		}
		rows = append(rows, map[string]any{"name": h.tool.Name, "description": h.tool.Description, "toolset": h.tool.Toolset, "readOnly": h.tool.ReadOnly()})
		fmt.Fprintf(&b, "%s (%s): %s\n", h.tool.Name, mode, h.tool.Description)
	}
	if len(hits) == 0 {
		b.WriteString("No matching tool. Try other words, e.g. issue, sprint, version, comment, file.")
	}
	return mcp.NewToolResultStructured(map[string]any{"tools": rows}, strings.TrimSpace(b.String())), nil
}

// describeTool returns a tool's schema and annotations.
func describeTool(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, in *schemas.LeigaDescribeTool) (*mcp.CallToolResult, error) {
	t, err := d.Reach.Find(ctx, in.Name)
	if err != nil {
		return nil, err
	}
	info := map[string]any{
		"name": t.Name, "title": t.Title, "description": t.Description, "toolset": t.Toolset,
		"readOnly": t.ReadOnly(), "destructive": t.Destructive(), "idempotent": t.Idempotent(),
		"inputSchema": t.Schema(),
	}
	if t.Endpoint != nil {
		info["endpoint"] = t.Endpoint.String()
	}
	return mcp.NewToolResultStructured(info, toolkit.CompactJSON(info)), nil
}

// callTool runs a reachable tool exactly as a direct tools/call would.
func callTool(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, c *schemas.LeigaCallTool) (*mcp.CallToolResult, error) {
	t, err := d.Reach.Find(ctx, c.Name)
	if err != nil {
		return nil, err
	}
	return t.Call(ctx, d, c.Arguments), nil
}
