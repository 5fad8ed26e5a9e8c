package auth

import (
	"context"
	"net/http"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// TestRejectedStaticTokenNotResent: once Leiga rejects a static token (from
// LEIGA_ACCESS_TOKEN, or a header token interned by the registry), later
// calls fail at once with an error naming the token and what to set, and
// send nothing upstream: 2,000 calls make one upstream request, not 4,000.
func TestRejectedStaticTokenNotResent(t *testing.T) {
	const calls = 2000
	tests := []struct {
		name      string
		source    func(reg *SourceRegistry) func() leigaapi.TokenSource // the source of each call
		wantFirst string
		wantLater string
	}{
		{
			"LEIGA_ACCESS_TOKEN",
			func(*SourceRegistry) func() leigaapi.TokenSource {
				env := NewStaticToken("env-token-rejected")
				return func() leigaapi.TokenSource { return env }
			},
			"Leiga GET /issue/get failed: code 401: Leiga rejected the access token in LEIGA_ACCESS_TOKEN: accessToken invalid or expired",
			"Leiga GET /issue/get failed: the access token in LEIGA_ACCESS_TOKEN was rejected by Leiga, so it is no longer sent: set LEIGA_ACCESS_TOKEN to a valid token and restart leiga-mcp",
		},
		{
			"X-Leiga-Access-Token, a new HTTP request each call",
			func(reg *SourceRegistry) func() leigaapi.TokenSource {
				return func() leigaapi.TokenSource {
					ts, _, _ := reg.FromHeaders(http.Header{HeaderAccessToken: {"header-token-rejected"}})
					return ts
				}
			},
			"Leiga GET /issue/get failed: code 401: Leiga rejected the access token in the X-Leiga-Access-Token header: accessToken invalid or expired",
			"Leiga GET /issue/get failed: the access token in the X-Leiga-Access-Token header was rejected by Leiga, so it is no longer sent: send a valid token in X-Leiga-Access-Token",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lg := newAuthFakeLeiga(t)
			source := tt.source(NewSourceRegistry(lg.authClient(t), 0))
			api := lg.apiClient(t, nil)
			for i := range calls {
				ctx := leigaapi.WithTokenSource(context.Background(), source())
				err := authCallProtected(ctx, api)
				want := tt.wantLater
				if i == 0 {
					want = tt.wantFirst
				}
				if e, ok := leigaapi.AsError(err); !ok || e.Kind != leigaapi.KindAuth || err.Error() != want {
					t.Fatalf("call %d: err = %v, want KindAuth %q", i+1, err, want)
				}
			}
			if got := lg.protectedCalls.Load(); got > 2 {
				t.Fatalf("%d calls made %d upstream requests, want at most 2", calls, got)
			}
			t.Logf("%d calls with a rejected token: %d upstream requests", calls, lg.protectedCalls.Load())
		})
	}
}

// TestStaticTokenOthersUnaffected: a rejected header token does not stop
// another token, and the server's own token keeps working.
func TestStaticTokenOthersUnaffected(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	lg.accept("good-header-token-1", "user-1")
	lg.accept("good-env-token-0001", "server")
	reg := NewSourceRegistry(lg.authClient(t), 0)
	api := lg.apiClient(t, NewStaticToken("good-env-token-0001"))
	call := func(token string) error {
		ctx := context.Background()
		if token != "" {
			ts, _, _ := reg.FromHeaders(http.Header{HeaderAccessToken: {token}})
			ctx = leigaapi.WithTokenSource(ctx, ts)
		}
		return authCallProtected(ctx, api)
	}
	if call("bad-header-token-2") == nil {
		t.Fatal("a bad token was accepted")
	}
	for _, token := range []string{"good-header-token-1", ""} {
		if err := call(token); err != nil {
			t.Fatalf("token %q after another was rejected: %v", token, err)
		}
	}
}
