package mcpserver

import (
	"context"
	"fmt"
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
	HeaderReadOnly = "X-MCP-Readonly" // true/1 hides every write; false/0 does not
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

// NarrowingNames are the names the X-MCP-* headers may use.
type NarrowingNames struct {
	Toolsets  []string // every valid toolset name, "all" and "default" included
	Tools     []string // every valid tool name
	ToolsetOf ToolsetLookup
}

// NarrowingFromHeaders reads the X-MCP-* headers of a request: ok is false
// when there are none. A name or value it does not know is an error naming
// the valid ones, never silently ignored: a client that asked for less must
// not get more.
func NarrowingFromHeaders(h http.Header, names NarrowingNames) (n toolkit.Narrowing, ok bool, err error) {
	sets := splitList(strings.Join(h.Values(HeaderToolsets), ","))
	toolNames := splitList(strings.Join(h.Values(HeaderTools), ","))
	ro, roSet, err := parseReadOnly(h.Values(HeaderReadOnly))
	if err != nil {
		return n, false, err
	}
	for _, s := range sets {
		if !slices.Contains(names.Toolsets, s) {
			return n, false, fmt.Errorf("unknown toolset %q in %s; valid toolsets: %s", s, HeaderToolsets, strings.Join(names.Toolsets, ", "))
		}
	}
	for _, t := range toolNames {
		if !slices.Contains(names.Tools, t) {
			return n, false, fmt.Errorf("unknown tool %q in %s; valid tools: %s", t, HeaderTools, strings.Join(names.Tools, ", "))
		}
	}
	if len(sets) == 0 && len(toolNames) == 0 && !roSet {
		return n, false, nil
	}
	n = toolkit.Narrowing{ReadOnly: ro}
	if len(sets) > 0 || len(toolNames) > 0 {
		toolsetOf := names.ToolsetOf
		n.Allowed = func(tool string) bool {
			return slices.Contains(toolNames, tool) || slices.Contains(sets, toolkit.ToolsetAll) ||
				toolsetOf != nil && slices.ContainsFunc(toolsetOf(tool), func(ts string) bool { return slices.Contains(sets, ts) })
		}
	}
	return n, true, nil
}

// parseReadOnly reads X-MCP-Readonly: true, false, 1 or 0 in any case.
// Anything else, or two different values, is an error.
func parseReadOnly(values []string) (ro, set bool, err error) {
	for _, v := range values {
		var b bool
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "1":
			b = true
		case "false", "0":
		default:
			return false, false, fmt.Errorf("invalid %s %q: use true, false, 1 or 0", HeaderReadOnly, v)
		}
		if set && b != ro {
			return false, false, fmt.Errorf("%s sent twice with different values", HeaderReadOnly)
		}
		ro, set = b, true
	}
	return ro, set, nil
}

// narrowRequest puts the request's narrowing into its context, or answers
// 400 when the headers name something unknown. Without names the headers
// are refused: a server that cannot honour narrowing must not ignore it.
func narrowRequest(w http.ResponseWriter, r *http.Request, names *NarrowingNames) (*http.Request, bool) {
	if names == nil {
		for _, h := range []string{HeaderToolsets, HeaderTools, HeaderReadOnly} {
			if r.Header.Get(h) != "" {
				http.Error(w, fmt.Sprintf("bad request: this server does not support %s", h), http.StatusBadRequest)
				return r, false
			}
		}
		return r, true
	}
	n, ok, err := NarrowingFromHeaders(r.Header, *names)
	if err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return r, false
	}
	if ok {
		r = r.WithContext(toolkit.WithNarrowing(r.Context(), n))
	}
	return r, true
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
