package toolkit

import (
	"encoding/json"

	"github.com/leiga-mcp/leiga-mcp/tools/tokens"
	"github.com/mark3labs/mcp-go/mcp"
)

// Context budgets, in o200k_base tokens of the tools/list result.
const (
	BudgetDefaultTokens = 6_000
	BudgetDefaultTools  = 25
	BudgetCatalogTokens = 1_500
	BudgetAllTokens     = 25_000
	BudgetPerToolTokens = 600
)

// Footprint is what a tool selection costs a model's context.
type Footprint struct {
	Tools   int            // number of tools
	Tokens  int            // tokens of the whole tools/list result
	PerTool map[string]int // tokens of each tool's entry
	Largest string         // the most expensive tool
}

// MeasureFootprint counts the tokens of the tools/list result that serving
// list would produce.
func MeasureFootprint(list []*Tool) (Footprint, error) {
	fp := Footprint{Tools: len(list), PerTool: map[string]int{}}
	all := make([]mcp.Tool, 0, len(list))
	for _, t := range list {
		mt := t.MCP()
		all = append(all, mt)
		b, err := json.Marshal(mt)
		if err != nil {
			return fp, err
		}
		n, err := tokens.Count(string(b))
		if err != nil {
			return fp, err
		}
		fp.PerTool[t.Name] = n
		if fp.Largest == "" || n > fp.PerTool[fp.Largest] {
			fp.Largest = t.Name
		}
	}
	b, err := json.Marshal(mcp.ListToolsResult{Tools: all})
	if err != nil {
		return fp, err
	}
	fp.Tokens, err = tokens.Count(string(b))
	return fp, err
}
