package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var discardLog = slog.New(slog.DiscardHandler)

// testMCPServer serves two tools behind the call limit of max (default
// when 0): "echo", which answers "ran", and "big", which answers 16 KiB.
func testMCPServer(max int) *server.MCPServer {
	s := server.NewMCPServer("test", "1", server.WithToolCapabilities(false))
	slots := newCallSlots(max)
	echo := func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText("ran"), nil
	}
	big := func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		return mcp.NewToolResultText(strings.Repeat("x", 16<<10)), nil
	}
	s.AddTool(mcp.NewTool("echo", mcp.WithReadOnlyHintAnnotation(true)), slots.limit(discardLog, nil, echo))
	s.AddTool(mcp.NewTool("big", mcp.WithReadOnlyHintAnnotation(true)), slots.limit(discardLog, nil, big))
	return s
}

const (
	pingMsg = `{"jsonrpc":"2.0","id":2,"method":"ping"}`
	callMsg = `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{}}}`
)

// edgeCases are the JSON-RPC messages mcp-go misreads on its own, with the
// reply each must get after initialize: the id as raw bytes and the error
// code (0 for a result).
var edgeCases = []struct {
	name   string
	msg    string
	wantID string
	code   int
}{
	{"id beyond 2^53 comes back unchanged", `{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"echo","arguments":{}}}`, "9007199254740993", 0},
	{"id beyond int64 comes back unchanged", `{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}`, "123456789012345678901234567890", 0},
	{"negative big id", `{"jsonrpc":"2.0","id":-9007199254740995,"method":"ping"}`, "-9007199254740995", 0},
	{"object id", `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, "null", codeInvalidRequest},
	{"array id", `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, "null", codeInvalidRequest},
	{"boolean id", `{"jsonrpc":"2.0","id":false,"method":"ping"}`, "null", codeInvalidRequest},
	{"float id", `{"jsonrpc":"2.0","id":2.5,"method":"ping"}`, "null", codeInvalidRequest},
	{"null id", `{"jsonrpc":"2.0","id":null,"method":"tools/call","params":{"name":"echo"}}`, "null", codeInvalidRequest},
	{"no method", `{"jsonrpc":"2.0","id":4}`, "4", codeInvalidRequest},
	{"no method, big id", `{"jsonrpc":"2.0","id":9007199254740993}`, "9007199254740993", codeInvalidRequest},
	{"batch", `[{"jsonrpc":"2.0","id":5,"method":"ping"}]`, "null", codeInvalidRequest},
}

// replyParts returns a JSON-RPC reply's id as raw bytes and its error code
// (0 for a result).
func replyParts(t *testing.T, reply []byte) (id string, code int) {
	t.Helper()
	var r struct {
		ID     json.RawMessage `json:"id"`
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(reply, &r); err != nil {
		t.Fatalf("reply %q: %v", reply, err)
	}
	if r.Error != nil {
		code = r.Error.Code
	} else if r.Result == nil {
		t.Fatalf("reply %s has neither result nor error", reply)
	}
	return string(r.ID), code
}

// post sends one JSON-RPC message to url with the session id (if any) and
// returns the response with its body read.
func post(t *testing.T, c *http.Client, url, session, msg string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, strings.NewReader(msg))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json, text/event-stream")
	if session != "" {
		req.Header.Set(server.HeaderKeySessionID, session)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, bytes.TrimSpace(body)
}

// initSession opens a streamable-HTTP session at url and returns its id.
func initSession(t *testing.T, c *http.Client, url string) string {
	t.Helper()
	resp, body := post(t, c, url, "", initBody)
	if resp.StatusCode != 200 {
		t.Fatalf("initialize: %d %s", resp.StatusCode, body)
	}
	sid := resp.Header.Get(server.HeaderKeySessionID)
	if sid == "" {
		t.Fatal("initialize returned no session id")
	}
	return sid
}

// waitFor polls cond every 20 ms until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(d); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// ioCopy copies a response body into w and closes it.
func ioCopy(w io.Writer, resp *http.Response) (int64, error) {
	defer resp.Body.Close()
	return io.Copy(w, resp.Body)
}
