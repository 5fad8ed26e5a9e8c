package toolkit

import (
	"context"
	"fmt"
	"sync"
)

// ToolsetCatalog is the toolset of the meta-tools that reach every other
// tool, for clients that cap how many tools they load.
const ToolsetCatalog = "catalog"

// Reach is the set of tools the catalog meta-tools can find and call: the
// server's selection widened to every toolset, with the same read-only and
// exclusions.
type Reach struct {
	tools  []*Tool
	byName map[string]*Tool
	hidden map[string]string // name -> why a registered tool is not reachable

	indexOnce sync.Once
	index     any
}

// NewReach returns the reach over list, leaving out the meta-tools. hidden
// says, for tools that exist but are not in list, why (read-only mode,
// excluded).
func NewReach(list []*Tool, hidden map[string]string) *Reach {
	r := &Reach{byName: map[string]*Tool{}, hidden: hidden}
	for _, t := range list {
		if t.Toolset == ToolsetCatalog {
			continue
		}
		r.tools = append(r.tools, t)
		r.byName[t.Name] = t
	}
	return r
}

// Tools returns the reachable tools in registration order.
func (r *Reach) Tools() []*Tool { return r.tools }

// Index returns what build makes of the reachable tools, built once (the
// catalog's search index).
func (r *Reach) Index(build func([]*Tool) any) any {
	r.indexOnce.Do(func() { r.index = build(r.tools) })
	return r.index
}

// Find returns a reachable tool that the context's narrowing allows. A
// tool that exists but is hidden says so and why.
func (r *Reach) Find(ctx context.Context, name string) (*Tool, error) {
	if r == nil {
		return nil, fmt.Errorf("the tool catalog is not available on this server")
	}
	t, ok := r.byName[name]
	if ok {
		if n, narrowed := NarrowingFrom(ctx); narrowed && !n.Allows(t.Name, t.ReadOnly()) {
			if n.ReadOnly && !t.ReadOnly() {
				return nil, fmt.Errorf("tool %q is hidden from this client: it writes, and this client asked for read-only tools (X-MCP-Readonly)", name)
			}
			return nil, fmt.Errorf("tool %q is hidden from this client: its X-MCP-Toolsets / X-MCP-Tools headers leave it out", name)
		}
		return t, nil
	}
	if why, hidden := r.hidden[name]; hidden {
		return nil, fmt.Errorf("tool %q is hidden on this server: %s", name, why)
	}
	names := make([]string, 0, len(r.tools))
	for _, t := range r.tools {
		names = append(names, t.Name)
	}
	return nil, fmt.Errorf("no tool %q exists%s; leiga_search_tools finds tools by task", name, closeNames(name, names))
}

// closeNames names the closest valid names to a wrong one, or "".
func closeNames(name string, valid []string) string {
	s := Suggest(name, valid)
	if s == suggestNone {
		return ""
	}
	return s
}
