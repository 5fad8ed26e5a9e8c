package tools

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// ToolsetCatalog is the toolset of the three meta-tools that reach every
// other tool, for clients that cap how many tools they load.
const ToolsetCatalog = "catalog"

// catalogTools search, describe and call the tools of Deps.Reach.
func catalogTools() []Tool {
	return []Tool{
		{
			Name: "leiga_search_tools", Title: "Search Leiga tools",
			Description: "Find Leiga tools for a task; returns names and one-line descriptions. Then leiga_describe_tool and leiga_call_tool.",
			Input:       schemas.LeigaSearchTools{}, Effect: Read, Handler: searchTools,
		},
		{
			Name: "leiga_describe_tool", Title: "Describe a Leiga tool",
			Description: "A Leiga tool's input schema and annotations.",
			Input:       schemas.LeigaDescribeTool{}, Effect: Read, Handler: describeTool,
		},
		{
			Name: "leiga_call_tool", Title: "Call a Leiga tool",
			Description: "Call any Leiga tool by name with arguments matching its schema (see leiga_describe_tool).",
			Input:       schemas.LeigaCallTool{}, Effect: Dispatch, Handler: callTool,
		},
	}
}

// Reach is the set of tools the catalog meta-tools can find and call: the
// server's selection widened to every toolset, with the same read-only and
// exclusions.
type Reach struct {
	tools  []*Tool
	byName map[string]*Tool
	text   map[string]searchText // lower-cased text each search matches
}

// searchText is what leiga_search_tools matches a tool on, prepared once.
type searchText struct{ name, title, rest string }

// NewReach returns the reach over list, leaving out the meta-tools.
func NewReach(list []*Tool) *Reach {
	r := &Reach{byName: map[string]*Tool{}, text: map[string]searchText{}}
	for _, t := range list {
		if t.Toolset == ToolsetCatalog {
			continue
		}
		r.tools = append(r.tools, t)
		r.byName[t.Name] = t
		r.text[t.Name] = searchText{
			name:  strings.ReplaceAll(t.Name, "_", " "),
			title: strings.ToLower(t.Title),
			rest:  strings.ToLower(t.Description + " " + t.Toolset),
		}
	}
	return r
}

// find returns a reachable tool the context's narrowing allows.
func (r *Reach) find(ctx context.Context, name string) (*Tool, error) {
	if r == nil {
		return nil, fmt.Errorf("the tool catalog is not available on this server")
	}
	t, ok := r.byName[name]
	if n, narrowed := NarrowingFrom(ctx); ok && narrowed && !n.Allows(t.Name, t.ReadOnly()) {
		ok = false
	}
	if !ok {
		names := make([]string, 0, len(r.tools))
		for _, t := range r.tools {
			names = append(names, t.Name)
		}
		return nil, fmt.Errorf("no tool %q on this server%s", name, suggest(name, names))
	}
	return t, nil
}

// searchTools ranks reachable tools by how well their name, title and
// description match the query words.
func searchTools(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	q := in.(*schemas.LeigaSearchTools)
	limit := cmp.Or(q.Limit, 10)
	words := searchWords(q.Query)
	type hit struct {
		t     *Tool
		score int
	}
	var hits []hit
	n, narrowed := NarrowingFrom(ctx)
	for _, t := range d.Reach.tools {
		if q.Toolset != "" && t.Toolset != q.Toolset {
			continue
		}
		if narrowed && !n.Allows(t.Name, t.ReadOnly()) {
			continue
		}
		if s := matchScore(d.Reach.text[t.Name], words); s > 0 {
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
func describeTool(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	t, err := d.Reach.find(ctx, in.(*schemas.LeigaDescribeTool).Name)
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
	return mcp.NewToolResultStructured(info, compactJSON(info)), nil
}

// callTool runs a reachable tool exactly as a direct tools/call would.
func callTool(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	c := in.(*schemas.LeigaCallTool)
	t, err := d.Reach.find(ctx, c.Name)
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
