package mcpserver

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// Deletes the user confirms (--confirm-deletes, LEIGA_CONFIRM_DELETES).
//
// Before a tool whose effect is Delete runs (and bulk_update_issues when
// it would change more than 10 issues), the server asks the user, through
// the client, to confirm a one-line summary of what will go. The question
// is an MCP elicitation in form mode with no fields: accept runs the call,
// decline or cancel answers a result saying nothing was changed.
//
// It is asked the multi-round-trip way (SEP-2322): the tool call answers
// input_required with the question and a request state; the client asks
// its user and calls again with the answer. mcp-go does the same for
// clients of earlier protocol versions by sending them elicitation/create
// and calling the handler again, so one path serves both. The request
// state is an HMAC over the tool, its arguments and the time it was asked,
// under a key only this process knows: an answer counts only for the call
// it was asked about, for confirmWindow.
//
// Whether a client can be asked is what it declared: its elicitation
// capability (at initialize, or in a modern request's _meta), on a
// session that can carry the question. With --confirm-deletes auto a
// client that cannot is served as before; with always such a call is
// refused; with never nobody is asked.

// ConfirmMode says when destructive calls are confirmed by the user.
type ConfirmMode string

// The confirmation modes.
const (
	ConfirmAuto   ConfirmMode = "auto"   // ask clients that can ask their user; run the others' calls as before
	ConfirmAlways ConfirmMode = "always" // ask; refuse the calls of clients that cannot ask
	ConfirmNever  ConfirmMode = "never"  // never ask
)

// ParseConfirmMode reads a mode name; "" is ConfirmAuto.
func ParseConfirmMode(s string) (ConfirmMode, error) {
	switch m := ConfirmMode(strings.ToLower(strings.TrimSpace(s))); m {
	case "":
		return ConfirmAuto, nil
	case ConfirmAuto, ConfirmAlways, ConfirmNever:
		return m, nil
	}
	return "", fmt.Errorf("%q is not a confirmation mode: use auto, always or never", s)
}

// confirmInputID names the confirmation among a call's input requests.
const confirmInputID = "leiga_confirm"

// confirmWindow is how long an answer to a confirmation counts.
const confirmWindow = 15 * time.Minute

// elicitConfirmer is the server's toolkit.Confirmer.
type elicitConfirmer struct {
	mode ConfirmMode
	key  []byte
	now  func() time.Time
}

// newConfirmer returns the confirmer of mode, or nil for ConfirmNever.
func newConfirmer(mode ConfirmMode) toolkit.Confirmer {
	if mode == ConfirmNever {
		return nil
	}
	if mode == "" {
		mode = ConfirmAuto
	}
	return &elicitConfirmer{mode: mode, key: []byte(rand.Text()), now: time.Now}
}

// Confirm implements toolkit.Confirmer.
func (c *elicitConfirmer) Confirm(ctx context.Context, t *toolkit.Tool, args json.RawMessage, summary func() (string, error)) *mcp.CallToolResult {
	rt := roundTripFrom(ctx)
	if answer := server.ElicitationResponse(rt.InputResponses, confirmInputID); answer != nil && c.valid(rt.RequestState, t.Name, args) {
		if answer.Action == mcp.ElicitationResponseActionAccept {
			return nil
		}
		return declined(t, answer.Action)
	}
	canAsk := canElicit(ctx)
	if !canAsk && c.mode == ConfirmAuto {
		return nil
	}
	line, err := summary()
	if err != nil {
		return toolkit.ErrorResult(ctx, t, err)
	}
	if line == "" {
		return nil
	}
	if !canAsk {
		return mcp.NewToolResultError(fmt.Sprintf("%s was not run: this server asks the user to confirm it (%q), and this client cannot ask (it did not declare MCP elicitation). Nothing was changed. Use a client that supports elicitation, or ask the server's operator about --confirm-deletes (LEIGA_CONFIRM_DELETES=always).", t.Name, line))
	}
	return server.NewInputRequestBuilder(c.state(t.Name, args, c.now())).
		Elicit(confirmInputID, mcp.ElicitationParams{
			Message:         line,
			RequestedSchema: map[string]any{"type": "object", "properties": map[string]any{}},
		}).
		ToolResult()
}

// declined is the answer to a call the user did not confirm: a result,
// not an error, that says nothing was changed.
func declined(t *toolkit.Tool, action mcp.ElicitationResponseAction) *mcp.CallToolResult {
	verb := "declined"
	if action == mcp.ElicitationResponseActionCancel {
		verb = "cancelled"
	}
	text := fmt.Sprintf("The user %s the confirmation: %s was not run and nothing was changed.", verb, t.Name)
	return mcp.NewToolResultStructured(map[string]any{"confirmed": false, "answer": string(action), "changed": false}, text)
}

// state is the request state of a confirmation asked at asked: the time
// and an HMAC binding it to the tool and its arguments.
func (c *elicitConfirmer) state(tool string, args json.RawMessage, asked time.Time) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(asked.Unix()))
	return base64.RawURLEncoding.EncodeToString(append(b[:], c.mac(tool, args, b[:])...))
}

// valid reports whether state is one this confirmer issued for this tool
// and these arguments, less than confirmWindow ago.
func (c *elicitConfirmer) valid(state, tool string, args json.RawMessage) bool {
	raw, err := base64.RawURLEncoding.DecodeString(state)
	if err != nil || len(raw) != 8+sha256.Size {
		return false
	}
	asked := time.Unix(int64(binary.BigEndian.Uint64(raw[:8])), 0)
	if age := c.now().Sub(asked); age < -time.Minute || age > confirmWindow {
		return false
	}
	return hmac.Equal(raw[8:], c.mac(tool, args, raw[:8]))
}

// mac is the HMAC of a tool, its arguments in canonical form and a time.
func (c *elicitConfirmer) mac(tool string, args json.RawMessage, when []byte) []byte {
	h := hmac.New(sha256.New, c.key)
	h.Write([]byte(tool))
	h.Write([]byte{0})
	h.Write(canonicalJSON(args))
	h.Write([]byte{0})
	h.Write(when)
	return h.Sum(nil)
}

// canonicalJSON re-encodes JSON with sorted keys and no spaces, so that
// the same arguments sent again match whatever their formatting.
func canonicalJSON(raw json.RawMessage) []byte {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return raw
	}
	b, err := json.Marshal(v)
	if err != nil {
		return raw
	}
	return b
}

// canElicit reports whether the client of this request can ask its user:
// it declared elicitation in form mode (a bare elicitation capability
// means form), in this request's _meta under the stateless protocol, or
// at initialize on a session that can carry a server's request.
func canElicit(ctx context.Context) bool {
	if info := server.RequestProtocolInfoFromContext(ctx); info != nil && info.Modern {
		return info.ClientCapabilities != nil && formElicitation(info.ClientCapabilities.Elicitation)
	}
	session := server.ClientSessionFromContext(ctx)
	if _, ok := session.(server.SessionWithElicitation); !ok {
		return false
	}
	withInfo, ok := session.(server.SessionWithClientInfo)
	return ok && formElicitation(withInfo.GetClientCapabilities().Elicitation)
}

// formElicitation reports whether an elicitation capability covers form
// mode.
func formElicitation(c *mcp.ElicitationCapability) bool {
	return c != nil && (c.Form != nil || c.URL == nil)
}

// roundTripKey is the context key of a call's multi-round-trip answers.
type roundTripKey struct{}

// withRoundTrip records a call's answers to earlier input requests.
func withRoundTrip(ctx context.Context, p mcp.MultiRoundTripParams) context.Context {
	if len(p.InputResponses) == 0 && p.RequestState == "" {
		return ctx
	}
	return context.WithValue(ctx, roundTripKey{}, p)
}

// roundTripFrom returns the answers withRoundTrip recorded, if any.
func roundTripFrom(ctx context.Context) mcp.MultiRoundTripParams {
	p, _ := ctx.Value(roundTripKey{}).(mcp.MultiRoundTripParams)
	return p
}
