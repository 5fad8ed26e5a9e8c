package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// auditLine is one line of the audit log, as a reader parses it.
type auditLine struct {
	Time   time.Time `json:"time"`
	Msg    string    `json:"msg"`
	Tool   string    `json:"tool"`
	Via    string    `json:"via"`
	Effect string    `json:"effect"`
	DryRun bool      `json:"dry_run"`
	Caller struct {
		Credential, User, Session, Client string
	} `json:"caller"`
	Arguments map[string]any `json:"arguments"`
	Outcome   string         `json:"outcome"`
	Error     string         `json:"error"`
	IDs       map[string]any `json:"ids"`
	MS        *float64       `json:"ms"`
}

// readAudit parses the audit log at path.
func readAudit(t *testing.T, path string) []auditLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []auditLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l auditLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	return lines
}

// auditedSandbox serves `--sandbox --transport http --toolsets all` with
// LEIGA_AUDIT_LOG=path, as runServe builds it.
func auditedSandbox(t *testing.T, path string) string {
	t.Helper()
	vars := map[string]string{"LEIGA_AUDIT_LOG": path}
	env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return vars[k] }}
	c, err := parseConfig("serve", []string{"--sandbox", "--transport", "http", "--toolsets", "all"}, env, true)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.openAudit(); err != nil {
		t.Fatal(err)
	}
	h, closeSessions := mcpserver.Handler(rt.server(), streamableConfig(rt))
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		closeSessions(context.Background())
		srv.Close()
		rt.close()
	})
	return srv.URL
}

func TestAuditLogOfWritesOverMCP(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.log")
	base := auditedSandbox(t, path)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The server's credentials over the 2025-06-18 protocol, with a
	// session; a member's own over the latest, which has none.
	server, err := client.NewStreamableHttpClient(base+"/mcp", transport.WithHTTPHeaders(map[string]string{"X-Leiga-User": "alice"}))
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = mcp.LATEST_LEGACY_PROTOCOL_VERSION
	init.Params.ClientInfo = mcp.Implementation{Name: "leiga-mcp-tests", Version: "1"}
	if _, err := server.Initialize(ctx, init); err != nil {
		t.Fatal(err)
	}
	member := httpClient(t, base, map[string]string{"X-Leiga-Client-Id": sandbox.ClientID, "X-Leiga-Secret": sandbox.Secret})

	mustCall := func(c *client.Client, name string, args map[string]any, isError bool) toolResult {
		t.Helper()
		res, err := callTool(ctx, c, name, args)
		if err != nil || res.IsError != isError {
			t.Fatalf("%s: %v isError %t: %s", name, err, res.IsError, res.text)
		}
		return res
	}
	mustCall(server, "add_comment", map[string]any{"issue": "MOBILE-1", "text": "audit " + sandbox.Secret + " " + strings.Repeat("x", 300)}, false)
	added := mustCall(server, "tag_add", map[string]any{"projectId": sandbox.DemoProjectOps, "tagName": "audited"}, false)
	var tag struct{ ID float64 }
	b, _ := json.Marshal(added.StructuredContent)
	json.Unmarshal(b, &tag)
	mustCall(server, "project_list", nil, false) // a read: no line
	mustCall(member, "update_issue", map[string]any{"issue": "MOBILE-3", "title": "Audited title"}, false)
	mustCall(server, "tag_remove", map[string]any{"id": tag.ID}, false)
	mustCall(server, "issue_update", map[string]any{"id": 99999999, "data": map[string]any{"summary": "nobody"}}, true)
	mustCall(server, "create_issue", map[string]any{"project": "WEB", "title": "A preview only", "dry_run": true}, false)
	mustCall(member, "leiga_call_tool", map[string]any{"name": "tag_add", "arguments": map[string]any{"projectId": sandbox.DemoProjectWeb, "tagName": "dispatched"}}, false)
	mustCall(member, "leiga_call_tool", map[string]any{"name": "tag_list", "arguments": map[string]any{"projectId": sandbox.DemoProjectWeb}}, false) // a read: no line

	lines := readAudit(t, path)
	type want struct {
		tool, via, effect, outcome string
		dryRun, member             bool
		ids                        []string
		errHas                     string
	}
	wants := []want{
		{tool: "add_comment", effect: "create", outcome: "ok", ids: []string{"id", "issue"}},
		{tool: "tag_add", effect: "create", outcome: "ok", ids: []string{"id"}},
		{tool: "update_issue", effect: "update", outcome: "ok", member: true, ids: []string{"id", "number"}},
		{tool: "tag_remove", effect: "delete", outcome: "ok"},
		{tool: "issue_update", effect: "update", outcome: "error", errHas: "not found"},
		{tool: "create_issue", effect: "create", outcome: "ok", dryRun: true},
		{tool: "tag_add", via: "leiga_call_tool", effect: "create", outcome: "ok", member: true, ids: []string{"id"}},
	}
	if len(lines) != len(wants) {
		t.Fatalf("%d audit lines, want %d: %+v", len(lines), len(wants), lines)
	}
	for i, w := range wants {
		l := lines[i]
		if l.Msg != "audit" || l.Tool != w.tool || l.Via != w.via || l.Effect != w.effect || l.Outcome != w.outcome || l.DryRun != w.dryRun {
			t.Errorf("line %d: %+v, want %+v", i, l, w)
		}
		if time.Since(l.Time) > time.Minute || l.MS == nil {
			t.Errorf("line %d: time %v, ms %v", i, l.Time, l.MS)
		}
		if w.member {
			if !strings.HasPrefix(l.Caller.Credential, "cid:") || l.Caller.User != "" || l.Caller.Session != "" || l.Caller.Client != "leiga-mcp-tests" {
				t.Errorf("line %d: caller %+v, want the member's credential identity and client name, no session", i, l.Caller)
			}
		} else if l.Caller.Credential != "server" || l.Caller.User != "alice" || !strings.HasPrefix(l.Caller.Session, "mcp-session-") || l.Caller.Client != "leiga-mcp-tests" {
			t.Errorf("line %d: caller %+v, want the server's credentials, X-Leiga-User alice, the session and the client's name", i, l.Caller)
		}
		for _, k := range w.ids {
			if l.IDs[k] == nil {
				t.Errorf("line %d: ids %v lack %s", i, l.IDs, k)
			}
		}
		if w.errHas != "" && !strings.Contains(l.Error, w.errHas) {
			t.Errorf("line %d: error %q, want it to say %q", i, l.Error, w.errHas)
		}
		if w.outcome == "error" && len(l.IDs) > 0 {
			t.Errorf("line %d: a failed write has ids %v", i, l.IDs)
		}
	}
	text, _ := lines[0].Arguments["text"].(string)
	if strings.Contains(text, sandbox.Secret) || !strings.HasPrefix(text, "audit [REDACTED] xxx") || !strings.HasSuffix(text, "(317 characters)") {
		t.Errorf("the comment's text in the audit line: %q; want the secret redacted and the text cut", text)
	}
	if lines[4].Arguments["id"] != float64(99999999) {
		t.Errorf("the failed write's arguments: %v", lines[4].Arguments)
	}
	if fi, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("audit log mode: %v %v, want 0600", fi.Mode(), err)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), sandbox.Secret) {
		t.Error("the audit log holds the sandbox secret")
	}
}

func TestAuditLogFromTheCallCommand(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "audit.log")
	unsafe := filepath.Join(dir, "shared.log")
	if err := os.WriteFile(unsafe, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chmod(unsafe, 0o644)
	tests := []struct {
		name     string
		log      string
		args     []string
		code     int
		stderrIn string
		lines    int
	}{
		{"a write is recorded", path, []string{"call", "--sandbox", "tag_add", `{"projectId":103,"tagName":"from the cli"}`}, 0, "", 1},
		{"a failed write is recorded", path, []string{"call", "--sandbox", "tag_remove", `{"id":424242}`}, 1, "not found", 2},
		{"a read is not", path, []string{"call", "--sandbox", "project_list"}, 0, "", 2},
		{"a log others can read is refused", unsafe, []string{"call", "--sandbox", "tag_add", `{"projectId":103,"tagName":"x"}`}, 2, "chmod 600", -1},
		{"the server refuses it too", unsafe, []string{"--sandbox", "--transport", "http", "--addr", "127.0.0.1:0"}, 2, "chmod 600", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if runtime.GOOS == "windows" && tt.code == 2 {
				t.Skip("no Unix modes")
			}
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = cleanEnv("LEIGA_AUDIT_LOG=" + tt.log)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderrIn) {
				t.Fatalf("exit %d, stderr %s; want %d saying %q", code, stderr.String(), tt.code, tt.stderrIn)
			}
			if tt.lines >= 0 {
				lines := readAudit(t, tt.log)
				if len(lines) != tt.lines {
					t.Fatalf("%d lines, want %d", len(lines), tt.lines)
				}
				if l := lines[len(lines)-1]; l.Caller.Credential != "server" || l.Caller.Session != "" {
					t.Errorf("caller %+v", l.Caller)
				}
			}
		})
	}
}
