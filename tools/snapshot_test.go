package tools

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshotDir holds one golden file per tool: the whole tool as tools/list
// announces it (name, title, description, annotations, input schema), as
// github-mcp-server's toolsnaps do. Regenerate with
// UPDATE_SNAPSHOTS=1 go test ./tools -run 'TestToolSnapshots/<tool-prefix>'
// and review the diff; TestStaleSnapshots removes files of deleted tools.
const snapshotDir = "testdata/toolsnaps"

func updatingSnapshots() bool { return os.Getenv("UPDATE_SNAPSHOTS") == "1" }

func TestToolSnapshots(t *testing.T) {
	for _, tool := range testRegistry().Tools() {
		t.Run(tool.Name, func(t *testing.T) {
			file := filepath.Join(snapshotDir, tool.Name+".json")
			b, err := json.Marshal(tool.MCP())
			if err != nil {
				t.Fatal(err)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, b, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			if updatingSnapshots() {
				if err := os.WriteFile(file, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			golden, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("no snapshot %s (run with UPDATE_SNAPSHOTS=1 and review the diff)", file)
			}
			if !bytes.Equal(golden, pretty.Bytes()) {
				t.Errorf("tool differs from %s (run with UPDATE_SNAPSHOTS=1 and review the diff)", file)
			}
		})
	}
}

func TestStaleSnapshots(t *testing.T) {
	entries, err := os.ReadDir(snapshotDir)
	if err != nil {
		t.Fatal(err)
	}
	reg := testRegistry()
	for _, e := range entries {
		if _, ok := reg.Tool(strings.TrimSuffix(e.Name(), ".json")); ok {
			continue
		}
		if updatingSnapshots() {
			os.Remove(filepath.Join(snapshotDir, e.Name()))
			continue
		}
		t.Errorf("snapshot %s has no tool: delete it", e.Name())
	}
}
