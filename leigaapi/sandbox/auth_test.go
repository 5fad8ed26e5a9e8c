package sandbox

import (
	"net/http"
	"testing"
	"time"
)

// TestTokenLifecycle covers expiry with an injected clock, refresh-token
// rotation, permanent tokens and the Stats counter.
func TestTokenLifecycle(t *testing.T) {
	clock := &fakeClock{now: demoBase}
	tc := newTester(t, Options{Now: clock.Now, TokenTTL: time.Hour})
	var tok tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &tok)
	if tok.ExpireIn != 3600 || tok.AccessToken == "" || tok.RefreshToken == "" {
		t.Fatalf("access token reply %+v", tok)
	}
	var perm tokenResult
	tc.ok(http.MethodPost, "/authorize/access-permanent-token", creds(tc), &perm)
	if perm.ExpireIn != -1 || perm.AccessToken == tok.AccessToken || perm.RefreshToken != "" {
		t.Fatalf("permanent token reply %+v", perm)
	}

	use := func(token string) reply {
		tc.token = token
		return tc.call(http.MethodGet, "/project/list", nil)
	}
	if r := use(tok.AccessToken); r.Code != codeOK {
		t.Fatalf("fresh token: %s %s", r.Code, r.Msg)
	}
	clock.now = demoBase.Add(time.Hour - time.Second)
	if r := use(tok.AccessToken); r.Code != codeOK {
		t.Fatalf("token just before expiry: %s", r.Code)
	}
	clock.now = demoBase.Add(time.Hour)
	if r := use(tok.AccessToken); r.Status != http.StatusUnauthorized || r.Code != codeUnauthorized {
		t.Fatalf("expired token: HTTP %d code %s", r.Status, r.Code)
	}
	clock.now = demoBase.Add(1000 * time.Hour)
	if r := use(perm.AccessToken); r.Code != codeOK {
		t.Fatalf("permanent token after 1000h: %s", r.Code)
	}

	refresh := map[string]any{"clientId": ClientID, "secretKey": Secret, "refreshToken": tok.RefreshToken}
	clock.now = demoBase.Add(2 * time.Hour)
	var renewed tokenResult
	tc.ok(http.MethodPost, "/authorize/refresh-token", refresh, &renewed)
	if renewed.AccessToken == tok.AccessToken || renewed.RefreshToken == tok.RefreshToken || renewed.ExpireIn != 3600 {
		t.Fatalf("refresh reply %+v", renewed)
	}
	if r := use(renewed.AccessToken); r.Code != codeOK {
		t.Fatalf("refreshed token: %s", r.Code)
	}
	if r := tc.call(http.MethodPost, "/authorize/refresh-token", refresh); r.Status != http.StatusOK || r.Code != codeBadRefresh {
		t.Fatalf("reused refresh token: HTTP %d code %s", r.Status, r.Code)
	}
	clock.now = demoBase.Add(2*time.Hour + refreshTTL)
	refresh["refreshToken"] = renewed.RefreshToken
	tc.fails(codeBadRefresh, http.MethodPost, "/authorize/refresh-token", refresh)

	if got := tc.sb.Stats().TokenRequests; got != 3 {
		t.Errorf("TokenRequests = %d, want 3", got)
	}
}

// TestBadCredentials expects code 10001 (HTTP 200, not a token failure)
// for a wrong client id or secret on every /authorize endpoint.
func TestBadCredentials(t *testing.T) {
	tc := newTester(t, Options{})
	tests := []map[string]any{
		{"clientId": ClientID, "secretKey": "wrong", "refreshToken": "x"},
		{"clientId": "someone-else", "secretKey": Secret, "refreshToken": "x"},
	}
	for _, path := range []string{"/authorize/access-permanent-token", "/authorize/access-token", "/authorize/refresh-token"} {
		for _, params := range tests {
			r := tc.fails(codeBadCredentials, http.MethodPost, path, params)
			if r.Status != http.StatusOK || r.Msg != "invalid clientId or secretKey" {
				t.Errorf("%s %v: HTTP %d msg %q", path, params, r.Status, r.Msg)
			}
		}
	}
	if got := tc.sb.Stats().TokenRequests; got != 0 {
		t.Errorf("TokenRequests = %d after failures", got)
	}
}

// TestRevokeTokens invalidates issued tokens and StaticToken; new ones can
// be fetched afterwards.
func TestRevokeTokens(t *testing.T) {
	tc := newTester(t, Options{})
	var tok, perm tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &tok)
	tc.ok(http.MethodPost, "/authorize/access-permanent-token", creds(tc), &perm)
	tc.sb.RevokeTokens()
	for _, token := range []string{StaticToken, tok.AccessToken, perm.AccessToken} {
		tc.token = token
		if r := tc.call(http.MethodGet, "/project/list", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("token still works after revoke: HTTP %d", r.Status)
		}
	}
	tc.fails(codeBadRefresh, http.MethodPost, "/authorize/refresh-token", map[string]any{"clientId": ClientID, "secretKey": Secret, "refreshToken": tok.RefreshToken})
	var fresh tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &fresh)
	tc.token = fresh.AccessToken
	tc.ok(http.MethodGet, "/project/list", nil, nil)
}
