package mcpserver

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mark3labs/mcp-go/server"
)

func testHandler(t *testing.T, cfg HTTPConfig) http.Handler {
	t.Helper()
	s := server.NewMCPServer("test", "1")
	h, closeAll := Handler(s, cfg)
	t.Cleanup(func() { closeAll(context.Background()) })
	return h
}

const initBody = `{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`

func TestHardening(t *testing.T) {
	big := strings.Repeat("x", 5<<20)
	auth := HTTPConfig{Streamable: true, AuthToken: "s3cret-token"}
	narrow := HTTPConfig{Streamable: true, Narrowing: &testNames}
	tests := []struct {
		name    string
		cfg     HTTPConfig
		headers map[string]string
		body    string
		chunked bool
		want    int
		says    string
	}{
		{"plain initialize", HTTPConfig{Streamable: true}, nil, initBody, false, 200, ""},
		{"foreign origin", HTTPConfig{Streamable: true}, map[string]string{"Origin": "https://evil.example"}, initBody, false, 403, ""},
		{"loopback origin", HTTPConfig{Streamable: true}, map[string]string{"Origin": "http://localhost:6274"}, initBody, false, 200, ""},
		{"allowed origin", HTTPConfig{Streamable: true, AllowedOrigins: []string{"https://app.example"}}, map[string]string{"Origin": "https://app.example"}, initBody, false, 200, ""},
		{"5 MiB body", HTTPConfig{Streamable: true}, nil, big, false, 413, ""},
		{"5 MiB chunked body", HTTPConfig{Streamable: true}, nil, big, true, 413, ""},
		{"missing bearer", HTTPConfig{Streamable: true, AuthToken: "s3cret-token"}, nil, initBody, false, 401, ""},
		{"wrong bearer", HTTPConfig{Streamable: true, AuthToken: "s3cret-token"}, map[string]string{"Authorization": "Bearer nope"}, initBody, false, 401, ""},
		{"right bearer", HTTPConfig{Streamable: true, AuthToken: "s3cret-token"}, map[string]string{"Authorization": "Bearer s3cret-token"}, initBody, false, 200, ""},
		{"lower-case scheme", auth, map[string]string{"Authorization": "bearer s3cret-token"}, initBody, false, 200, ""},
		{"upper-case scheme", auth, map[string]string{"Authorization": "BEARER s3cret-token"}, initBody, false, 200, ""},
		{"extra spaces", auth, map[string]string{"Authorization": "Bearer   s3cret-token "}, initBody, false, 200, ""},
		{"other scheme", auth, map[string]string{"Authorization": "Basic s3cret-token"}, initBody, false, 401, ""},
		{"token without scheme", auth, map[string]string{"Authorization": "s3cret-token"}, initBody, false, 401, ""},
		{"token in a different case", auth, map[string]string{"Authorization": "Bearer S3CRET-TOKEN"}, initBody, false, 401, ""},
		{"read-only true", narrow, map[string]string{HeaderReadOnly: "TRUE"}, initBody, false, 200, ""},
		{"read-only 0", narrow, map[string]string{HeaderReadOnly: "0"}, initBody, false, 200, ""},
		{"read-only yes", narrow, map[string]string{HeaderReadOnly: "yes"}, initBody, false, 400, "use true, false, 1 or 0"},
		{"read-only on", narrow, map[string]string{HeaderReadOnly: "on"}, initBody, false, 400, "use true, false, 1 or 0"},
		{"unknown toolset", narrow, map[string]string{HeaderToolsets: "sprint,bogus"}, initBody, false, 400, `unknown toolset "bogus" in X-MCP-Toolsets; valid toolsets: all, default, issue, sprint`},
		{"unknown tool", narrow, map[string]string{HeaderTools: "nope"}, initBody, false, 400, `unknown tool "nope" in X-MCP-Tools; valid tools: issue_get, issue_add, sprint_get, sprint_add`},
		{"known toolset and tool", narrow, map[string]string{HeaderToolsets: "sprint", HeaderTools: "issue_add"}, initBody, false, 200, ""},
		{"narrowing on a server without names", HTTPConfig{Streamable: true}, map[string]string{HeaderReadOnly: "true"}, initBody, false, 400, "does not support X-MCP-Readonly"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(testHandler(t, tt.cfg))
			defer srv.Close()
			var body = strings.NewReader(tt.body)
			req, _ := http.NewRequest("POST", srv.URL+"/mcp", body)
			if tt.chunked {
				req, _ = http.NewRequest("POST", srv.URL+"/mcp", struct{ *strings.Reader }{strings.NewReader(tt.body)})
				req.ContentLength = -1
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Accept", "application/json, text/event-stream")
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want || !strings.Contains(string(got), tt.says) {
				t.Errorf("status = %d %s, want %d saying %q", resp.StatusCode, got, tt.want, tt.says)
			}
		})
	}
}

func TestForeignHostOnLoopback(t *testing.T) {
	srv := httptest.NewServer(testHandler(t, HTTPConfig{Streamable: true}))
	defer srv.Close()
	req, _ := http.NewRequest("POST", srv.URL+"/mcp", strings.NewReader(initBody))
	req.Host = "attacker.example:8080"
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("status = %d, want 403 for a rebinding Host", resp.StatusCode)
	}
}

func TestSSEOnlyModeHasNoMCPEndpoint(t *testing.T) {
	srv := httptest.NewServer(testHandler(t, HTTPConfig{}))
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/mcp", "application/json", strings.NewReader(initBody))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("/mcp in sse mode: status %d, want 404", resp.StatusCode)
	}
}

func TestCheckBind(t *testing.T) {
	tests := []struct {
		addr, token string
		ok          bool
	}{
		{"127.0.0.1:8080", "", true},
		{"localhost:0", "", true},
		{"[::1]:9000", "", true},
		{"0.0.0.0:8080", "", false},
		{"0.0.0.0:8080", "tok", true},
		{":8080", "", false},
		{"nonsense", "", false},
	}
	for _, tt := range tests {
		err := CheckBind(tt.addr, tt.token)
		if (err == nil) != tt.ok {
			t.Errorf("CheckBind(%q, %q) = %v", tt.addr, tt.token, err)
		}
		if err != nil && tt.addr != "nonsense" && !strings.Contains(err.Error(), "LEIGA_MCP_AUTH_TOKEN") {
			t.Errorf("error %q does not name LEIGA_MCP_AUTH_TOKEN", err)
		}
	}
}
