package cli

// Deletes the user confirms, end to end: the server the CLI builds (with
// LEIGA_CONFIRM_DELETES), a sandbox Leiga, and mcp-go clients that do or do
// not declare elicitation and answer it as the test says, in both protocol
// eras (the stateless one asks through an input_required result, the
// older one through elicitation/create), in process and over the real
// stdio and streamable-HTTP transports of the binary.

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/client/transport"
	"github.com/mark3labs/mcp-go/mcp"
)

// answerer is a client's user: it answers every confirmation with action
// and remembers the questions.
type answerer struct {
	action mcp.ElicitationResponseAction
	mu     sync.Mutex
	asked  []string
}

// Elicit implements client.ElicitationHandler.
func (a *answerer) Elicit(_ context.Context, req mcp.ElicitationRequest) (*mcp.ElicitationResult, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked = append(a.asked, req.Params.Message)
	res := &mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: a.action}}
	if a.action == mcp.ElicitationResponseActionAccept {
		res.Content = map[string]any{}
	}
	return res, nil
}

// questions returns what the user was asked.
func (a *answerer) questions() []string {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.asked...)
}

// confirmRig is the CLI's server with LEIGA_CONFIRM_DELETES=mode on a
// sandbox, and an in-process client of protocol version protocol that
// answers confirmations with user (nil: a client without elicitation).
func confirmRig(t *testing.T, mode, protocol string, user *answerer) (*sandbox.Sandbox, *client.Client) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	up := httptest.NewServer(sb)
	t.Cleanup(up.Close)
	logs := &syncBuffer{}
	vars := map[string]string{
		"LEIGA_CLIENT_ID": sandbox.ClientID, "LEIGA_SECRET": sandbox.Secret, "LEIGA_TOKEN_CACHE": "off",
		"LEIGA_USER": "alice.chen@acme.example", "LEIGA_TOOLSETS": "all", "LEIGA_BASE_URL": up.URL + "/openapi/api",
		"LEIGA_CONFIRM_DELETES": mode,
	}
	env := Env{Stdin: strings.NewReader(""), Stdout: logs, Stderr: logs, Getenv: func(k string) string { return vars[k] }}
	c := &config{}
	if err := c.defaults(env); err != nil {
		t.Fatal(err)
	}
	if err := c.check(); err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.close)
	var opts []client.ClientOption
	if user != nil {
		opts = append(opts, client.WithElicitationHandler(user))
	}
	cl, err := client.NewInProcessClientWithOptions(rt.server(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cl.Close() })
	startClient(t, cl, protocol)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	return sb, cl
}

// startClient starts c and initializes it at protocol.
func startClient(t *testing.T, c *client.Client, protocol string) {
	t.Helper()
	// The stdio transport ties the server process to Start's context.
	if err := c.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	init := mcp.InitializeRequest{}
	init.Params.ProtocolVersion = protocol
	init.Params.ClientInfo = mcp.Implementation{Name: "leiga-mcp-confirm-tests", Version: "1"}
	if _, err := c.Initialize(ctx, init); err != nil {
		t.Fatalf("initialize: %v", err)
	}
	if mcp.IsModernProtocol(protocol) != mcp.IsModernProtocol(c.ProtocolVersion()) {
		t.Fatalf("asked for protocol %s, negotiated %s", protocol, c.ProtocolVersion())
	}
}

// callJSON calls a tool with JSON arguments; a protocol error fails the test.
func callJSON(t *testing.T, c *client.Client, name, args string) (*mcp.CallToolResult, string) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(args), &m); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	res, err := callTool(ctx, c, name, m)
	if err != nil {
		t.Fatalf("tools/call %s: %v", name, err)
	}
	return res.CallToolResult, res.text
}

const (
	removeWeb1   = `{"id":10015}`
	askWeb1      = `Delete WEB-1 "One-page checkout" and its 2 subtasks?`
	issueRemove  = "DELETE /issue/remove"
	legacyEra    = mcp.ProtocolVersion20251125
	statelessEra = mcp.LATEST_PROTOCOL_VERSION
)

func TestDeletesTheUserConfirms(t *testing.T) {
	accept, decline, cancel := mcp.ElicitationResponseActionAccept, mcp.ElicitationResponseActionDecline, mcp.ElicitationResponseActionCancel
	tests := []struct {
		name    string
		mode    string
		answer  mcp.ElicitationResponseAction // "": the client has no elicitation
		tool    string
		args    string
		asked   []string
		deleted int    // DELETE /issue/remove requests the sandbox received
		want    string // in the result's text
		isError bool
	}{
		{"declined: nothing deleted", "", decline, "issue_remove", removeWeb1, []string{askWeb1}, 0, "The user declined the confirmation: issue_remove was not run and nothing was changed.", false},
		{"cancelled: nothing deleted", "auto", cancel, "issue_remove", removeWeb1, []string{askWeb1}, 0, "The user cancelled the confirmation", false},
		{"accepted: deleted", "auto", accept, "issue_remove", removeWeb1, []string{askWeb1}, 1, "success", false},
		{"no elicitation under auto: deleted as before", "auto", "", "issue_remove", removeWeb1, nil, 1, "success", false},
		{"no elicitation under always: refused", "always", "", "issue_remove", removeWeb1, nil, 0, "issue_remove was not run: this server asks the user to confirm it (\"" + strings.ReplaceAll(askWeb1, `"`, `\"`) + "\"), and this client cannot ask", true},
		{"never: not asked", "never", decline, "issue_remove", removeWeb1, nil, 1, "success", false},
		{"through the catalog: asked", "auto", decline, "leiga_call_tool", `{"name":"issue_remove","arguments":` + removeWeb1 + `}`, []string{askWeb1}, 0, "nothing was changed", false},
		{"a generic question", "auto", decline, "issue_remove_subtask", `{"issueId":10015,"subTaskId":10025}`, []string{`Call issue_remove_subtask with {"issueId":10015,"subTaskId":10025}?`}, 0, "nothing was changed", false},
	}
	for _, era := range []string{legacyEra, statelessEra} {
		for _, tt := range tests {
			t.Run(era+"/"+tt.name, func(t *testing.T) {
				var user *answerer
				if tt.answer != "" {
					user = &answerer{action: tt.answer}
				}
				sb, c := confirmRig(t, tt.mode, era, user)
				res, text := callJSON(t, c, tt.tool, tt.args)
				if res.IsError != tt.isError || !strings.Contains(text, tt.want) {
					t.Errorf("result (isError %v): %s\nwant isError %v and %q", res.IsError, text, tt.isError, tt.want)
				}
				if got := user.questions(); strings.Join(got, "|") != strings.Join(tt.asked, "|") {
					t.Errorf("asked %q, want %q", got, tt.asked)
				}
				if n := sb.Stats().Requests[issueRemove]; n != tt.deleted {
					t.Errorf("%s sent %d times, want %d", issueRemove, n, tt.deleted)
				}
				_, after := callJSON(t, c, "issue_get_by_issue_number", `{"issueNumber":"WEB-1"}`)
				if gone := !strings.Contains(after, "One-page checkout"); gone != (tt.deleted > 0) {
					t.Errorf("WEB-1 gone = %v after the call; read back: %.200s", gone, after)
				}
			})
		}
	}
}

func TestBulkUpdateOverTenAsks(t *testing.T) {
	const big = `{"project":"WEB","set":{"priority":"Low","assignee":"me"},"dry_run":false}`
	const ask = "Change 11 issues (WEB-5, WEB-13, WEB-1, …): assignee → Alice Chen, priority → Low?"
	tests := []struct {
		name    string
		answer  mcp.ElicitationResponseAction
		args    string
		asked   []string
		updates int // PATCH /issue/batch-update and /issue/update requests: one per type, and WEB-9 (already Low) alone
		want    string
	}{
		{"declined", mcp.ElicitationResponseActionDecline, big, []string{ask}, 0, "nothing was changed"},
		{"accepted", mcp.ElicitationResponseActionAccept, big, []string{ask}, 4, "Changed 11 of 11 selected issues in 4 requests"},
		{"a preview is not asked", mcp.ElicitationResponseActionDecline, strings.Replace(big, `,"dry_run":false`, "", 1), nil, 0, "Dry run: nothing was changed. 11 of 11"},
		{"ten or fewer are not asked", mcp.ElicitationResponseActionDecline, `{"issues":["WEB-2","WEB-8"],"set":{"priority":"Low"},"dry_run":false}`, nil, 1, "Changed 2 of 2"},
	}
	for _, era := range []string{legacyEra, statelessEra} {
		for _, tt := range tests {
			t.Run(era+"/"+tt.name, func(t *testing.T) {
				user := &answerer{action: tt.answer}
				sb, c := confirmRig(t, "auto", era, user)
				res, text := callJSON(t, c, "bulk_update_issues", tt.args)
				if res.IsError || !strings.Contains(text, tt.want) {
					t.Errorf("result (isError %v): %s\nwant %q", res.IsError, text, tt.want)
				}
				if got := user.questions(); strings.Join(got, "|") != strings.Join(tt.asked, "|") {
					t.Errorf("asked %q, want %q", got, tt.asked)
				}
				st := sb.Stats().Requests
				if n := st["PATCH /issue/batch-update"] + st["PATCH /issue/update"]; n != tt.updates {
					t.Errorf("%d update requests, want %d", n, tt.updates)
				}
			})
		}
	}
}

// TestConfirmOverTheWire runs the question over the binary's own
// transports: elicitation/create on stdio (the older era, through the
// JSON-RPC gate) and streamable HTTP, an input_required result on
// streamable HTTP (the stateless era); legacy SSE sessions cannot carry a
// server's request, so their clients count as unable to ask.
func TestConfirmOverTheWire(t *testing.T) {
	t.Run("stdio", func(t *testing.T) {
		user := &answerer{action: mcp.ElicitationResponseActionAccept}
		tr := transport.NewStdioWithOptions(binary, cleanEnv("LEIGA_TZ=UTC"), []string{"--sandbox", "--toolsets", "all"})
		c := client.NewClient(tr, client.WithElicitationHandler(user))
		t.Cleanup(func() { c.Close() })
		startClient(t, c, legacyEra)
		if _, text := callJSON(t, c, "issue_remove", removeWeb1); !strings.Contains(text, "success") {
			t.Errorf("accepted delete: %s", text)
		}
		if _, text := callJSON(t, c, "issue_get_by_issue_number", `{"issueNumber":"WEB-1"}`); strings.Contains(text, "One-page checkout") {
			t.Errorf("WEB-1 still there: %.200s", text)
		}
		if got := user.questions(); len(got) != 1 || got[0] != askWeb1 {
			t.Errorf("asked %q", got)
		}
	})
	t.Run("streamable HTTP, older era", func(t *testing.T) {
		base := startHTTP(t, "http", "LEIGA_TOOLSETS=all")
		user := &answerer{action: mcp.ElicitationResponseActionAccept}
		tr, err := transport.NewStreamableHTTP(base + "/mcp")
		if err != nil {
			t.Fatal(err)
		}
		c := client.NewClient(tr, client.WithElicitationHandler(user))
		t.Cleanup(func() { c.Close() })
		startClient(t, c, legacyEra)
		if _, text := callJSON(t, c, "issue_remove", removeWeb1); !strings.Contains(text, "success") {
			t.Errorf("accepted delete: %s", text)
		}
		if got := user.questions(); len(got) != 1 || got[0] != askWeb1 {
			t.Errorf("asked %q", got)
		}
	})
	t.Run("streamable HTTP, stateless era", func(t *testing.T) {
		base := startHTTP(t, "http", "LEIGA_CONFIRM_DELETES=always", "LEIGA_TOOLSETS=all")
		user := &answerer{action: mcp.ElicitationResponseActionDecline}
		tr, err := transport.NewStreamableHTTP(base + "/mcp")
		if err != nil {
			t.Fatal(err)
		}
		c := client.NewClient(tr, client.WithElicitationHandler(user))
		t.Cleanup(func() { c.Close() })
		startClient(t, c, statelessEra)
		if _, text := callJSON(t, c, "issue_remove", removeWeb1); !strings.Contains(text, "The user declined") {
			t.Errorf("declined delete: %s", text)
		}
		if _, text := callJSON(t, c, "issue_get_by_issue_number", `{"issueNumber":"WEB-1"}`); !strings.Contains(text, "One-page checkout") {
			t.Errorf("WEB-1 gone after a decline: %.200s", text)
		}
		if got := user.questions(); len(got) != 1 || got[0] != askWeb1 {
			t.Errorf("asked %q", got)
		}
	})
	t.Run("legacy SSE cannot carry the question", func(t *testing.T) {
		base := startHTTP(t, "sse", "LEIGA_CONFIRM_DELETES=always", "LEIGA_TOOLSETS=all")
		user := &answerer{action: mcp.ElicitationResponseActionAccept}
		tr, err := transport.NewSSE(base + "/sse")
		if err != nil {
			t.Fatal(err)
		}
		c := client.NewClient(tr, client.WithElicitationHandler(user))
		t.Cleanup(func() { c.Close() })
		startClient(t, c, legacyEra)
		if res, text := callJSON(t, c, "issue_remove", removeWeb1); !res.IsError || !strings.Contains(text, "this client cannot ask") {
			t.Errorf("delete over SSE under always: %s", text)
		}
		if got := user.questions(); len(got) != 0 {
			t.Errorf("asked %q", got)
		}
	})
}
