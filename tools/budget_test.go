package tools

import (
	"slices"
	"testing"
)

func TestContextBudget(t *testing.T) {
	reg := testRegistry()
	tests := []struct {
		toolsets  []string
		maxTokens int
		maxTools  int
	}{
		{nil, BudgetDefaultTokens, BudgetDefaultTools},
		{[]string{ToolsetCatalog}, BudgetCatalogTokens, 3},
		{[]string{ToolsetAll}, BudgetAllTokens, 0},
	}
	for _, tt := range tests {
		list, err := reg.Select(Selection{Toolsets: tt.toolsets})
		if err != nil {
			t.Fatal(err)
		}
		fp, err := MeasureFootprint(list)
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
			if n > BudgetPerToolTokens {
				t.Errorf("tool %s is %d tokens, budget %d", name, n, BudgetPerToolTokens)
			}
		}
	}
}

func TestMedianToolFootprint(t *testing.T) {
	list, _ := testRegistry().Select(Selection{Toolsets: []string{ToolsetAll}})
	fp, err := MeasureFootprint(list)
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
