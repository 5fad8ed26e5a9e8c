// Package sandboxtest starts the sandbox Leiga for tests, as httptest
// starts servers: an in-process sandbox with the demo seed and a fixed
// clock, and a Leiga client that talks to it without a socket.
package sandboxtest

import (
	"net/http"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
)

// Now is the fixed clock of sandbox tests: Wednesday 2026-11-04, 10:00 UTC,
// a few days into the demo data's timeline.
var Now = time.Date(2026, time.November, 4, 10, 0, 0, 0, time.UTC)

// New returns a fresh sandbox (demo seed, clock at Now) and a client that
// calls it with the sandbox's static token and no retries. The sandbox's
// Stats() counts requests.
func New(tb testing.TB) (*sandbox.Sandbox, *leigaapi.Client) {
	tb.Helper()
	return NewAs(tb, 0)
}

// NewAs is New with a client that acts as the seed user userID (0: the
// default API user).
func NewAs(tb testing.TB, userID int64) (*sandbox.Sandbox, *leigaapi.Client) {
	tb.Helper()
	token := sandbox.StaticToken
	if userID != 0 {
		token = sandbox.StaticTokenFor(userID)
	}
	sb, err := sandbox.New(sandbox.Options{Now: func() time.Time { return Now }})
	if err != nil {
		tb.Fatal(err)
	}
	api, err := leigaapi.New(leigaapi.Options{
		BaseURL:     "https://sandbox.invalid/openapi/api",
		Tokens:      auth.NewStaticToken(token),
		HTTPClient:  &http.Client{Transport: sb.Transport()},
		MaxAttempts: 1,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return sb, api
}
