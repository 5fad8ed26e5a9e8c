package cli

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
	"github.com/mark3labs/mcp-go/client"
)

// fakeClock is a settable clock shared by the sandbox and the token source.
type fakeClock struct{ ns atomic.Int64 }

func (c *fakeClock) now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) advance(d time.Duration) { c.ns.Add(int64(d)) }

// TestCredentialsSurviveExpiryAndRevocationMidBurst is issue 3's promise: a
// server started with only a client id and secret (a permanent token that
// expires) serves bursts of concurrent calls across token expiry and
// revocation with zero failed calls and one token request per renewal.
func TestCredentialsSurviveExpiryAndRevocationMidBurst(t *testing.T) {
	clock := &fakeClock{}
	clock.ns.Store(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).UnixNano())
	sb, err := sandbox.New(sandbox.Options{Now: clock.now, PermanentTokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	opts := leigaapi.Options{BaseURL: "http://sandbox.invalid", HTTPClient: &http.Client{Transport: sb.Transport()}}
	authAPI, err := leigaapi.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	opts.Tokens = auth.NewPermanentSource(authAPI, sandbox.ClientID, sandbox.Secret, nil, auth.WithClock(clock.now))
	api, err := leigaapi.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	reg := tools.MustRegistry()
	selected, err := reg.Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}})
	if err != nil {
		t.Fatal(err)
	}
	deps := &toolkit.Deps{API: api, Resolver: resolve.New(api, resolve.Options{Location: time.UTC, Now: clock.now})}
	cl, err := client.NewInProcessClient(mcpserver.New(mcpserver.Config{Version: "test", Tools: selected, Deps: deps}))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	initialize(t, context.Background(), cl)

	burst := func(label string) {
		t.Helper()
		var wg sync.WaitGroup
		var failed atomic.Int32
		for i := range 50 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				args := map[string]any{"issueNumber": fmt.Sprintf("MOBILE-%d", i%10+1)}
				res, err := callTool(context.Background(), cl, "issue_get_by_issue_number", args)
				if err != nil || res.IsError {
					failed.Add(1)
					t.Logf("%s: %v %s", label, err, res.text)
				}
			}()
		}
		wg.Wait()
		if n := failed.Load(); n != 0 {
			t.Errorf("%s: %d of 50 calls failed", label, n)
		}
	}
	steps := []struct {
		label      string
		before     func()
		wantTokens int
	}{
		{"cold start", func() {}, 1},
		{"warm", func() {}, 1},
		{"after expiry", func() { clock.advance(2 * time.Hour) }, 2},
		{"after revocation", sb.RevokeTokens, 3},
		{"steady again", func() {}, 3},
	}
	for _, s := range steps {
		s.before()
		burst(s.label)
		if got := sb.Stats().TokenRequests; got != s.wantTokens {
			t.Errorf("%s: %d token requests in all, want %d", s.label, got, s.wantTokens)
		}
	}
}
