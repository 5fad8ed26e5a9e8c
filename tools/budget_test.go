package tools

import (
	"slices"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

func TestContextBudget(t *testing.T) {
	reg := testRegistry()
	tests := []struct {
		toolsets  []string
		maxTokens int
		maxTools  int
	}{
		{nil, toolkit.BudgetDefaultTokens, toolkit.BudgetDefaultTools},
		{[]string{toolkit.ToolsetCatalog}, toolkit.BudgetCatalogTokens, 3},
		{[]string{toolkit.ToolsetAll}, toolkit.BudgetAllTokens, 0},
	}
	for _, tt := range tests {
		list, err := reg.Select(toolkit.Selection{Toolsets: tt.toolsets})
		if err != nil {
			t.Fatal(err)
		}
		fp, err := toolkit.MeasureFootprint(list)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("toolsets %v: %d tools, %d tokens, largest %s (%d)", tt.toolsets, fp.Tools, fp.Tokens, fp.Largest, fp.PerTool[fp.Largest])
		if fp.Tokens > tt.maxTokens {
			t.Errorf("toolsets %v: tools/list is %d tokens, budget %d", tt.toolsets, fp.Tokens, tt.maxTokens)
		}
		if tt.maxTools > 0 && fp.Tools > tt.maxTools {
			t.Errorf("toolsets %v: %d tools, budget %d", tt.toolsets, fp.Tools, tt.maxTools)
		}
		for name, n := range fp.PerTool {
			if n > toolkit.BudgetPerToolTokens {
				t.Errorf("tool %s is %d tokens, budget %d", name, n, toolkit.BudgetPerToolTokens)
			}
		}
	}
}

func TestMedianToolFootprint(t *testing.T) {
	list, _ := testRegistry().Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}})
	fp, err := toolkit.MeasureFootprint(list)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, n := range fp.PerTool {
		sizes = append(sizes, n)
	}
	slices.Sort(sizes)
	median := sizes[len(sizes)/2]
	t.Logf("median tool: %d tokens over %d tools", median, len(sizes))
	if median > 200 {
		t.Errorf("median tool is %d tokens; aim is under 200", median)
	}
}
