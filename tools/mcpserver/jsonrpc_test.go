package mcpserver

import (
	"strings"
	"testing"
)

func TestParseMessage(t *testing.T) {
	tests := []struct {
		name     string
		msg      string
		code     int    // 0: accepted
		replyID  string // the id of the error reply
		errPart  string
		method   string
		request  bool
		response bool
	}{
		{"request with integer id", `{"jsonrpc":"2.0","id":7,"method":"ping"}`, 0, "", "", "ping", true, false},
		{"request with string id", `{"jsonrpc":"2.0","id":"a\"b","method":"ping"}`, 0, "", "", "ping", true, false},
		{"notification", `{"jsonrpc":"2.0","method":"notifications/initialized"}`, 0, "", "", "notifications/initialized", false, false},
		{"client reply", `{"jsonrpc":"2.0","id":3,"result":{}}`, 0, "", "", "", false, true},
		{"client error reply", `{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"x"}}`, 0, "", "", "", false, true},
		{"big id", `{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}`, 0, "", "", "ping", true, false},
		{"escaped member name", `{"jsonrpc":"2.0","\u0069d":1,"method":"ping"}`, 0, "", "", "ping", true, false},
		{"other members ignored", `{"jsonrpc":"2.0","id":1,"method":"ping","x":[1,{"id":{}}]}`, 0, "", "", "ping", true, false},

		{"not JSON", `{"jsonrpc":`, codeParseError, "null", "not valid JSON", "", false, false},
		{"batch", `[{"jsonrpc":"2.0","id":1,"method":"ping"}]`, codeInvalidRequest, "null", "batches", "", false, false},
		{"not an object", `"ping"`, codeInvalidRequest, "null", "JSON object", "", false, false},
		{"object id", `{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}`, codeInvalidRequest, "null", "not an object", "", false, false},
		{"array id", `{"jsonrpc":"2.0","id":[1],"method":"ping"}`, codeInvalidRequest, "null", "not an array", "", false, false},
		{"boolean id", `{"jsonrpc":"2.0","id":true,"method":"ping"}`, codeInvalidRequest, "null", "not a boolean", "", false, false},
		{"float id", `{"jsonrpc":"2.0","id":1.5,"method":"ping"}`, codeInvalidRequest, "null", "not the number 1.5", "", false, false},
		{"exponent id", `{"jsonrpc":"2.0","id":1e3,"method":"ping"}`, codeInvalidRequest, "null", "not the number 1e3", "", false, false},
		{"null id", `{"jsonrpc":"2.0","id":null,"method":"ping"}`, codeInvalidRequest, "null", "not null", "", false, false},
		{"no method", `{"jsonrpc":"2.0","id":5}`, codeInvalidRequest, "5", `"method" member is missing`, "", false, false},
		{"no method, big id", `{"jsonrpc":"2.0","id":12345678901234567890}`, codeInvalidRequest, "12345678901234567890", `"method" member is missing`, "", false, false},
		{"method not a string", `{"jsonrpc":"2.0","id":5,"method":1}`, codeInvalidRequest, "5", `"method" must be a string`, "", false, false},
		{"wrong version", `{"jsonrpc":"1.0","id":5,"method":"ping"}`, codeInvalidRequest, "5", `"2.0"`, "", false, false},
		{"no version", `{"id":5,"method":"ping"}`, codeInvalidRequest, "5", `"2.0"`, "", false, false},
		{"mis-cased member", `{"jsonrpc":"2.0","ID":5,"method":"ping"}`, codeInvalidRequest, "null", "case-sensitive", "", false, false},
		{"duplicate member", `{"jsonrpc":"2.0","id":5,"id":6,"method":"ping"}`, codeInvalidRequest, "null", "twice", "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, rej := parseMessage([]byte(tt.msg))
			if tt.code == 0 {
				if rej != nil {
					t.Fatalf("refused: %v", rej)
				}
				if m.method != tt.method || m.request != tt.request || m.response != tt.response {
					t.Errorf("got method %q request %t response %t", m.method, m.request, m.response)
				}
				return
			}
			if rej == nil {
				t.Fatal("accepted, want an error")
			}
			if rej.Code != tt.code || !strings.Contains(rej.Message, tt.errPart) {
				t.Errorf("error %d %q, want %d with %q", rej.Code, rej.Message, tt.code, tt.errPart)
			}
			want := `{"jsonrpc":"2.0","id":` + tt.replyID + `,"error":{"code":`
			if got := string(rej.reply()); !strings.HasPrefix(got, want) {
				t.Errorf("reply %s, want it to start %s", got, want)
			}
		})
	}
}

func TestGateKeepsBigIDsExact(t *testing.T) {
	tests := []struct {
		id      string
		swapped bool
	}{
		{"1", false},
		{"-9007199254740991", false},
		{"9007199254740991", false},
		{"9007199254740992", true},
		{"9007199254740993", true},
		{"-9007199254740993", true},
		{"123456789012345678901234567890", true},
		{"-0", true},
		{`"9007199254740993"`, false},
	}
	g := newRPCGate(false)
	for _, tt := range tests {
		a, rej := g.admit([]byte(`{"jsonrpc":"2.0","id":` + tt.id + `,"method":"ping"}`))
		if rej != nil {
			t.Fatalf("id %s refused: %v", tt.id, rej)
		}
		if (a.token != "") != tt.swapped {
			t.Errorf("id %s: token %q, want swapped=%t", tt.id, a.token, tt.swapped)
		}
		if !tt.swapped {
			continue
		}
		if strings.Contains(string(a.out), tt.id) {
			t.Errorf("id %s still in what mcp-go gets: %s", tt.id, a.out)
		}
		// mcp-go echoes the token as a string; the client gets its bytes back.
		reply := []byte(`{"jsonrpc":"2.0","id":"` + a.token + `","result":{}}` + "\n")
		want := `{"jsonrpc":"2.0","id":` + tt.id + `,"result":{}}` + "\n"
		if got := string(g.restore(reply)); got != want {
			t.Errorf("restored %s, want %s", got, want)
		}
		if got := string(g.restore(reply)); got != string(reply) {
			t.Errorf("a token is restored once only, got %s", got)
		}
	}
	if n := g.pending.Load(); n != 0 {
		t.Errorf("%d tokens left after every reply", n)
	}
}

func TestGateCancelsBigIDs(t *testing.T) {
	g := newRPCGate(false)
	a, _ := g.admit([]byte(`{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"x"}}`))
	c, rej := g.admit([]byte(`{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9007199254740993,"reason":"r"}}`))
	if rej != nil {
		t.Fatal(rej)
	}
	if !strings.Contains(string(c.out), `"requestId":"`+a.token+`"`) {
		t.Errorf("cancellation does not name the token: %s", c.out)
	}
}

func TestGateBeforeInitialize(t *testing.T) {
	tests := []struct {
		msg string
		ok  bool
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"x"}}`, false},
		{`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`, false},
		{`{"jsonrpc":"2.0","id":1,"method":"ping"}`, true},
		{`{"jsonrpc":"2.0","method":"notifications/initialized"}`, true},
		{`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}`, true},
	}
	for _, tt := range tests {
		g := newRPCGate(true)
		_, rej := g.admit([]byte(tt.msg))
		if (rej == nil) != tt.ok {
			t.Errorf("%s before initialize: refused=%v, want ok=%t", tt.msg, rej, tt.ok)
		}
		if rej != nil && (rej.Code != codeInvalidRequest || !strings.Contains(rej.Message, "initialize")) {
			t.Errorf("refusal %d %q does not say to initialize", rej.Code, rej.Message)
		}
		if _, rej := g.admit([]byte(`{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}`)); rej != nil {
			t.Fatal(rej)
		}
		if _, rej := g.admit([]byte(tt.msg)); rej != nil {
			t.Errorf("%s after initialize refused: %v", tt.msg, rej)
		}
	}
}

func TestMissingResourceGetsItsCode(t *testing.T) {
	in := `{"jsonrpc":"2.0","id":3,"error":{"code":-32603,"message":"resource not found: leiga://issue/X-1"}}`
	want := `{"jsonrpc":"2.0","id":3,"error":{"code":-32002,"message":"resource not found: leiga://issue/X-1"}}`
	if got := string(newRPCGate(false).restore([]byte(in))); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	other := `{"jsonrpc":"2.0","id":4,"error":{"code":-32603,"message":"Leiga is down"}}`
	if got := string(newRPCGate(false).restore([]byte(other))); got != other {
		t.Errorf("another internal error changed: %s", got)
	}
}
