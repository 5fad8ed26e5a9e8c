package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

func TestOpenAuditLog(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		prepare func(path string) // before opening
		errHas  string            // "" when it opens
	}{
		{"a new file is created with mode 0600", func(string) {}, ""},
		{"an existing private file is appended to", func(p string) { os.WriteFile(p, []byte("earlier line\n"), 0o600) }, ""},
		{"a file others can read is refused", func(p string) { os.WriteFile(p, nil, 0o644); os.Chmod(p, 0o644) }, "chmod 600"},
		{"a file the group can write is refused", func(p string) { os.WriteFile(p, nil, 0o620); os.Chmod(p, 0o620) }, "chmod 600"},
		{"a directory is refused", func(p string) { os.Mkdir(p, 0o700) }, "is a directory"},
		{"a missing directory is an error", func(p string) {}, "no such file"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.Repeat("a", i+1)+".log")
			if tt.errHas == "no such file" {
				path = filepath.Join(dir, "missing", "audit.log")
			}
			tt.prepare(path)
			a, err := OpenAuditLog(path, nil)
			if tt.errHas != "" {
				if runtime.GOOS == "windows" && strings.Contains(tt.errHas, "chmod") {
					t.Skip("no Unix modes")
				}
				if err == nil || !strings.Contains(err.Error(), tt.errHas) {
					t.Fatalf("OpenAuditLog: %v, want an error saying %q", err, tt.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			a.write([]byte("new line\n"))
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
				t.Errorf("mode %v, want 0600", fi.Mode().Perm())
			}
			if b, _ := os.ReadFile(path); !strings.HasSuffix(string(b), "new line\n") || (strings.Contains(tt.name, "existing") && !strings.HasPrefix(string(b), "earlier line\n")) {
				t.Errorf("file holds %q", b)
			}
		})
	}
	var stderr bytes.Buffer
	a, err := OpenAuditLog("stderr", &stderr)
	if err != nil {
		t.Fatal(err)
	}
	a.write([]byte("to stderr\n"))
	if stderr.String() != "to stderr\n" || a.Close() != nil {
		t.Errorf("stderr got %q", stderr.String())
	}
}

func TestAuditArguments(t *testing.T) {
	leigaapi.RegisterSecret("server-secret-4242")
	long := strings.Repeat("é", 300)
	many := make([]int, 60)
	tests := []struct {
		name string
		args string
		want string
	}{
		{"kept as sent", `{"project":"MOBILE","points":3,"labels":["ios"]}`, `{"labels":["ios"],"points":3,"project":"MOBILE"}`},
		{"none", ``, `{}`},
		{"a secret-looking key", `{"url":"https://hooks.example","secret":"abc","accessToken":"xyz","nested":{"password":"p"}}`,
			`{"accessToken":"[REDACTED]","nested":{"password":"[REDACTED]"},"secret":"[REDACTED]","url":"https://hooks.example"}`},
		{"a server secret inside a text", `{"description":"the key is server-secret-4242, keep it"}`, `{"description":"the key is [REDACTED], keep it"}`},
		{"a long text is cut", `{"description":"` + long + `"}`, `{"description":"` + strings.Repeat("é", 256) + `… (300 characters)"}`},
		{"a long list is cut", `{"ids":` + mustJSON(many) + `}`, `{"ids":[` + strings.Repeat("0,", 50) + `"… 10 more"]}`},
		{"big numbers stay exact", `{"id":9007199254740993}`, `{"id":9007199254740993}`},
		{"not JSON", `{"oops`, `"{\"oops"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(auditArguments(context.Background(), json.RawMessage(tt.args))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestResultIDs(t *testing.T) {
	tests := []struct {
		name string
		sc   any
		want string
	}{
		{"raw structured content", json.RawMessage(`{"id":525,"tagName":"zz"}`), `{"id":525}`},
		{"an issue", map[string]any{"id": 10038, "number": "MOBILE-16", "url": "https://x"}, `{"id":10038,"number":"MOBILE-16"}`},
		{"a comment", json.RawMessage(`{"id":7007,"issue":"MOBILE-1"}`), `{"id":7007,"issue":"MOBILE-1"}`},
		{"ids in objects are not top-level", json.RawMessage(`{"success":true,"project":{"id":1}}`), `null`},
		{"none", nil, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustJSON(resultIDs(&mcp.CallToolResult{StructuredContent: tt.sc})); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestAuditRecord(t *testing.T) {
	var out bytes.Buffer
	a, _ := OpenAuditLog("stderr", &out)
	a.now = func() time.Time { return time.Date(2026, 11, 4, 10, 0, 0, 123e6, time.UTC) }
	create := &toolkit.Tool{Name: "tag_add", Effect: toolkit.Create}
	read := &toolkit.Tool{Name: "tag_list", Effect: toolkit.Read}
	ctx := resolve.WithUser(context.Background(), "bob@example.com")
	ok := &mcp.CallToolResult{StructuredContent: json.RawMessage(`{"id":525,"tagName":"zz"}`)}
	failed := mcp.NewToolResultError("Leiga POST /tag/add failed: code 404: project 3 not found")

	a.Record(ctx, read, nil, json.RawMessage(`{}`), ok, time.Millisecond)
	if out.Len() != 0 {
		t.Fatalf("a read was recorded: %s", out.String())
	}
	a.Record(ctx, create, nil, json.RawMessage(`{"projectId":101,"tagName":"zz"}`), ok, 1500*time.Microsecond)
	a.Record(ctx, create, nil, json.RawMessage(`{"projectId":3,"tagName":"zz"}`), failed, time.Millisecond)
	a.record(ctx, create, nil, json.RawMessage(`{"projectId":3,"tagName":"zz","dry_run":true}`), nil, errors.New("boom"), time.Millisecond)
	want := []string{
		`{"time":"2026-11-04T10:00:00.123Z","msg":"audit","tool":"tag_add","effect":"create","caller":{"credential":"server","user":"bob@example.com"},"arguments":{"projectId":101,"tagName":"zz"},"outcome":"ok","ids":{"id":525},"ms":1.5}`,
		`{"time":"2026-11-04T10:00:00.123Z","msg":"audit","tool":"tag_add","effect":"create","caller":{"credential":"server","user":"bob@example.com"},"arguments":{"projectId":3,"tagName":"zz"},"outcome":"error","error":"Leiga POST /tag/add failed: code 404: project 3 not found","ms":1}`,
		`{"time":"2026-11-04T10:00:00.123Z","msg":"audit","tool":"tag_add","effect":"create","dry_run":true,"caller":{"credential":"server","user":"bob@example.com"},"arguments":{"dry_run":true,"projectId":3,"tagName":"zz"},"outcome":"error","error":"boom","ms":1}`,
	}
	got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), out.String())
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\ngot  %s\nwant %s", i, got[i], want[i])
		}
	}
}
