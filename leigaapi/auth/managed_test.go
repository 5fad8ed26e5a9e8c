package auth

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// TestSourceKindsEndToEnd: every kind of credentials, built from the
// environment, authorises a call to a protected endpoint through a *leigaapi.Client.
func TestSourceKindsEndToEnd(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	oa := newAuthFakeOAuth(t)
	oa.onIssue = func(access string) { lg.accept(access, "oauth") }
	lg.accept("static-token-abcdef", "static")
	lg.addRefresh("seed-refresh-111111", "cid-1")
	oa.addRefresh("oauth-seed-222222")

	tests := []struct {
		name      string
		env       map[string]string
		kind      AuthKind
		wantToken string // prefix of the token the protected endpoint saw
	}{
		{"token", map[string]string{"LEIGA_ACCESS_TOKEN": "static-token-abcdef"}, AuthToken, "static-token-abcdef"},
		{"permanent", map[string]string{"LEIGA_CLIENT_ID": "cid-1", "LEIGA_SECRET": "secret-one-1234"}, AuthPermanent, "tok-cid-1-"},
		{"refresh without seed", map[string]string{"LEIGA_AUTH": "refresh", "LEIGA_CLIENT_ID": "cid-1", "LEIGA_SECRET": "secret-one-1234"}, AuthRefresh, "tok-cid-1-"},
		{"refresh with seed", map[string]string{"LEIGA_REFRESH_TOKEN": "seed-refresh-111111", "LEIGA_CLIENT_ID": "cid-1", "LEIGA_SECRET": "secret-one-1234"}, AuthRefresh, "tok-cid-1-"},
		{"oauth", map[string]string{
			"LEIGA_OAUTH_TOKEN_URL": oa.srv.URL + "/oauth/token", "LEIGA_OAUTH_CLIENT_ID": oa.clientID,
			"LEIGA_OAUTH_CLIENT_SECRET": oa.clientSecret, "LEIGA_REFRESH_TOKEN": "oauth-seed-222222",
		}, AuthOAuth, "oa-access-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			creds, err := CredentialsFromEnv(authEnv(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if creds.Kind != tt.kind {
				t.Fatalf("kind = %s, want %s", creds.Kind, tt.kind)
			}
			ts, err := NewTokenSource(lg.authClient(t), creds, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := authCallProtected(context.Background(), lg.apiClient(t, ts)); err != nil {
				t.Fatalf("call: %v", err)
			}
			if got := lg.lastSeen(); !strings.HasPrefix(got, tt.wantToken) {
				t.Fatalf("protected endpoint saw token %q, want prefix %q", got, tt.wantToken)
			}
		})
	}
	if n := lg.refreshCalls.Load(); n != 1 {
		t.Errorf("refresh-token calls = %d, want 1 (the seeded case)", n)
	}
	if n := oa.refreshCalls.Load(); n != 1 {
		t.Errorf("oauth refresh grants = %d, want 1", n)
	}
}

// TestConcurrentColdCalls: 100 calls on a cold source make one token request.
func TestConcurrentColdCalls(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	gate := make(chan struct{})
	lg.set(func(f *authFakeLeiga) { f.gate = gate })
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil)
	api := lg.apiClient(t, ts)

	const n = 100
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() { errs <- authCallProtected(context.Background(), api) })
	}
	time.Sleep(20 * time.Millisecond) // let the callers pile up on the fetch
	close(gate)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := lg.permanentCalls.Load(); got != 1 {
		t.Fatalf("token requests = %d, want 1", got)
	}
	if got := lg.protectedCalls.Load(); got != n {
		t.Fatalf("protected calls = %d, want %d", got, n)
	}
}

// TestExpiryDuringBurst: the token expires (by the injected clock) during a
// burst; exactly one refresh happens, ahead of expiry.
func TestExpiryDuringBurst(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	clock := newAuthClock()
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil, WithClock(clock.Now))
	api := lg.apiClient(t, ts)
	ctx := context.Background()
	if err := authCallProtected(ctx, api); err != nil {
		t.Fatal(err)
	}
	first := lg.lastSeen()

	// 3600 s lifetime: the skew is max(60 s, 360 s) = 360 s, so the token
	// is still used at 3200 s and renewed from 3240 s on.
	clock.Advance(3200 * time.Second)
	if err := authCallProtected(ctx, api); err != nil {
		t.Fatal(err)
	}
	if got := lg.permanentCalls.Load(); got != 1 {
		t.Fatalf("token requests before the refresh point = %d, want 1", got)
	}
	clock.Advance(50 * time.Second)

	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			if err := authCallProtected(ctx, api); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := lg.permanentCalls.Load(); got != 2 {
		t.Fatalf("token requests = %d, want 2 (one refresh)", got)
	}
	if got := lg.lastSeen(); got == first {
		t.Fatalf("burst still used the old token")
	}
}

// TestPermanentNeverExpires: expireIn -1 means the token is kept until
// Leiga rejects it.
func TestPermanentNeverExpires(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	lg.set(func(f *authFakeLeiga) { f.expireIn = 0 }) // the fake then answers -1
	clock := newAuthClock()
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil, WithClock(clock.Now))
	t1, err := ts.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(1000 * 24 * time.Hour)
	if t2, _ := ts.Token(context.Background()); t2 != t1 || lg.permanentCalls.Load() != 1 {
		t.Fatalf("a token with expireIn -1 was renewed")
	}
}

func TestRefreshSkew(t *testing.T) {
	tests := []struct{ lifetime, want time.Duration }{
		{30 * time.Second, 15 * time.Second}, // short-lived: half-way
		{100 * time.Second, 50 * time.Second},
		{300 * time.Second, 60 * time.Second},
		{600 * time.Second, 60 * time.Second},
		{time.Hour, 6 * time.Minute},
		{30 * 24 * time.Hour, 3 * 24 * time.Hour},
	}
	for _, tt := range tests {
		if got := refreshSkew(tt.lifetime); got != tt.want {
			t.Errorf("refreshSkew(%s) = %s, want %s", tt.lifetime, got, tt.want)
		}
	}
	g := grant{access: "x", obtained: time.Unix(0, 0), lifetime: -1}
	g.setTiming()
	if !g.usable(time.Unix(1<<40, 0)) {
		t.Error("a token with expireIn -1 must never expire")
	}
}

// TestAuthFailureRenewsOnce: a 401 costs one refresh and one retry; a second
// 401 ends in the credentials error with no third request.
func TestAuthFailureRenewsOnce(t *testing.T) {
	ctx := context.Background()
	t.Run("renew and retry", func(t *testing.T) {
		lg := newAuthFakeLeiga(t)
		api := lg.apiClient(t, NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil))
		if err := authCallProtected(ctx, api); err != nil {
			t.Fatal(err)
		}
		lg.revoke(lg.lastSeen())
		before := lg.protectedCalls.Load()
		if err := authCallProtected(ctx, api); err != nil {
			t.Fatalf("call after revocation: %v", err)
		}
		if got := lg.permanentCalls.Load(); got != 2 {
			t.Errorf("token requests = %d, want 2", got)
		}
		if got := lg.protectedCalls.Load() - before; got != 2 {
			t.Errorf("sends = %d, want 2 (the 401 and one retry)", got)
		}
	})
	t.Run("second 401", func(t *testing.T) {
		lg := newAuthFakeLeiga(t)
		lg.set(func(f *authFakeLeiga) { f.rejectAll = true })
		api := lg.apiClient(t, NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil))
		err := authCallProtected(ctx, api)
		e, ok := leigaapi.AsError(err)
		if !ok || e.Kind != leigaapi.KindAuth {
			t.Fatalf("err = %v, want a leigaapi.KindAuth *Error", err)
		}
		const want = "Leiga rejected the credentials for client id cid-1: accessToken invalid or expired"
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %q, want it to contain %q", err, want)
		}
		if got := lg.protectedCalls.Load(); got != 2 {
			t.Errorf("sends = %d, want 2 (no third request)", got)
		}
		if got := lg.permanentCalls.Load(); got != 2 {
			t.Errorf("token requests = %d, want 2 (one renewal)", got)
		}
	})
	t.Run("static token", func(t *testing.T) {
		lg := newAuthFakeLeiga(t)
		api := lg.apiClient(t, NewStaticToken("static-never-valid"))
		err := authCallProtected(ctx, api)
		const want = "Leiga rejected the access token in LEIGA_ACCESS_TOKEN: accessToken invalid or expired"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %v, want it to contain %q", err, want)
		}
	})
	t.Run("bad secret", func(t *testing.T) {
		lg := newAuthFakeLeiga(t)
		api := lg.apiClient(t, NewPermanentSource(lg.authClient(t), "cid-1", "wrong-secret-000", nil))
		err := authCallProtected(ctx, api)
		const want = "Leiga rejected the credentials for client id cid-1: clientId or secretKey error"
		if e, ok := leigaapi.AsError(err); !ok || e.Kind != leigaapi.KindAuth || !strings.Contains(err.Error(), want) {
			t.Fatalf("err = %v, want leigaapi.KindAuth containing %q", err, want)
		}
		if got := lg.protectedCalls.Load(); got != 0 {
			t.Errorf("protected sends = %d, want 0", got)
		}
	})
}

// TestInvalidateOnlyCurrent: a stale token's failure does not throw away
// its replacement, and many failures with one token share one renewal.
func TestInvalidateOnlyCurrent(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil)
	ctx := context.Background()
	t1, err := ts.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ts.Invalidate(t1)
	t2, err := ts.Token(ctx)
	if err != nil || t2 == t1 {
		t.Fatalf("after Invalidate: %q, %v; want a new token", t2, err)
	}
	ts.Invalidate(t1) // stale: ignored
	if got, _ := ts.Token(ctx); got != t2 {
		t.Fatalf("a stale Invalidate replaced the current token")
	}
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			ts.Invalidate(t2)
			if _, err := ts.Token(ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := lg.permanentCalls.Load(); got != 3 {
		t.Fatalf("token requests = %d, want 3", got)
	}
}

// TestRefreshRotation: a rotated refresh token replaces the old one at
// once, in memory and in the cache file, and survives a restart.
func TestRefreshRotation(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	lg.set(func(f *authFakeLeiga) { f.rotate = true })
	lg.addRefresh("seed-refresh-000001", "cid-1")
	cache, err := OpenTokenCache(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	newSource := func(seed string) *ManagedSource {
		return NewRefreshSource(lg.authClient(t), "cid-1", "secret-one-1234", seed, cache)
	}
	ts := newSource("seed-refresh-000001")
	a1, err := ts.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e, err := cache.load(AuthRefresh, "cid-1", lg.srv.URL)
	if err != nil {
		t.Fatalf("cache not written: %v", err)
	}
	if e.AccessToken != a1 || e.RefreshToken == "seed-refresh-000001" || e.RefreshToken == "" {
		t.Fatalf("cache holds access %q refresh %q; want %q and the rotated refresh token", e.AccessToken, e.RefreshToken, a1)
	}
	r1 := e.RefreshToken

	ts.Invalidate(a1)
	if _, err := ts.Token(ctx); err != nil {
		t.Fatal(err)
	}
	used := lg.refreshUsed()
	if want := []string{"seed-refresh-000001", r1}; strings.Join(used, ",") != strings.Join(want, ",") {
		t.Fatalf("refresh tokens used = %v, want %v", used, want)
	}

	// Restart with the same LEIGA_REFRESH_TOKEN: the cache wins, and the
	// next renewal uses the latest rotated refresh token, never the seed.
	ts2 := newSource("seed-refresh-000001")
	a2, err := ts2.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := cache.load(AuthRefresh, "cid-1", lg.srv.URL)
	if a2 != e2.AccessToken {
		t.Fatalf("restart did not use the cached token")
	}
	ts2.Invalidate(a2)
	if _, err := ts2.Token(ctx); err != nil {
		t.Fatal(err)
	}
	used = lg.refreshUsed()
	if last := used[len(used)-1]; last != e2.RefreshToken {
		t.Fatalf("restart renewed with %q, want the cached %q", last, e2.RefreshToken)
	}
	if got := lg.accessCalls.Load(); got != 0 {
		t.Fatalf("access-token calls = %d, want 0 (the refresh chain held)", got)
	}
}

// TestRejectedRefreshFallsBack: a refused refresh token falls back to the
// client id and secret, and the new refresh token is used from then on.
func TestRejectedRefreshFallsBack(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	ts := NewRefreshSource(lg.authClient(t), "cid-1", "secret-one-1234", "stale-refresh-999", nil)
	api := lg.apiClient(t, ts)
	ctx := context.Background()
	if err := authCallProtected(ctx, api); err != nil {
		t.Fatal(err)
	}
	if r, a := lg.refreshCalls.Load(), lg.accessCalls.Load(); r != 1 || a != 1 {
		t.Fatalf("refresh calls %d, access calls %d; want 1 and 1", r, a)
	}
	ts.Invalidate(lg.lastSeen())
	if err := authCallProtected(ctx, api); err != nil {
		t.Fatal(err)
	}
	used := lg.refreshUsed()
	if len(used) != 2 || !strings.HasPrefix(used[1], "ref-cid-1-") {
		t.Fatalf("refresh tokens used = %v; want the stale one, then the one from access-token", used)
	}
	if a := lg.accessCalls.Load(); a != 1 {
		t.Fatalf("access-token calls = %d, want 1", a)
	}
}

// TestOAuthRejectedRefresh: a refused OAuth refresh token is a leigaapi.KindAuth
// error that tells the user to log in again; it is not retried in a loop.
func TestOAuthRejectedRefresh(t *testing.T) {
	oa := newAuthFakeOAuth(t)
	ts := NewOAuthSource(oa.settings(""), "unknown-refresh-777", nil)
	for range 2 {
		_, err := ts.Token(context.Background())
		e, ok := leigaapi.AsError(err)
		if !ok || e.Kind != leigaapi.KindAuth || !strings.Contains(err.Error(), "leiga-mcp login") {
			t.Fatalf("err = %v, want leigaapi.KindAuth naming leiga-mcp login", err)
		}
	}
	if got := oa.tokenCalls.Load(); got != 1 {
		t.Fatalf("token endpoint calls = %d, want 1 (the refused token is dropped)", got)
	}
}

// TestWaiterCancellation: a waiter whose ctx ends returns ctx.Err() at once;
// the shared fetch completes for the others.
func TestWaiterCancellation(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	gate, started := make(chan struct{}), make(chan struct{}, 1)
	lg.set(func(f *authFakeLeiga) { f.gate, f.started = gate, started })
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil)

	ctxA, cancelA := context.WithCancel(context.Background())
	errA := make(chan error, 1)
	go func() { _, err := ts.Token(ctxA); errA <- err }()
	<-started // the fetch is in flight, started by A
	type res struct {
		tok string
		err error
	}
	resB := make(chan res, 1)
	go func() { tok, err := ts.Token(context.Background()); resB <- res{tok, err} }()

	cancelA()
	select {
	case err := <-errA:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled waiter got %v, want context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("cancelled waiter did not return")
	}
	close(gate)
	r := <-resB
	if r.err != nil || r.tok == "" {
		t.Fatalf("other waiter: %q, %v", r.tok, r.err)
	}
	if tok, err := ts.Token(context.Background()); err != nil || tok != r.tok {
		t.Fatalf("after the fetch: %q, %v; want %q", tok, err, r.tok)
	}
	if got := lg.permanentCalls.Load(); got != 1 {
		t.Fatalf("token requests = %d, want 1", got)
	}
}

// TestTransientFailureKeepsValidToken: when renewal ahead of expiry fails
// for a transient reason, the still-valid token is used meanwhile.
func TestTransientFailureKeepsValidToken(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	clock := newAuthClock()
	auth, err := leigaapi.New(leigaapi.Options{BaseURL: lg.srv.URL, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	ts := NewPermanentSource(auth, "cid-1", "secret-one-1234", nil, WithClock(clock.Now))
	tok, err := ts.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lg.srv.Close() // Leiga unreachable
	clock.Advance(3300 * time.Second)
	got, err := ts.Token(context.Background())
	if err != nil || got != tok {
		t.Fatalf("Token = %q, %v; want the still-valid %q", got, err, tok)
	}
	clock.Advance(400 * time.Second) // now expired
	if _, err := ts.Token(context.Background()); err == nil {
		t.Fatal("an expired token was served")
	}
}

func TestTokenWarmNoAlloc(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil)
	ctx := context.Background()
	if _, err := ts.Token(ctx); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(1000, func() { ts.Token(ctx) }); n != 0 {
		t.Fatalf("warm Token allocates %.1f times, want 0", n)
	}
}

func BenchmarkTokenWarm(b *testing.B) {
	s := newManagedSource(AuthPermanent, "cid-1", "http://x", "", "cid:bench", nil, newSourceConfig([]SourceOption{perRequest}))
	s.fetch = func(context.Context, string) (grant, error) {
		return grant{access: "bench-token-123456", lifetime: time.Hour}, nil
	}
	ctx := context.Background()
	if _, err := s.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Token(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}
