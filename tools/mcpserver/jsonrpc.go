package mcpserver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/jsonscan"
)

// JSON-RPC error codes the gate answers with.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
)

// rpcError is a JSON-RPC error reply sent in place of mcp-go's answer.
type rpcError struct {
	ID      json.RawMessage // the request's id as sent, or nil for null
	Code    int
	Message string
}

// Error returns the message.
func (e *rpcError) Error() string { return e.Message }

// reply renders the error as one JSON-RPC message, without a newline.
func (e *rpcError) reply() []byte {
	id := e.ID
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	msg, _ := json.Marshal(e.Message)
	return fmt.Appendf(nil, `{"jsonrpc":"2.0","id":%s,"error":{"code":%d,"message":%s}}`, id, e.Code, msg)
}

// member is one top-level member of a JSON object: its name and the byte
// span of its value.
type member struct {
	name       string
	start, end int
}

// message is what the gate read from one client message.
type message struct {
	raw        []byte
	method     string
	id         json.RawMessage // as sent; nil for a notification or a reply
	idSpan     member          // where id's value sits in raw
	params     json.RawMessage // nil when absent
	paramsSpan member
	request    bool // has a method and an id
	response   bool // a client's reply to a server request
}

// rpcMembers are the names JSON-RPC 2.0 defines; mcp-go matches them
// case-insensitively, the specification does not.
var rpcMembers = []string{"jsonrpc", "id", "method", "params", "result", "error"}

// parseMessage checks that raw is one well-formed JSON-RPC 2.0 request,
// notification or reply whose id is a string or an integer, and reads its
// method, id and params. The error is the reply to send instead.
func parseMessage(raw []byte) (message, *rpcError) {
	m := message{raw: raw}
	if !json.Valid(raw) {
		return m, &rpcError{Code: codeParseError, Message: "Parse error: the message is not valid JSON"}
	}
	i := jsonscan.Space(raw, 0)
	switch raw[i] {
	case '{':
	case '[':
		return m, &rpcError{Code: codeInvalidRequest, Message: "Invalid Request: batches are not supported; send one JSON-RPC message at a time"}
	default:
		return m, &rpcError{Code: codeInvalidRequest, Message: "Invalid Request: a JSON-RPC message is a JSON object"}
	}
	fields := map[string]member{}
	for _, f := range objectMembers(raw, i) {
		for _, name := range rpcMembers {
			if f.name == name {
				if _, dup := fields[name]; dup {
					return m, &rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("Invalid Request: member %q appears twice", name)}
				}
				fields[name] = f
			} else if strings.EqualFold(f.name, name) {
				return m, &rpcError{Code: codeInvalidRequest, Message: fmt.Sprintf("Invalid Request: member %q: JSON-RPC member names are case-sensitive, use %q", f.name, name)}
			}
		}
	}
	value := func(name string) json.RawMessage {
		if f, ok := fields[name]; ok {
			return raw[f.start:f.end]
		}
		return nil
	}
	if id := value("id"); id != nil {
		if err := checkID(id); err != "" {
			return m, &rpcError{Code: codeInvalidRequest, Message: "Invalid Request: " + err}
		}
		m.id, m.idSpan = id, fields["id"]
	}
	var version string
	if json.Unmarshal(value("jsonrpc"), &version) != nil || version != "2.0" {
		return m, &rpcError{ID: m.id, Code: codeInvalidRequest, Message: `Invalid Request: "jsonrpc" must be "2.0"`}
	}
	method := value("method")
	if method == nil {
		if value("result") != nil || value("error") != nil {
			m.response = true
			return m, nil
		}
		return m, &rpcError{ID: m.id, Code: codeInvalidRequest, Message: `Invalid Request: the "method" member is missing`}
	}
	if json.Unmarshal(method, &m.method) != nil {
		return m, &rpcError{ID: m.id, Code: codeInvalidRequest, Message: `Invalid Request: "method" must be a string`}
	}
	m.params, m.paramsSpan = value("params"), fields["params"]
	m.request = m.id != nil
	return m, nil
}

// checkID says what is wrong with a request id, or "" when it is a string
// or an integer (MCP forbids null; JSON-RPC advises against fractions).
func checkID(id json.RawMessage) string {
	switch c := id[0]; {
	case c == '"':
		return ""
	case c == '-' || c >= '0' && c <= '9':
		if bytes.ContainsAny(id, ".eE") {
			return fmt.Sprintf(`"id" must be a string or an integer, not the number %s`, id)
		}
		return ""
	case c == 'n':
		return `"id" must be a string or an integer, not null`
	case c == 't' || c == 'f':
		return `"id" must be a string or an integer, not a boolean`
	case c == '{':
		return `"id" must be a string or an integer, not an object`
	default:
		return `"id" must be a string or an integer, not an array`
	}
}

// exactInJSON reports whether an integer id survives mcp-go's decoding,
// which goes through float64: at most 2^53-1 in magnitude and written the
// way Go writes it back (no "-0").
func exactInJSON(id json.RawMessage) bool {
	if id[0] == '"' {
		return true
	}
	n, err := strconv.ParseInt(string(id), 10, 64)
	const maxExact = 1<<53 - 1
	return err == nil && n <= maxExact && n >= -maxExact && strconv.FormatInt(n, 10) == string(id)
}

// objectMembers returns the members of the JSON object starting at
// raw[i]. It expects valid JSON and stops early on anything else.
func objectMembers(raw []byte, i int) []member {
	var out []member
	for _, m := range jsonscan.Members(raw, i) {
		out = append(out, member{name: m.Key, start: m.Start, end: m.End})
	}
	return out
}
