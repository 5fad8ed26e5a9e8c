package mcpserver

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// TestLargeArgumentsTravelAside: a tools/call whose argument is over the
// threshold reaches mcp-go with a token in its place; small ones and other
// methods are untouched.
func TestLargeArgumentsTravelAside(t *testing.T) {
	big := strings.Repeat("QUJD", toolkit.BlobThreshold/4+1)
	msg := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"file_upload","arguments":{"fileName":"a.bin","contentBase64":"` + big + `"}}}`
	m, rej := parseMessage([]byte(msg))
	if rej != nil {
		t.Fatal(rej)
	}
	out := liftBlobs(m, []byte(msg))
	if len(out) > 1024 || bytes.Contains(out, []byte(big[:64])) || !json.Valid(out) {
		t.Fatalf("lifted message is %d bytes: %.200s", len(out), out)
	}
	var req struct {
		Params struct {
			Arguments map[string]string `json:"arguments"`
		} `json:"params"`
	}
	json.Unmarshal(out, &req)
	if req.Params.Arguments["fileName"] != "a.bin" || !strings.HasPrefix(req.Params.Arguments["contentBase64"], "leiga-mcp-blob-") {
		t.Errorf("arguments %v", req.Params.Arguments)
	}
	small := `{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"x","arguments":{"a":"b"}}}`
	if m, _ := parseMessage([]byte(small)); string(liftBlobs(m, []byte(small))) != small {
		t.Error("a small call changed")
	}
}
