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

// Markers around the README's generated environment section.
const (
	envStart = "<!-- env:start -->"
	envEnd   = "<!-- env:end -->"
)

// TestReadmeEnvironment keeps the README's environment section equal to
// the settings table.
func TestReadmeEnvironment(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start, end := strings.Index(readme, envStart), strings.Index(readme, envEnd)
	if start < 0 || end < start {
		t.Fatal("README.md has no env:start / env:end markers")
	}
	want := settingsMarkdown()
	if got := readme[start+len(envStart) : end]; got == want {
		return
	}
	if os.Getenv("UPDATE_README") == "1" {
		readme = readme[:start+len(envStart)] + want + readme[end:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Error("README.md environment section is stale: run UPDATE_README=1 go test ./tools/cli -run TestReadmeEnvironment")
}

// TestEverySettingIsRead fails when a row of the settings table is read
// nowhere: the table lists what the code reads, nothing else.
func TestEverySettingIsRead(t *testing.T) {
	var src strings.Builder
	for _, dir := range []string{".", "../../leigaapi/auth"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") && e.Name() != "settings.go" {
				b, _ := os.ReadFile(dir + "/" + e.Name())
				src.Write(b)
			}
		}
	}
	for _, s := range settings {
		if !strings.Contains(src.String(), `"`+s.name+`"`) {
			t.Errorf("%s is in the settings table but no code reads it", s.name)
		}
	}
}
