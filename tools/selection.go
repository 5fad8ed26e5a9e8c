package tools

import (
	"fmt"
	"slices"
	"strings"
)

// Special toolset names beside the module toolsets.
const (
	ToolsetAll     = "all"     // every tool
	ToolsetDefault = "default" // the curated everyday set
)

// The curated "default" set served when no toolset is chosen: the
// assistant tools that work by names, the catalog meta-tools that reach
// everything else, and the everyday reads. Small enough for clients that
// cap their tool count.
var (
	defaultToolsets = []string{"workflow", ToolsetCatalog}
	defaultTools    = []string{
		"project_list", "issue_get_by_issue_number", "issue_type_list", "sprint_list_with_count",
		"version_all_version", "epic_page", "comment_page", "tag_list",
	}
)

// Selection chooses which tools a server exposes.
type Selection struct {
	Toolsets []string // toolset names, "all" or "default"; empty means "default" unless Tools is set
	Tools    []string // individual tools added to the toolsets
	Exclude  []string // tools removed from the result
	ReadOnly bool     // hide every tool that writes
}

// String renders the selection for logs.
func (s Selection) String() string {
	return fmt.Sprintf("toolsets=%s tools=%s exclude=%s read-only=%t",
		strings.Join(s.Toolsets, ","), strings.Join(s.Tools, ","), strings.Join(s.Exclude, ","), s.ReadOnly)
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
	if len(toolsets) == 0 && len(s.Tools) == 0 {
		toolsets = []string{ToolsetDefault}
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
			return nil, fmt.Errorf("unknown tool %q%s", n, suggest(n, r.names()))
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
		names := slices.Clone(defaultTools)
		for _, ts := range defaultToolsets {
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
			return ts.Tools, nil
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

// suggest names the closest valid names to a wrong one.
func suggest(name string, valid []string) string {
	var close []string
	for _, v := range valid {
		if strings.Contains(v, name) || strings.Contains(name, v) || editDistance(name, v) <= 3 {
			close = append(close, v)
		}
	}
	if len(close) == 0 {
		return "; run `leiga-mcp tools --toolsets all` for the list"
	}
	if len(close) > 5 {
		close = close[:5]
	}
	return "; did you mean " + strings.Join(close, ", ") + "?"
}

// ToolsetsOf returns every toolset that includes the tool, "default" included.
func (r *Registry) ToolsetsOf(name string) []string {
	t, ok := r.byName[name]
	if !ok {
		return nil
	}
	out := []string{t.Toolset}
	if slices.Contains(defaultTools, name) || slices.Contains(defaultToolsets, t.Toolset) {
		out = append(out, ToolsetDefault)
	}
	return out
}
