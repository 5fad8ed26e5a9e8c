package endpoints

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// catalogEntry is the part of testdata/endpoints.json these tests read.
type catalogEntry struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Name   string `json:"name"`
}

func loadCatalog(t *testing.T) []catalogEntry {
	t.Helper()
	b, err := os.ReadFile("../../testdata/endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var entries []catalogEntry
	if err := json.Unmarshal(b, &entries); err != nil {
		t.Fatal(err)
	}
	return entries
}

// TestEveryCatalogEntryIsDeclaredOnce checks All against the catalog: the
// same methods and paths, in catalog order, each once.
func TestEveryCatalogEntryIsDeclaredOnce(t *testing.T) {
	entries := loadCatalog(t)
	all := All()
	if len(all) != len(entries) {
		t.Fatalf("%d endpoints declared, the catalog has %d", len(all), len(entries))
	}
	for i, e := range entries {
		if all[i].Method() != e.Method || all[i].Path() != e.Path {
			t.Errorf("endpoint %d is %s, the catalog has %s %s", i, all[i], e.Method, e.Path)
		}
	}
}

// readVerbs are last path segments of endpoints that only read, even when
// sent as POST (Leiga lists and searches take their filters in a body).
var readVerbs = regexp.MustCompile(`(^|-)(get|list|page|detail|options|fields|field|info|scheme|template|types|type|events|overview|sticker|count|all|state|download)($|-)`)

// TestReadsMatchTheirPaths checks each declaration's read flag against the
// verb of its path, so that a write is never declared a read (and retried)
// nor a read a write.
func TestReadsMatchTheirPaths(t *testing.T) {
	for _, e := range All() {
		last := e.Path()[strings.LastIndex(e.Path(), "/")+1:]
		reads := e.Method() == "GET" || (readVerbs.MatchString(last) && !strings.Contains(last, "update") && !strings.Contains(last, "change") && !strings.Contains(last, "remove"))
		if strings.HasPrefix(e.Path(), "/authorize/") {
			reads = false
		}
		if e.Reads() != reads {
			t.Errorf("%s is declared reads=%t; its path says %t", e, e.Reads(), reads)
		}
	}
}

// TestNoPathLiteralOutsideTheDeclarations fails when a string literal in
// the module's code (tests aside) spells an API path: every endpoint is
// named once, in catalog.go, and everything else refers to that value.
func TestNoPathLiteralOutsideTheDeclarations(t *testing.T) {
	paths := map[string]bool{}
	for _, e := range loadCatalog(t) {
		paths[e.Path] = true
	}
	root := "../.."
	var found []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || filepath.ToSlash(p) == "../../leigaapi/endpoints/catalog.go" {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			s, _, _ = strings.Cut(s, "?")
			if paths[strings.TrimRight(s, "/")] {
				found = append(found, filepath.ToSlash(strings.TrimPrefix(p, root+"/"))+": "+lit.Value)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("API path literal outside leigaapi/endpoints/catalog.go: %s", f)
	}
	t.Logf("%d path literals outside the declarations", len(found))
}
