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

// TestRevokeTokens invalidates issued tokens and the static tokens; new
// ones can be fetched afterwards.
func TestRevokeTokens(t *testing.T) {
	tc := newTester(t, Options{})
	var tok, perm tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &tok)
	tc.ok(http.MethodPost, "/authorize/access-permanent-token", creds(tc), &perm)
	var bob tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", userCreds(DemoUserBob), &bob)
	tc.sb.RevokeTokens()
	for _, token := range []string{StaticToken, StaticTokenFor(DemoUserAlice), StaticTokenFor(DemoUserBob), tok.AccessToken, perm.AccessToken, bob.AccessToken} {
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

// TestCredentialHelpers pins the documented forms of the per-user
// credentials.
func TestCredentialHelpers(t *testing.T) {
	tests := []struct{ got, want string }{
		{ClientIDFor(1002), "sandbox-client-1002"},
		{StaticTokenFor(1002), "sandbox-token-1002"},
		{ClientIDFor(DemoUserAlice), "sandbox-client-1001"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestTokensActAsTheirUser: every kind of credential of a user yields a
// token acting as that user, and the default ones act as the seed's
// current user.
func TestTokensActAsTheirUser(t *testing.T) {
	tc := newTester(t, Options{})
	authorize := func(path string, params map[string]any) string {
		var tok tokenResult
		tc.ok(http.MethodPost, path, params, &tok)
		return tok.AccessToken
	}
	refreshed := func(params map[string]any) string {
		var tok, renewed tokenResult
		tc.ok(http.MethodPost, "/authorize/access-token", params, &tok)
		tc.ok(http.MethodPost, "/authorize/refresh-token", map[string]any{"clientId": params["clientId"], "secretKey": Secret, "refreshToken": tok.RefreshToken}, &renewed)
		return renewed.AccessToken
	}
	defaults := map[string]any{"clientId": ClientID, "secretKey": Secret}
	tests := []struct {
		name  string
		token func() string
		want  int64
	}{
		{"StaticToken", func() string { return StaticToken }, DemoUserAlice},
		{"ClientID access token", func() string { return authorize("/authorize/access-token", defaults) }, DemoUserAlice},
		{"ClientID permanent token", func() string { return authorize("/authorize/access-permanent-token", defaults) }, DemoUserAlice},
		{"ClientID refreshed token", func() string { return refreshed(defaults) }, DemoUserAlice},
		{"StaticTokenFor Alice", func() string { return StaticTokenFor(DemoUserAlice) }, DemoUserAlice},
		{"ClientIDFor Alice", func() string { return authorize("/authorize/access-token", userCreds(DemoUserAlice)) }, DemoUserAlice},
		{"StaticTokenFor Bob", func() string { return StaticTokenFor(DemoUserBob) }, DemoUserBob},
		{"ClientIDFor Bob access token", func() string { return authorize("/authorize/access-token", userCreds(DemoUserBob)) }, DemoUserBob},
		{"ClientIDFor Carol permanent token", func() string { return authorize("/authorize/access-permanent-token", userCreds(DemoUserCarol)) }, DemoUserCarol},
		{"ClientIDFor Frank refreshed token", func() string { return refreshed(userCreds(DemoUserFrank)) }, DemoUserFrank},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tc.as(tt.token()).whoami(); got != tt.want {
				t.Fatalf("acts as %d, want %d", got, tt.want)
			}
		})
	}
}

// TestDefaultCredentialsFollowTheSeed: ClientID and StaticToken belong to
// Seed.CurrentUserID, whoever that is.
func TestDefaultCredentialsFollowTheSeed(t *testing.T) {
	seed := DemoSeed()
	seed.CurrentUserID = DemoUserDavid
	tc := newTester(t, Options{Seed: seed})
	if got := tc.whoami(); got != DemoUserDavid {
		t.Fatalf("StaticToken acts as %d, want %d", got, DemoUserDavid)
	}
	var tok tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &tok)
	if got := tc.as(tok.AccessToken).whoami(); got != DemoUserDavid {
		t.Fatalf("ClientID token acts as %d, want %d", got, DemoUserDavid)
	}
	if got := tc.as(StaticTokenFor(DemoUserAlice)).whoami(); got != DemoUserAlice {
		t.Fatalf("StaticTokenFor(Alice) acts as %d", got)
	}
}

// TestCredentialsRefused: client ids of unknown, disabled or removed users
// and malformed ones answer 10001 on every /authorize endpoint; the
// matching static tokens answer HTTP 401.
func TestCredentialsRefused(t *testing.T) {
	tc := newTester(t, Options{})
	tc.ok(http.MethodDelete, "/org/remove-org-user", map[string]any{"userId": DemoUserEmma}, nil)
	tests := []struct {
		name     string
		clientID string
		token    string
	}{
		{"disabled user", ClientIDFor(DemoUserGrace), StaticTokenFor(DemoUserGrace)},
		{"removed user", ClientIDFor(DemoUserEmma), StaticTokenFor(DemoUserEmma)},
		{"unknown user", ClientIDFor(4242), StaticTokenFor(4242)},
		{"leading zero", "sandbox-client-01002", "sandbox-token-01002"},
		{"plus sign", "sandbox-client-+1002", "sandbox-token-+1002"},
		{"no id", "sandbox-client-", "sandbox-token-"},
		{"trailing text", "sandbox-client-1002x", "sandbox-token-1002x"},
		{"no dash", "sandbox-client1002", "sandbox-token1002"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			params := map[string]any{"clientId": tt.clientID, "secretKey": Secret, "refreshToken": "x"}
			for _, path := range []string{"/authorize/access-permanent-token", "/authorize/access-token", "/authorize/refresh-token"} {
				if r := tc.fails(codeBadCredentials, http.MethodPost, path, params); r.Status != http.StatusOK {
					t.Errorf("%s: HTTP %d", path, r.Status)
				}
			}
			if r := tc.as(tt.token).call(http.MethodGet, "/project/list", nil); r.Status != http.StatusUnauthorized || r.Code != codeUnauthorized {
				t.Errorf("static token %q: HTTP %d code %s", tt.token, r.Status, r.Code)
			}
		})
	}
	wrongSecret := map[string]any{"clientId": ClientIDFor(DemoUserBob), "secretKey": "wrong"}
	tc.fails(codeBadCredentials, http.MethodPost, "/authorize/access-token", wrongSecret)
	if got := tc.sb.Stats().TokenRequests; got != 0 {
		t.Errorf("TokenRequests = %d after refusals", got)
	}
}

// TestTokensOfDeactivatedUsers: a user's tokens stop working while the
// user is disabled and work again once enabled; a removed user's never
// do again.
func TestTokensOfDeactivatedUsers(t *testing.T) {
	admin := newTester(t, Options{})
	var bob, emma tokenResult
	admin.ok(http.MethodPost, "/authorize/access-token", userCreds(DemoUserBob), &bob)
	admin.ok(http.MethodPost, "/authorize/access-permanent-token", userCreds(DemoUserEmma), &emma)
	status := func(token string) int {
		return admin.as(token).call(http.MethodGet, "/project/list", nil).Status
	}
	admin.ok(http.MethodPost, "/org/disable-org-user", map[string]any{"userId": DemoUserBob}, nil)
	for _, token := range []string{bob.AccessToken, StaticTokenFor(DemoUserBob)} {
		if got := status(token); got != http.StatusUnauthorized {
			t.Errorf("token of disabled Bob: HTTP %d", got)
		}
	}
	admin.fails(codeBadCredentials, http.MethodPost, "/authorize/refresh-token", map[string]any{"clientId": ClientIDFor(DemoUserBob), "secretKey": Secret, "refreshToken": bob.RefreshToken})
	admin.ok(http.MethodPost, "/org/enable-org-user", map[string]any{"userId": DemoUserBob}, nil)
	for _, token := range []string{bob.AccessToken, StaticTokenFor(DemoUserBob)} {
		if got := status(token); got != http.StatusOK {
			t.Errorf("token of re-enabled Bob: HTTP %d", got)
		}
	}
	admin.ok(http.MethodDelete, "/org/remove-org-user", map[string]any{"userId": DemoUserEmma}, nil)
	for _, token := range []string{emma.AccessToken, StaticTokenFor(DemoUserEmma)} {
		if got := status(token); got != http.StatusUnauthorized {
			t.Errorf("token of removed Emma: HTTP %d", got)
		}
	}
	if got := status(StaticToken); got != http.StatusOK {
		t.Errorf("StaticToken: HTTP %d", got)
	}
}

// TestRefreshTokenBelongsToItsUser: a refresh token works only with the
// client id of the user it was issued to; another user's attempt neither
// succeeds nor uses it up.
func TestRefreshTokenBelongsToItsUser(t *testing.T) {
	tc := newTester(t, Options{})
	var bob tokenResult
	tc.ok(http.MethodPost, "/authorize/access-token", userCreds(DemoUserBob), &bob)
	for _, clientID := range []string{ClientID, ClientIDFor(DemoUserCarol)} {
		tc.fails(codeBadRefresh, http.MethodPost, "/authorize/refresh-token", map[string]any{"clientId": clientID, "secretKey": Secret, "refreshToken": bob.RefreshToken})
	}
	var renewed tokenResult
	tc.ok(http.MethodPost, "/authorize/refresh-token", map[string]any{"clientId": ClientIDFor(DemoUserBob), "secretKey": Secret, "refreshToken": bob.RefreshToken}, &renewed)
	if got := tc.as(renewed.AccessToken).whoami(); got != DemoUserBob {
		t.Fatalf("refreshed token acts as %d", got)
	}
}
