package tools

import (
	"github.com/leiga-mcp/leiga-mcp/prompts"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// PromptTools is what the prompts may name for a server: the tools it
// lists, and those its catalog's leiga_call_tool reaches (reach may be
// nil: no catalog).
func PromptTools(listed []*toolkit.Tool, reach *toolkit.Reach) prompts.Tools {
	pt := prompts.Tools{Listed: map[string]bool{}, Reachable: map[string]bool{}}
	for _, t := range listed {
		pt.Listed[t.Name] = true
	}
	if reach != nil {
		for _, t := range reach.Tools() {
			pt.Reachable[t.Name] = true
		}
	}
	return pt
}
