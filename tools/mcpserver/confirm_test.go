package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func TestParseConfirmMode(t *testing.T) {
	for in, want := range map[string]ConfirmMode{"": ConfirmAuto, "auto": ConfirmAuto, " Always ": ConfirmAlways, "never": ConfirmNever} {
		if got, err := ParseConfirmMode(in); err != nil || got != want {
			t.Errorf("ParseConfirmMode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseConfirmMode("sometimes"); err == nil || !strings.Contains(err.Error(), "use auto, always or never") {
		t.Errorf("ParseConfirmMode(sometimes) = %v", err)
	}
}

// eliciting is the context of a stateless-era request whose client
// declared elicitation (or not), carrying answers (or not).
func eliciting(can bool, answers *mcp.MultiRoundTripParams) context.Context {
	caps := &mcp.ClientCapabilities{}
	if can {
		caps.Elicitation = &mcp.ElicitationCapability{}
	}
	ctx := server.WithRequestProtocolInfo(context.Background(), &server.RequestProtocolInfo{Modern: true, ProtocolVersion: mcp.LATEST_PROTOCOL_VERSION, ClientCapabilities: caps})
	if answers != nil {
		ctx = withRoundTrip(ctx, *answers)
	}
	return ctx
}

// answer is a round trip answering the confirmation with action under state.
func answer(action mcp.ElicitationResponseAction, state string) *mcp.MultiRoundTripParams {
	return &mcp.MultiRoundTripParams{
		InputResponses: mcp.InputResponses{confirmInputID: mcp.NewElicitationInputResponse(mcp.ElicitationResult{ElicitationResponse: mcp.ElicitationResponse{Action: action}})},
		RequestState:   state,
	}
}

func TestConfirmerAnswers(t *testing.T) {
	now := time.Date(2026, 11, 4, 10, 0, 0, 0, time.UTC)
	c := &elicitConfirmer{mode: ConfirmAuto, key: []byte("test key"), now: func() time.Time { return now }}
	tool := &toolkit.Tool{Name: "issue_remove"}
	args := json.RawMessage(`{"id": 10015}`)
	state := c.state(tool.Name, json.RawMessage(`{"id":10015}`), now.Add(-time.Minute)) // the same arguments, spaced otherwise
	line := func() (string, error) { return "Delete WEB-1?", nil }
	tests := []struct {
		name string
		mode ConfirmMode
		ctx  context.Context
		sum  func() (string, error)
		want string // "run", "ask", "declined", "cancelled", or an error's text
	}{
		{"asks a client that can", ConfirmAuto, eliciting(true, nil), line, "ask"},
		{"runs for a client that cannot, under auto", ConfirmAuto, eliciting(false, nil), line, "run"},
		{"refuses a client that cannot, under always", ConfirmAlways, eliciting(false, nil), line, `issue_remove was not run: this server asks the user to confirm it ("Delete WEB-1?"), and this client cannot ask`},
		{"accepted: runs", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionAccept, state)), line, "run"},
		{"declined", ConfirmAlways, eliciting(true, answer(mcp.ElicitationResponseActionDecline, state)), line, "declined"},
		{"cancelled", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionCancel, state)), line, "cancelled"},
		{"an answer for other arguments asks again", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionAccept, c.state(tool.Name, json.RawMessage(`{"id":10016}`), now))), line, "ask"},
		{"an answer for another tool asks again", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionAccept, c.state("epic_remove", args, now))), line, "ask"},
		{"an old answer asks again", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionAccept, c.state(tool.Name, args, now.Add(-confirmWindow-time.Second)))), line, "ask"},
		{"a forged answer asks again", ConfirmAuto, eliciting(true, answer(mcp.ElicitationResponseActionAccept, "AAAA")), line, "ask"},
		{"nothing to confirm runs", ConfirmAlways, eliciting(true, nil), func() (string, error) { return "", nil }, "run"},
		{"a failed summary is a tool error", ConfirmAuto, eliciting(true, nil), func() (string, error) { return "", errors.New("Leiga is down") }, "Leiga is down"},
		{"no session, no protocol info: cannot ask", ConfirmAuto, context.Background(), line, "run"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.mode = tt.mode
			res := c.Confirm(tt.ctx, tool, args, tt.sum)
			got := "run"
			switch {
			case res == nil:
			case res.NeedsInput():
				got = "ask"
				req := res.InputRequests[confirmInputID]
				if req.Elicitation == nil || req.Elicitation.Message != "Delete WEB-1?" || !c.valid(res.RequestState, tool.Name, args) {
					t.Errorf("question %+v, state %q", req, res.RequestState)
				}
			case res.IsError:
				got = res.Content[0].(mcp.TextContent).Text
			default:
				answer, _ := res.StructuredContent.(map[string]any)["answer"].(string)
				got = map[string]string{"decline": "declined", "cancel": "cancelled"}[answer]
			}
			if got != tt.want && !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
