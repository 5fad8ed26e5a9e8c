package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// httpSandbox serves the app built for `--sandbox` (plus flags) over the
// hardened HTTP handler with its per-request context, as `--transport http`
// does.
func httpSandbox(t *testing.T, flags ...string) string {
	t.Helper()
	env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	c, err := parseConfig("serve", append([]string{"--sandbox", "--transport", "http"}, flags...), env, true)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
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

// streamableConfig is the HTTP configuration `--transport http` serves rt
// with.
func streamableConfig(rt *app) mcpserver.HTTPConfig {
	hc := rt.httpConfig()
	hc.Streamable = true
	return hc
}

// httpClient connects to base/mcp sending headers with every request.
func httpClient(t *testing.T, base string, headers map[string]string) *client.Client {
	t.Helper()
	cl, err := client.NewStreamableHttpClient(base+"/mcp", transport.WithHTTPHeaders(headers))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	initialize(t, context.Background(), cl)
	return cl
}

func TestPerRequestCredentials(t *testing.T) {
	base := httpSandbox(t)
	ctx := context.Background()
	tests := []struct {
		name    string
		headers map[string]string
		isError bool
		want    string
	}{
		{"server credentials", nil, false, "MOBILE"},
		{"own valid token", map[string]string{"X-Leiga-Access-Token": sandbox.StaticToken}, false, "MOBILE"},
		{"own rejected token", map[string]string{"X-Leiga-Access-Token": "not-a-valid-token"}, true, "rejected"},
		{"own client id and secret", map[string]string{"X-Leiga-Client-Id": sandbox.ClientID, "X-Leiga-Secret": sandbox.Secret}, false, "MOBILE"},
		{"own wrong secret", map[string]string{"X-Leiga-Client-Id": sandbox.ClientID, "X-Leiga-Secret": "wrong-secret"}, true, "invalid clientId or secretKey"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := callText(t, ctx, httpClient(t, base, tt.headers), "project_list", nil, tt.isError)
			if !strings.Contains(got, tt.want) {
				t.Errorf("result %q lacks %q", got, tt.want)
			}
			for _, secret := range []string{"not-a-valid-token", "wrong-secret"} {
				if strings.Contains(got, secret) {
					t.Errorf("result leaks %q: %s", secret, got)
				}
			}
		})
	}
}

func TestHeadersNarrowPerClient(t *testing.T) {
	base := httpSandbox(t, "--toolsets", "all")
	ctx := context.Background()
	tests := []struct {
		headers   map[string]string
		has, hasn []string
	}{
		{nil, []string{"issue_add", "sprint_get", "create_issue"}, nil},
		{map[string]string{"X-MCP-Toolsets": "sprint"}, []string{"sprint_get"}, []string{"issue_add", "create_issue"}},
		{map[string]string{"X-MCP-Readonly": "true"}, []string{"issue_get", "search_issues"}, []string{"issue_add", "create_issue"}},
		{map[string]string{"X-MCP-Tools": "issue_get"}, []string{"issue_get"}, []string{"sprint_get"}},
	}
	for _, tt := range tests {
		list, err := httpClient(t, base, tt.headers).ListTools(ctx, mcp.ListToolsRequest{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, tool := range list.Tools {
			names = append(names, tool.Name)
		}
		for _, n := range tt.has {
			if !slices.Contains(names, n) {
				t.Errorf("headers %v: %s missing", tt.headers, n)
			}
		}
		for _, n := range tt.hasn {
			if slices.Contains(names, n) {
				t.Errorf("headers %v: %s should be hidden", tt.headers, n)
			}
		}
	}
	// A narrowed-away write cannot be called either.
	cl := httpClient(t, base, map[string]string{"X-MCP-Readonly": "true"})
	args := map[string]any{"projectId": 101, "issueTypeId": 2, "data": map[string]any{"summary": "x"}}
	if _, err := callTool(ctx, cl, "issue_add", args); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("calling a narrowed-away write: err = %v", err)
	}
}

// TestHeaderTokenChangesNoOtherClient: a client whose header token is an
// ordinary word ("archived", a column of project_list) gets it hidden in its
// own results only; every other client's results are untouched.
func TestHeaderTokenChangesNoOtherClient(t *testing.T) {
	base := httpSandbox(t)
	ctx := context.Background()
	own := callText(t, ctx, httpClient(t, base, map[string]string{"X-Leiga-Access-Token": "archived"}), "project_list", nil, true)
	if strings.Contains(own, "archived") {
		t.Errorf("the client's own result shows its token: %s", own)
	}
	for name, headers := range map[string]map[string]string{
		"server credentials": nil,
		"another token":      {"X-Leiga-Access-Token": sandbox.StaticToken},
	} {
		got := callText(t, ctx, httpClient(t, base, headers), "project_list", nil, false)
		if !strings.HasPrefix(got, "| id | pkey | pname | archived |") {
			t.Errorf("%s: project_list = %q, want its header untouched", name, got)
		}
	}
}

// TestTwoUsersSeeTheirOwnIssues: two members on one HTTP server, each with
// their own credentials, each get their own my_issues; a member whose
// credentials reveal nobody is told to send X-Leiga-User.
func TestTwoUsersSeeTheirOwnIssues(t *testing.T) {
	base := httpSandbox(t)
	ctx := context.Background()
	for user, want := range map[int64]string{sandbox.DemoUserBob: "Bob Martinez", sandbox.DemoUserCarol: "Carol Nguyen"} {
		cl := httpClient(t, base, map[string]string{"X-Leiga-Access-Token": sandbox.StaticTokenFor(user)})
		who := callText(t, ctx, cl, "whoami", nil, false)
		mine := callText(t, ctx, cl, "my_issues", map[string]any{"include_done": true}, false)
		if !strings.Contains(who, want) || !strings.Contains(who, "personal messages") {
			t.Errorf("user %d: whoami = %s", user, who)
		}
		for _, other := range []string{"Alice Chen", "Bob Martinez", "Carol Nguyen", "David Okafor"} {
			if other != want && strings.Contains(mine, "| "+other+" |") {
				t.Errorf("user %d: my_issues shows %s's issues:\n%s", user, other, mine)
			}
		}
		if !strings.Contains(mine, want) {
			t.Errorf("user %d: my_issues lacks their issues:\n%s", user, mine)
		}
	}
	frank := map[string]string{"X-Leiga-Access-Token": sandbox.StaticTokenFor(sandbox.DemoUserWithoutMessages)}
	if msg := callText(t, ctx, httpClient(t, base, frank), "my_issues", nil, true); !strings.Contains(msg, "X-Leiga-User") {
		t.Errorf("unknown me: %s", msg)
	}
	frank["X-Leiga-User"] = "frank"
	if who := callText(t, ctx, httpClient(t, base, frank), "whoami", nil, false); !strings.Contains(who, "Frank Li") || !strings.Contains(who, "X-Leiga-User header") {
		t.Errorf("with X-Leiga-User: %s", who)
	}
}

// A narrowing the server cannot honour is refused, never ignored.
func TestHeadersNarrowingFailsClosed(t *testing.T) {
	base := httpSandbox(t)
	tests := []struct {
		headers map[string]string
		says    string
	}{
		{map[string]string{"X-MCP-Readonly": "yes"}, `invalid X-MCP-Readonly "yes": use true, false, 1 or 0`},
		{map[string]string{"X-MCP-Toolsets": "bogus"}, `unknown toolset "bogus" in X-MCP-Toolsets; valid toolsets: all, default, `},
		{map[string]string{"X-MCP-Tools": "issue_gett"}, `unknown tool "issue_gett" in X-MCP-Tools; valid tools: `},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("POST", base+"/mcp", strings.NewReader(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json, text/event-stream")
		for k, v := range tt.headers {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 400 || !strings.Contains(string(body), tt.says) {
			t.Errorf("headers %v: %d %s, want 400 saying %q", tt.headers, resp.StatusCode, body, tt.says)
		}
	}
}
