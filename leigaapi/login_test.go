package leigaapi

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
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
	var out bytes.Buffer
	opened := ""
	browse := oa.browse("")
	err := Login(context.Background(), creds, LoginOptions{Out: &out, OpenBrowser: func(u string) error { opened = u; return browse(u) }})
	if err != nil {
		t.Fatalf("Login: %v\n%s", err, out.String())
	}
	if oa.pkceOK.Load() != 1 || oa.codeCalls.Load() != 1 {
		t.Fatalf("code exchanges %d, PKCE verified %d; want 1 and 1", oa.codeCalls.Load(), oa.pkceOK.Load())
	}
	if !strings.Contains(out.String(), opened) || !strings.Contains(opened, "code_challenge_method=S256") {
		t.Fatalf("authorize URL not printed or without PKCE:\n%s", out.String())
	}
	if strings.Contains(out.String(), "oa-access-") || strings.Contains(out.String(), "oa-refresh-") {
		t.Fatalf("login printed a token:\n%s", out.String())
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
	e, ok, _ := cache.load(AuthOAuth, oa.clientID, oa.settings("").TokenURL)
	if !ok || e.AccessToken != lg.lastSeen() || e.RefreshToken == "oa-refresh-2" {
		t.Fatalf("cache not updated after the refresh: %+v", e.AccessToken)
	}
}

func TestLoginRejects(t *testing.T) {
	tests := []struct {
		name      string
		tamper    string
		wantErr   string
		wantCodes int32 // code exchanges the fake saw
	}{
		{"state mismatch", "state", "state", 0},
		{"PKCE verifier does not match the challenge", "challenge", "invalid_grant", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oa := newAuthFakeOAuth(t)
			cachePath := filepath.Join(t.TempDir(), "oauth.json")
			err := Login(context.Background(), loginCreds(oa, cachePath), LoginOptions{OpenBrowser: oa.browse(tt.tamper)})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
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
			err := Login(context.Background(), tt.creds(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.wantErr)
			}
		})
	}
	if oa.tokenCalls.Load() != 0 {
		t.Fatal("a failed login reached the token endpoint")
	}
}

// TestLoginBrowserFailure: when the browser cannot be opened the user is
// told to open the URL by hand, and the flow still completes.
func TestLoginBrowserFailure(t *testing.T) {
	oa := newAuthFakeOAuth(t)
	var out bytes.Buffer
	urls := make(chan string, 1)
	go func() {
		u := <-urls
		oa.browse("")(u) // the user pastes the URL
	}()
	err := Login(context.Background(), loginCreds(oa, t.TempDir()), LoginOptions{Out: &out, OpenBrowser: func(u string) error {
		urls <- u
		return errors.New("no display")
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Could not open a browser") {
		t.Fatalf("output:\n%s", out.String())
	}
}
