package auth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func loginCreds(oa *authFakeOAuth, cache string) Credentials {
	return Credentials{Kind: AuthOAuth, OAuth: oa.settings("http://127.0.0.1:0/callback"), TokenCache: cache}
}

// TestLoginHappyPath: the code flow with PKCE stores tokens in the cache;
// a later oauth source uses them and renews with the refresh_token grant.
func TestLoginHappyPath(t *testing.T) {
	oa := newAuthFakeOAuth(t)
	lg := newAuthFakeLeiga(t)
	oa.onIssue = func(access string) { lg.accept(access, "oauth") }
	cachePath := filepath.Join(t.TempDir(), "oauth.json")
	creds := loginCreds(oa, cachePath)
	var authURL, redirectURL string
	browse, status := oa.browseLater("")
	res, err := Login(context.Background(), creds, LoginOptions{Authorize: func(a, r string) {
		authURL, redirectURL = a, r
		browse(a, r)
	}})
	if err != nil {
		t.Fatalf("Login: %v", err)
	}
	if got := <-status; got != http.StatusOK {
		t.Fatalf("redirect page status = %d, want 200", got)
	}
	if oa.pkceOK.Load() != 1 || oa.codeCalls.Load() != 1 {
		t.Fatalf("code exchanges %d, PKCE verified %d; want 1 and 1", oa.codeCalls.Load(), oa.pkceOK.Load())
	}
	u, _ := url.Parse(authURL)
	if u.Query().Get("code_challenge_method") != "S256" || u.Query().Get("redirect_uri") != redirectURL || strings.HasSuffix(redirectURL, ":0/callback") {
		t.Fatalf("authorize URL %q, redirect %q: want PKCE and the chosen port", authURL, redirectURL)
	}
	if want := (LoginResult{ClientID: oa.clientID, Path: cachePath, Refreshable: true}); res != want {
		t.Fatalf("result = %+v, want %+v", res, want)
	}
	fi, err := os.Stat(cachePath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("cache file: %v %v", fi, err)
	}

	clock := newAuthClock()
	clock.t = time.Now()
	cache, _ := OpenTokenCache(cachePath)
	ts, err := NewTokenSource(nil, creds, cache, WithClock(clock.Now))
	if err != nil {
		t.Fatal(err)
	}
	api := lg.apiClient(t, ts)
	if err := authCallProtected(context.Background(), api); err != nil {
		t.Fatal(err)
	}
	if got := lg.lastSeen(); got != "oa-access-2" { // code-1 was the code, 2 the exchange
		t.Fatalf("call used %q, want the token from login", got)
	}
	if oa.tokenCalls.Load() != 1 {
		t.Fatalf("token endpoint calls = %d, want 1 (the cached token was used)", oa.tokenCalls.Load())
	}
	clock.Advance(2 * time.Hour)
	if err := authCallProtected(context.Background(), api); err != nil {
		t.Fatal(err)
	}
	if oa.refreshCalls.Load() != 1 || lg.lastSeen() == "oa-access-2" {
		t.Fatalf("refresh grants %d, token used %q; want one refresh and a new token", oa.refreshCalls.Load(), lg.lastSeen())
	}
	e, err := cache.load(AuthOAuth, oa.clientID, oa.settings("").TokenURL)
	if err != nil || e.AccessToken != lg.lastSeen() || e.RefreshToken == "oa-refresh-2" {
		t.Fatalf("cache not updated after the refresh: %v", err)
	}
}

// TestLoginWrongStateKeepsWaiting: redirects with a forged or missing state
// get a 400 page and request no token; the login goes on and completes with
// the right redirect, or times out if none comes.
func TestLoginWrongStateKeepsWaiting(t *testing.T) {
	oa := newAuthFakeOAuth(t)
	var mu sync.Mutex
	var statuses []int
	authorize := func(authURL, _ string) {
		go func() {
			for _, tamper := range []string{"state", "no-state", ""} {
				code, err := oa.browse(authURL, tamper)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				statuses = append(statuses, code)
				mu.Unlock()
			}
		}()
	}
	if _, err := Login(context.Background(), loginCreds(oa, t.TempDir()), LoginOptions{Authorize: authorize}); err != nil {
		t.Fatalf("Login after two stray redirects: %v", err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		mu.Lock()
		got := append([]int(nil), statuses...)
		mu.Unlock()
		if len(got) == 3 || time.Now().After(deadline) {
			if want := []int{400, 400, 200}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
				t.Fatalf("redirect pages = %v, want %v", got, want)
			}
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if got := oa.codeCalls.Load(); got != 1 {
		t.Fatalf("code exchanges = %d, want 1 (only the right redirect's)", got)
	}

	// Only forged redirects: the login waits until its timeout.
	oa2 := newAuthFakeOAuth(t)
	browse, status := oa2.browseLater("state")
	_, err := Login(context.Background(), loginCreds(oa2, t.TempDir()), LoginOptions{Authorize: browse, Timeout: 300 * time.Millisecond})
	const want = "login timed out after 300ms without a redirect from the browser"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if got := <-status; got != http.StatusBadRequest {
		t.Fatalf("forged redirect page status = %d, want 400", got)
	}
	if oa2.tokenCalls.Load() != 0 {
		t.Fatal("a forged redirect reached the token endpoint")
	}
}

// TestLoginRejects: a refusal by the authorization server, or a code whose
// PKCE challenge does not match, ends the login with no tokens stored.
func TestLoginRejects(t *testing.T) {
	tests := []struct {
		name      string
		tamper    string
		wantErr   string
		wantCodes int32 // code exchanges the fake saw
	}{
		{"PKCE verifier does not match the challenge", "challenge", "invalid_grant", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oa := newAuthFakeOAuth(t)
			cachePath := filepath.Join(t.TempDir(), "oauth.json")
			browse, status := oa.browseLater(tt.tamper)
			_, err := Login(context.Background(), loginCreds(oa, cachePath), LoginOptions{Authorize: browse})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
			if got := <-status; got != http.StatusBadGateway {
				t.Fatalf("redirect page status = %d, want 502", got)
			}
			if got := oa.codeCalls.Load(); got != tt.wantCodes {
				t.Fatalf("code exchanges = %d, want %d", got, tt.wantCodes)
			}
			if oa.pkceOK.Load() != 0 {
				t.Fatal("the fake accepted a PKCE verifier")
			}
			if _, err := os.Stat(cachePath); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("tokens stored after a failed login: %v", err)
			}
		})
	}
	t.Run("authorization server refuses", func(t *testing.T) {
		oa := newAuthFakeOAuth(t)
		authorize := func(authURL, redirectURL string) {
			u, _ := url.Parse(authURL)
			cb := redirectURL + "?" + url.Values{"state": {u.Query().Get("state")}, "error": {"access_denied"}, "error_description": {"the user said no"}}.Encode()
			go func() {
				if resp, err := http.Get(cb); err == nil {
					resp.Body.Close()
				}
			}()
		}
		_, err := Login(context.Background(), loginCreds(oa, t.TempDir()), LoginOptions{Authorize: authorize})
		const want = "login failed: the authorization server answered access_denied the user said no"
		if err == nil || err.Error() != want {
			t.Fatalf("err = %v, want %q", err, want)
		}
		if oa.tokenCalls.Load() != 0 {
			t.Fatal("a refused login reached the token endpoint")
		}
	})
}

func TestLoginSettings(t *testing.T) {
	oa := newAuthFakeOAuth(t)
	dir := t.TempDir()
	tests := []struct {
		name    string
		creds   func() Credentials
		opts    LoginOptions
		wantErr string
	}{
		{"missing auth url", func() Credentials { c := loginCreds(oa, dir); c.OAuth.AuthURL = ""; return c }, LoginOptions{}, "LEIGA_OAUTH_AUTH_URL"},
		{"missing redirect", func() Credentials { c := loginCreds(oa, dir); c.OAuth.RedirectURL = ""; return c }, LoginOptions{}, "LEIGA_OAUTH_REDIRECT_URL"},
		{"cache off", func() Credentials { return loginCreds(oa, "off") }, LoginOptions{}, "LEIGA_TOKEN_CACHE=off"},
		{"non-loopback listener", func() Credentials { return loginCreds(oa, dir) }, LoginOptions{ListenAddr: "0.0.0.0:0"}, "loopback"},
		{"redirect without port", func() Credentials {
			c := loginCreds(oa, dir)
			c.OAuth.RedirectURL = "http://127.0.0.1/cb"
			return c
		}, LoginOptions{}, "port"},
		{"timeout", func() Credentials { return loginCreds(oa, dir) }, LoginOptions{Timeout: 30 * time.Millisecond}, "timed out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Login(context.Background(), tt.creds(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
	if oa.tokenCalls.Load() != 0 {
		t.Fatal("a failed login reached the token endpoint")
	}
}
