package mcpserver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Limits on what one audit line keeps of a call.
const (
	auditMaxText  = 256 // runes of one string argument
	auditMaxItems = 50  // elements of one array argument
	auditMaxError = 500 // runes of the error message
)

// auditEntry is one line of the audit log.
type auditEntry struct {
	Time   string      `json:"time"`          // RFC 3339 in UTC, milliseconds
	Msg    string      `json:"msg"`           // always "audit", as in a JSON log line
	Tool   string      `json:"tool"`          // the tool that writes
	Via    string      `json:"via,omitempty"` // "leiga_call_tool" when dispatched by it
	Effect string      `json:"effect"`        // create, update or delete
	DryRun bool        `json:"dry_run,omitempty"`
	Caller auditCaller `json:"caller"`
	// Arguments as sent, secrets redacted, long texts and lists cut.
	Arguments json.RawMessage `json:"arguments"`
	Outcome   string          `json:"outcome"` // ok or error
	Error     string          `json:"error,omitempty"`
	// IDs are Leiga's ids in the result: its top-level id and number
	// fields.
	IDs map[string]any `json:"ids,omitempty"`
	MS  float64        `json:"ms"`
}

// auditCaller is who made a call, as far as the server knows.
type auditCaller struct {
	// Credential is "server" for the server's own Leiga credentials, or
	// the identity of the ones the request sent (a keyed hash such as
	// "cid:81c2…" or "tok:3f9a…", never the secret).
	Credential string `json:"credential"`
	User       string `json:"user,omitempty"`    // X-Leiga-User, if sent
	Session    string `json:"session,omitempty"` // the MCP session id, if any
	Client     string `json:"client,omitempty"`  // the client's name from initialize, if known
}

// auditIDKeys are the result fields that carry Leiga's ids.
var auditIDKeys = []string{"id", "number", "issue", "issueNumber", "issueId"}

// wrap returns h with an audit line after every call that creates,
// updates or deletes, or dispatches (leiga_call_tool) to a tool that does.
// Reads pass through untouched.
func (a *AuditLog) wrap(t *toolkit.Tool, d *toolkit.Deps, h server.ToolHandlerFunc) server.ToolHandlerFunc {
	if a == nil || t.ReadOnly() {
		return h
	}
	return func(ctx context.Context, req mcp.CallToolRequest) (res *mcp.CallToolResult, err error) {
		start := time.Now()
		defer func() { a.record(ctx, t, d, rawArguments(req), res, err, time.Since(start)) }()
		return h(ctx, req)
	}
}

// Record writes the line for one call made outside an MCP session (the
// call command), if the tool writes: t run with args gave res in took.
func (a *AuditLog) Record(ctx context.Context, t *toolkit.Tool, d *toolkit.Deps, args json.RawMessage, res *mcp.CallToolResult, took time.Duration) {
	if a == nil || t.ReadOnly() {
		return
	}
	a.record(ctx, t, d, args, res, nil, took)
}

// record writes the line for one call, if it was a write.
func (a *AuditLog) record(ctx context.Context, t *toolkit.Tool, d *toolkit.Deps, raw json.RawMessage, res *mcp.CallToolResult, callErr error, took time.Duration) {
	target, args, via := t, raw, ""
	if t.Effect == toolkit.Dispatch {
		var c struct {
			Name      string          `json:"name"`
			Arguments json.RawMessage `json:"arguments"`
		}
		if d == nil || d.Reach == nil || json.Unmarshal(raw, &c) != nil {
			return
		}
		found, err := d.Reach.Find(ctx, c.Name)
		if err != nil {
			return // no such tool: nothing was sent
		}
		target, args, via = found, c.Arguments, t.Name
	}
	switch target.Effect {
	case toolkit.Create, toolkit.Update, toolkit.Delete:
	default:
		return
	}
	e := auditEntry{
		Time:   a.now().UTC().Format("2006-01-02T15:04:05.000Z07:00"),
		Msg:    "audit",
		Tool:   target.Name,
		Via:    via,
		Effect: target.Effect.String(),
		DryRun: dryRun(args),
		Caller: callerOf(ctx),
		MS:     float64(took.Microseconds()) / 1000,
	}
	e.Arguments = auditArguments(ctx, args)
	switch {
	case callErr != nil:
		e.Outcome, e.Error = "error", cutText(leigaapi.RedactContext(ctx, callErr.Error()), auditMaxError)
	case res == nil:
		e.Outcome, e.Error = "error", "the call ended without a result"
	case res.IsError:
		e.Outcome, e.Error = "error", cutText(leigaapi.RedactContext(ctx, firstText(res)), auditMaxError)
	default:
		e.Outcome, e.IDs = "ok", resultIDs(res)
	}
	line, err := json.Marshal(e)
	if err != nil {
		a.metrics.auditFailed()
		a.log.Error("cannot encode an audit line", "tool", e.Tool, "err", err)
		return
	}
	a.write(append(line, '\n'))
}

// callerOf says who made the call of ctx.
func callerOf(ctx context.Context) auditCaller {
	c := auditCaller{Credential: leigaapi.CredentialID(ctx), User: resolve.UserFrom(ctx)}
	if c.Credential == "" {
		c.Credential = "server"
	}
	if s := server.ClientSessionFromContext(ctx); s != nil {
		c.Session = s.SessionID()
		if ci, ok := s.(server.SessionWithClientInfo); ok {
			c.Client = ci.GetClientInfo().Name
		}
	}
	return c
}

// dryRun reports whether the arguments ask for a preview only.
func dryRun(args json.RawMessage) bool {
	var a struct {
		DryRun bool `json:"dry_run"`
	}
	return json.Unmarshal(args, &a) == nil && a.DryRun
}

// auditArguments returns the arguments to keep: every string redacted
// (the request's and the server's secrets) and cut, values under
// secret-looking keys replaced, long arrays cut. Arguments that are not a
// JSON value are kept as a cut string.
func auditArguments(ctx context.Context, raw json.RawMessage) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		v = cutText(leigaapi.RedactContext(ctx, string(raw)), auditMaxText)
	}
	b, err := json.Marshal(scrub(ctx, v))
	if err != nil {
		return json.RawMessage(`"(arguments could not be encoded)"`)
	}
	return b
}

// scrub applies auditArguments' rules to one decoded JSON value.
func scrub(ctx context.Context, v any) any {
	switch x := v.(type) {
	case string:
		return cutText(leigaapi.RedactContext(ctx, x), auditMaxText)
	case []any:
		n := len(x)
		if n > auditMaxItems {
			x = append(x[:auditMaxItems:auditMaxItems], fmt.Sprintf("… %d more", n-auditMaxItems))
		}
		for i := range x {
			x[i] = scrub(ctx, x[i])
		}
		return x
	case map[string]any:
		for k, val := range x {
			if secretKey(k) {
				x[k] = "[REDACTED]"
				continue
			}
			x[k] = scrub(ctx, val)
		}
		return x
	}
	return v
}

// secretKey reports whether an argument's name says it holds a secret.
func secretKey(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"secret", "token", "password", "apikey", "api_key"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// cutText keeps the first max runes of s, saying how much was cut.
func cutText(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	i := 0
	for range max {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return fmt.Sprintf("%s… (%d characters)", s[:i], n)
}

// firstText is the text of a result's first text content.
func firstText(res *mcp.CallToolResult) string {
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			return tc.Text
		}
	}
	return ""
}

// resultIDs picks Leiga's ids from a result's structured content.
func resultIDs(res *mcp.CallToolResult) map[string]any {
	if res.StructuredContent == nil {
		return nil
	}
	raw, ok := res.StructuredContent.(json.RawMessage)
	if !ok {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			return nil
		}
		raw = b
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var top map[string]any
	if dec.Decode(&top) != nil {
		return nil
	}
	ids := map[string]any{}
	for _, k := range auditIDKeys {
		switch v := top[k].(type) {
		case json.Number, string:
			ids[k] = v
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return ids
}
