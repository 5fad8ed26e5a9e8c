package cli

import (
	"os"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools"
)

const (
	readmeStart = "<!-- tools:start -->\n"
	readmeEnd   = "<!-- tools:end -->"
)

func TestReadmeToolList(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start, end := strings.Index(readme, readmeStart), strings.Index(readme, readmeEnd)
	if start < 0 || end < start {
		t.Fatal("README.md has no tools:start / tools:end markers")
	}
	want := toolsMarkdown(tools.MustRegistry())
	got := readme[start+len(readmeStart) : end]
	if got == want {
		return
	}
	if os.Getenv("UPDATE_README") == "1" {
		readme = readme[:start+len(readmeStart)] + want + readme[end:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md tool list is stale: run UPDATE_README=1 go test ./tools/cli -run TestReadmeToolList")
}
