package tools

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

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

// searchText is what leiga_search_tools matches a tool on, prepared once.
type searchText struct{ name, title, rest string }

// searchIndex builds the search text of every reachable tool.
func searchIndex(list []*toolkit.Tool) any {
	idx := make(map[string]searchText, len(list))
	for _, t := range list {
		idx[t.Name] = searchText{
			name:  strings.ReplaceAll(t.Name, "_", " "),
			title: strings.ToLower(t.Title),
			rest:  strings.ToLower(t.Description + " " + t.Toolset),
		}
	}
	return idx
}

// searchTools ranks reachable tools by how well their name, title and
// description match the query words.
func searchTools(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, q *schemas.LeigaSearchTools) (*mcp.CallToolResult, error) {
	if d.Reach == nil {
		return nil, fmt.Errorf("the tool catalog is not available on this server")
	}
	limit := cmp.Or(q.Limit, 10)
	words := searchWords(q.Query)
	idx := d.Reach.Index(searchIndex).(map[string]searchText)
	type hit struct {
		t     *toolkit.Tool
		score int
	}
	var hits []hit
	n, narrowed := toolkit.NarrowingFrom(ctx)
	for _, t := range d.Reach.Tools() {
		if q.Toolset != "" && t.Toolset != q.Toolset {
			continue
		}
		if narrowed && !n.Allows(t.Name, t.ReadOnly()) {
			continue
		}
		if s := matchScore(idx[t.Name], words); s > 0 {
			hits = append(hits, hit{t, s})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return b.score - a.score })
	if len(hits) > limit {
		hits = hits[:limit]
	}
	rows := make([]any, 0, len(hits))
	var b strings.Builder
	for _, h := range hits {
		mode := "write"
		if h.t.ReadOnly() {
			mode = "read"
		}
		rows = append(rows, map[string]any{"name": h.t.Name, "description": h.t.Description, "toolset": h.t.Toolset, "readOnly": h.t.ReadOnly()})
		fmt.Fprintf(&b, "%s (%s): %s\n", h.t.Name, mode, h.t.Description)
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

// searchWords splits a query into lower-case words without plural s.
func searchWords(q string) []string {
	fields := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, f := range fields {
		if len(f) > 3 {
			fields[i] = strings.TrimSuffix(f, "s")
		}
	}
	return fields
}

// matchScore weighs a word found in the name 3, in the title 2, in the
// description or toolset 1.
func matchScore(st searchText, words []string) int {
	score := 0
	for _, w := range words {
		switch {
		case strings.Contains(st.name, w):
			score += 3
		case strings.Contains(st.title, w):
			score += 2
		case strings.Contains(st.rest, w):
			score++
		}
	}
	return score
}
