package toolkit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
)

// Special toolset names beside the module toolsets.
const (
	ToolsetAll     = "all"     // every tool
	ToolsetDefault = "default" // the curated everyday set
)

// Selection chooses which tools a server exposes.
type Selection struct {
	Toolsets []string // toolset names, "all" or "default"; empty means "default"
	Tools    []string // individual tools added to the toolsets
	Exclude  []string // tools removed from the result
	ReadOnly bool     // hide every tool that writes
}

// ToolsetNames returns every name --toolsets accepts.
func (r *Registry) ToolsetNames() []string {
	names := []string{ToolsetAll, ToolsetDefault}
	for _, ts := range r.toolsets {
		names = append(names, ts.Name)
	}
	return names
}

// Select returns the tools of a selection in registration order. Unknown
// toolset or tool names are an error that lists the valid ones.
func (r *Registry) Select(s Selection) ([]*Tool, error) {
	want := map[string]bool{}
	toolsets := s.Toolsets
	if len(toolsets) == 0 {
		toolsets = []string{ToolsetDefault} // Tools add to the default set, as in github-mcp-server
	}
	for _, name := range toolsets {
		names, err := r.toolsetTools(name)
		if err != nil {
			return nil, err
		}
		for _, n := range names {
			want[n] = true
		}
	}
	for _, n := range append(slices.Clone(s.Tools), s.Exclude...) {
		if _, ok := r.byName[n]; !ok {
			return nil, fmt.Errorf("unknown tool %q%s", n, Suggest(n, r.names()))
		}
	}
	for _, n := range s.Tools {
		want[n] = true
	}
	for _, n := range s.Exclude {
		delete(want, n)
	}
	var out []*Tool
	for _, t := range r.tools {
		switch {
		case !want[t.Name]:
		case s.ReadOnly && t.Effect == Dispatch:
			// Under --read-only the dispatcher reaches only reads, so it is one.
			ro := *t
			ro.Effect = Read
			out = append(out, &ro)
		case !s.ReadOnly || t.ReadOnly():
			out = append(out, t)
		}
	}
	return out, nil
}

// toolsetTools returns the tool names of one toolset.
func (r *Registry) toolsetTools(name string) ([]string, error) {
	switch name {
	case ToolsetAll:
		return r.names(), nil
	case ToolsetDefault:
		names := slices.Clone(r.defaults.Tools)
		for _, ts := range r.defaults.Toolsets {
			more, err := r.toolsetTools(ts)
			if err != nil {
				return nil, err
			}
			names = append(names, more...)
		}
		return names, nil
	}
	for _, ts := range r.toolsets {
		if ts.Name == name {
			return slices.Concat(ts.Tools, ts.Also), nil
		}
	}
	return nil, fmt.Errorf("unknown toolset %q; valid toolsets: %s", name, strings.Join(r.ToolsetNames(), ", "))
}

func (r *Registry) names() []string {
	out := make([]string, len(r.tools))
	for i, t := range r.tools {
		out[i] = t.Name
	}
	return out
}

// suggestNone is Suggest's answer when no valid name is close.
const suggestNone = "; run `leiga-mcp tools --toolsets all` for the list"

// Suggest names the closest valid names to a wrong one, for messages.
func Suggest(name string, valid []string) string {
	var close []string
	for _, v := range valid {
		if strings.Contains(v, name) || strings.Contains(name, v) || resolve.EditDistance(name, v) <= 3 {
			close = append(close, v)
		}
	}
	if len(close) == 0 {
		return suggestNone
	}
	if len(close) > 5 {
		close = close[:5]
	}
	return "; did you mean " + strings.Join(close, ", ") + "?"
}

// ToolsetsOf returns every toolset that includes the tool: its home
// toolset, those that also include it, and "default" when it is there.
func (r *Registry) ToolsetsOf(name string) []string {
	t, ok := r.byName[name]
	if !ok {
		return nil
	}
	out := append([]string{t.Toolset}, t.also...)
	if slices.Contains(r.defaults.Tools, name) || slices.ContainsFunc(r.defaults.Toolsets, t.InToolset) {
		out = append(out, ToolsetDefault)
	}
	return out
}
