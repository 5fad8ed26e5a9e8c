package tools

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// catalogEntry is the part of testdata/endpoints.json these tests read.
type catalogEntry struct {
	Module     string `json:"module"`
	Name       string `json:"name"`
	Method     string `json:"method"`
	Path       string `json:"path"`
	Confidence string `json:"confidence"`
	Query      []struct {
		Name     string `json:"name"`
		Required bool   `json:"required"`
	} `json:"query"`
	Body []struct {
		Name     string `json:"name"`
		Required bool   `json:"required"`
	} `json:"body"`
}

// loadCatalog reads the repository's copy of the Leiga API catalog.
func loadCatalog(t *testing.T) []catalogEntry {
	t.Helper()
	b, err := os.ReadFile("../testdata/endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat []catalogEntry
	if err := json.Unmarshal(b, &cat); err != nil {
		t.Fatal(err)
	}
	return cat
}

// servedByTools reports whether a catalog entry must have a tool: all but
// the guessed entry and the authorize calls, which the token manager owns.
func servedByTools(e catalogEntry) bool {
	return e.Confidence != "guess" && e.Module != "authorize"
}

// toolNameFor derives a tool name from an endpoint path, module first:
// /issue/labour-record/add → issue_labour_record_add.
func toolNameFor(path string) string {
	return strings.NewReplacer("/", "_", "-", "_").Replace(strings.TrimPrefix(path, "/"))
}

func TestCatalogCopyMatchesShared(t *testing.T) {
	shared, err := os.ReadFile("../../shared/leiga-api/endpoints.json")
	if err != nil {
		t.Skip("shared/ not beside the repository")
	}
	mine, _ := os.ReadFile("../testdata/endpoints.json")
	if string(shared) != string(mine) {
		t.Error("testdata/endpoints.json differs from ../shared/leiga-api/endpoints.json: copy it again")
	}
}

func TestEveryCatalogEndpointHasItsTool(t *testing.T) {
	reg := testRegistry()
	want := map[string]bool{}
	for _, e := range loadCatalog(t) {
		if !servedByTools(e) {
			continue
		}
		ep := e.Method + " " + e.Path
		want[ep] = true
		tool, ok := reg.Tool(toolNameFor(e.Path))
		if !ok {
			t.Errorf("%s (%s): no tool %s", ep, e.Name, toolNameFor(e.Path))
			continue
		}
		if tool.Endpoint == nil || tool.Endpoint.String() != ep {
			t.Errorf("tool %s: endpoint %v, catalog says %s", tool.Name, tool.Endpoint, ep)
		}
		if tool.Toolset != e.Module {
			t.Errorf("tool %s: toolset %s, catalog module %s", tool.Name, tool.Toolset, e.Module)
		}
	}
	for _, tool := range reg.Tools() {
		if tool.Endpoint != nil && !want[tool.Endpoint.String()] {
			t.Errorf("tool %s calls %s, which is not in the catalog", tool.Name, tool.Endpoint)
		}
	}
}

func TestSchemasKeepCatalogParameters(t *testing.T) {
	reg := testRegistry()
	for _, e := range loadCatalog(t) {
		tool, ok := reg.Tool(toolNameFor(e.Path))
		if !servedByTools(e) || !ok {
			continue
		}
		var s struct {
			Properties map[string]json.RawMessage `json:"properties"`
			Required   []string                   `json:"required"`
		}
		if err := json.Unmarshal(tool.Schema(), &s); err != nil {
			t.Fatal(err)
		}
		params := append(e.Query, e.Body...)
		for _, p := range params {
			if _, ok := s.Properties[p.Name]; !ok && p.Name != "file" {
				t.Errorf("tool %s: catalog parameter %q missing from the schema", tool.Name, p.Name)
			}
		}
	}
}
