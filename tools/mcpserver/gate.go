package mcpserver

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/mark3labs/mcp-go/mcp"
)

// maxBigIDs bounds the requests with an id beyond 2^53 one client may have
// in flight; past it such requests are refused.
const maxBigIDs = 1024

// rpcGate stands in front of mcp-go for one client (the stdio stream, one
// legacy SSE session, or the streamable HTTP endpoint, whose sessions exist
// only after initialize). It refuses what mcp-go would misread — ids that
// are not strings or integers, a request without a method, requests before
// initialize — and keeps integer ids beyond 2^53 byte-exact by handing
// mcp-go a string token in their place and restoring the original bytes in
// the reply.
type rpcGate struct {
	requireInit bool // refuse requests other than initialize and ping until initialize
	initialized atomic.Bool

	quoted  []byte // `"` + the random prefix of this gate's tokens
	mu      sync.Mutex
	ids     map[string]json.RawMessage // token -> the id as sent
	pending atomic.Int32               // len(ids), read without the lock
	seq     uint64
}

// newRPCGate returns a gate; requireInit makes it refuse requests sent
// before initialize.
func newRPCGate(requireInit bool) *rpcGate {
	return &rpcGate{
		requireInit: requireInit,
		quoted:      []byte(`"leiga-mcp-id-` + rand.Text()[:12] + "-"),
		ids:         map[string]json.RawMessage{},
	}
}

// admitted is a message the gate let through.
type admitted struct {
	message
	out   []byte // what mcp-go gets: the message, or a copy with a token for a big id
	token string // the token standing in for the id, if any
}

// admit checks one client message. It returns what to hand mcp-go, or the
// error to reply with instead.
func (g *rpcGate) admit(raw []byte) (admitted, *rpcError) {
	m, rej := parseMessage(raw)
	a := admitted{message: m, out: raw}
	if rej != nil {
		return a, rej
	}
	if m.request && g.requireInit && !g.initialized.Load() && !allowedBeforeInit(m) {
		return a, &rpcError{ID: m.id, Code: codeInvalidRequest, Message: fmt.Sprintf("Invalid Request: %q sent before initialize; the session is not initialized: send initialize first", m.method)}
	}
	if m.request && m.method == string(mcp.MethodInitialize) {
		g.initialized.Store(true)
	}
	switch {
	case m.request && !exactInJSON(m.id):
		token, ok := g.hold(m.id)
		if !ok {
			return a, &rpcError{ID: m.id, Code: codeInvalidRequest, Message: fmt.Sprintf("Invalid Request: more than %d requests with an id beyond 2^53 in flight", maxBigIDs)}
		}
		a.token = token
		a.out = splice(raw, m.idSpan, strconv.AppendQuote(nil, token))
	case m.method == string(mcp.MethodNotificationCancelled) && m.params != nil:
		a.out = g.cancelled(raw, m)
	}
	return a, nil
}

// allowedBeforeInit reports whether m may come before initialize: ping,
// discovery, and any request of protocol 2026-07-28, which has no
// handshake.
func allowedBeforeInit(m message) bool {
	switch mcp.MCPMethod(m.method) {
	case mcp.MethodInitialize, mcp.MethodPing, mcp.MethodServerDiscover:
		return true
	}
	return modernParams(m.params)
}

// modernParams reports whether a message's params carry protocol version
// 2026-07-28 or later, which has no sessions and no initialize.
func modernParams(params json.RawMessage) bool {
	if params == nil {
		return false
	}
	var p struct {
		Meta *mcp.Meta `json:"_meta"`
	}
	return json.Unmarshal(params, &p) == nil && mcp.IsModernProtocol(p.Meta.ProtocolVersion())
}

// hold stores id under a new token.
func (g *rpcGate) hold(id json.RawMessage) (string, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if len(g.ids) >= maxBigIDs {
		return "", false
	}
	g.seq++
	token := string(g.quoted[1:]) + strconv.FormatUint(g.seq, 10)
	g.ids[token] = bytes.Clone(id)
	g.pending.Store(int32(len(g.ids)))
	return token, true
}

// forget drops a token whose reply will not be sent.
func (g *rpcGate) forget(token string) {
	if token == "" {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.ids, token)
	g.pending.Store(int32(len(g.ids)))
}

// cancelled points a notifications/cancelled at the token of the big id it
// names, so that mcp-go finds the request to cancel.
func (g *rpcGate) cancelled(raw []byte, m message) []byte {
	var params map[string]json.RawMessage
	if json.Unmarshal(m.params, &params) != nil {
		return raw
	}
	rid := params["requestId"]
	if len(rid) == 0 || rid[0] == '"' || checkID(rid) != "" || exactInJSON(rid) {
		return raw
	}
	g.mu.Lock()
	var token string
	for t, id := range g.ids {
		if bytes.Equal(id, rid) {
			token = t
			break
		}
	}
	g.mu.Unlock()
	if token == "" {
		return raw
	}
	params["requestId"] = strconv.AppendQuote(nil, token)
	b, err := json.Marshal(params)
	if err != nil {
		return raw
	}
	return splice(raw, m.paramsSpan, b)
}

// internalNotFound is how mcp-go replies when a resource handler says the
// resource does not exist: an internal error (its handler errors all map
// to -32603).
var internalNotFound = []byte(`"code":-32603,"message":"` + resourceNotFoundPrefix)

// resourceNotFoundPrefix starts the message of server.ErrResourceNotFound.
const resourceNotFoundPrefix = "resource not found"

// notFound gives a missing resource the MCP resource-not-found code
// (-32002) instead of mcp-go's internal error.
func notFound(p []byte) []byte {
	if !bytes.Contains(p, internalNotFound) {
		return p
	}
	return bytes.Replace(p, internalNotFound, []byte(`"code":-32002,"message":"`+resourceNotFoundPrefix), 1)
}

// restore puts the original ids back into an outgoing message in place of
// their tokens, and forgets those tokens; a missing resource gets its MCP
// error code.
func (g *rpcGate) restore(p []byte) []byte {
	p = notFound(p)
	if g.pending.Load() == 0 || !bytes.Contains(p, g.quoted) {
		return p
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []byte
	rest := p
	for {
		i := bytes.Index(rest, g.quoted)
		if i < 0 {
			break
		}
		end := bytes.IndexByte(rest[i+1:], '"')
		if end < 0 {
			break
		}
		token := string(rest[i+1 : i+1+end])
		id, ok := g.ids[token]
		if !ok {
			out = append(out, rest[:i+1+end+1]...)
			rest = rest[i+1+end+1:]
			continue
		}
		delete(g.ids, token)
		out = append(append(out, rest[:i]...), id...)
		rest = rest[i+1+end+1:]
	}
	g.pending.Store(int32(len(g.ids)))
	if out == nil {
		return p
	}
	return append(out, rest...)
}

// splice returns raw with the value at span replaced by v.
func splice(raw []byte, span member, v []byte) []byte {
	out := make([]byte, 0, len(raw)-(span.end-span.start)+len(v))
	out = append(out, raw[:span.start]...)
	out = append(out, v...)
	return append(out, raw[span.end:]...)
}
