package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"golang.org/x/oauth2"
)

// authClock is an injectable clock.
type authClock struct {
	mu sync.Mutex
	t  time.Time
}

func newAuthClock() *authClock { return &authClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *authClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *authClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// authFakeLeiga fakes the Leiga /authorize endpoints and one protected
// endpoint, GET /issue/get, which accepts only tokens it issued (or was
// told to accept) and answers anything else with HTTP 401.
type authFakeLeiga struct {
	srv *httptest.Server

	mu        sync.Mutex
	clients   map[string]string // client id → secret
	valid     map[string]string // access token → client id
	refreshes map[string]string // refresh token → client id
	n         int
	expireIn  int  // seconds in replies; 0 → -1 (never)
	rotate    bool // refresh-token issues a new refresh token
	rejectAll bool // protected endpoint rejects every token
	tokenMsg  string
	seen      []string // access tokens presented to the protected endpoint
	usedRefr  []string // refresh tokens presented to refresh-token

	gate    chan struct{} // when set, token endpoints wait for it to close
	started chan struct{} // when set, token endpoints signal arrival (non-blocking)

	permanentCalls, accessCalls, refreshCalls, protectedCalls atomic.Int32
}

func newAuthFakeLeiga(t *testing.T) *authFakeLeiga {
	f := &authFakeLeiga{
		clients:   map[string]string{"cid-1": "secret-one-1234", "cid-2": "secret-two-5678"},
		valid:     map[string]string{},
		refreshes: map[string]string{},
		expireIn:  3600,
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /authorize/access-permanent-token", f.token(&f.permanentCalls, false))
	mux.HandleFunc("POST /authorize/access-token", f.token(&f.accessCalls, true))
	mux.HandleFunc("POST /authorize/refresh-token", f.token(&f.refreshCalls, true))
	mux.HandleFunc("GET /issue/get", f.protected)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func authWriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func authEnvelope(code, msg string, data any) map[string]any {
	return map[string]any{"code": code, "msg": msg, "data": data}
}

func (f *authFakeLeiga) token(counter *atomic.Int32, withRefresh bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		counter.Add(1)
		if r.Header.Get("accessToken") != "" {
			authWriteJSON(w, 400, authEnvelope("400", "authorize calls take no accessToken", nil))
			return
		}
		f.mu.Lock()
		gate, started := f.gate, f.started
		f.mu.Unlock()
		if started != nil {
			select {
			case started <- struct{}{}:
			default:
			}
		}
		if gate != nil {
			<-gate
		}
		var body struct{ ClientID, SecretKey, RefreshToken string }
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			authWriteJSON(w, 400, authEnvelope("400", "bad body", nil))
			return
		}
		f.mu.Lock()
		defer f.mu.Unlock()
		if want, ok := f.clients[body.ClientID]; !ok || want != body.SecretKey {
			msg := f.tokenMsg
			if msg == "" {
				msg = "clientId or secretKey error"
			}
			authWriteJSON(w, 200, authEnvelope("10002", msg, nil))
			return
		}
		isRefresh := r.URL.Path == "/authorize/refresh-token"
		if isRefresh {
			f.usedRefr = append(f.usedRefr, body.RefreshToken)
			if f.refreshes[body.RefreshToken] != body.ClientID {
				authWriteJSON(w, 200, authEnvelope("10003", "refreshToken invalid", nil))
				return
			}
		}
		f.n++
		access := fmt.Sprintf("tok-%s-%d-%s", body.ClientID, f.n, r.URL.Path[len("/authorize/"):])
		f.valid[access] = body.ClientID
		data := map[string]any{"accessToken": access}
		if f.expireIn == 0 {
			data["expireIn"] = -1
		} else {
			data["expireIn"] = f.expireIn
		}
		if withRefresh && (!isRefresh || f.rotate) {
			if isRefresh {
				delete(f.refreshes, body.RefreshToken)
			}
			ref := fmt.Sprintf("ref-%s-%d", body.ClientID, f.n)
			f.refreshes[ref] = body.ClientID
			data["refreshToken"] = ref
		}
		authWriteJSON(w, 200, authEnvelope("0", "success", data))
	}
}

func (f *authFakeLeiga) protected(w http.ResponseWriter, r *http.Request) {
	f.protectedCalls.Add(1)
	tok := r.Header.Get("accessToken")
	f.mu.Lock()
	f.seen = append(f.seen, tok)
	_, ok := f.valid[tok]
	reject := f.rejectAll
	f.mu.Unlock()
	if !ok || reject {
		authWriteJSON(w, 401, authEnvelope("401", "accessToken invalid or expired", nil))
		return
	}
	authWriteJSON(w, 200, authEnvelope("0", "success", map[string]any{"id": 1}))
}

// set changes the fake's settings under its lock.
func (f *authFakeLeiga) set(fn func(f *authFakeLeiga)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *authFakeLeiga) accept(token, clientID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.valid[token] = clientID
}

func (f *authFakeLeiga) revoke(token string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.valid, token)
}

func (f *authFakeLeiga) addRefresh(ref, clientID string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshes[ref] = clientID
}

func (f *authFakeLeiga) clientOf(token string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.valid[token]
}

func (f *authFakeLeiga) lastSeen() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.seen) == 0 {
		return ""
	}
	return f.seen[len(f.seen)-1]
}

func (f *authFakeLeiga) refreshUsed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.usedRefr...)
}

// authClient returns a client with no token source, for the /authorize calls.
func (f *authFakeLeiga) authClient(t *testing.T) *leigaapi.Client {
	t.Helper()
	c, err := leigaapi.New(leigaapi.Options{BaseURL: f.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// apiClient returns a client using ts.
func (f *authFakeLeiga) apiClient(t *testing.T, ts leigaapi.TokenSource) *leigaapi.Client {
	t.Helper()
	c, err := leigaapi.New(leigaapi.Options{BaseURL: f.srv.URL, Tokens: ts})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func authCallProtected(ctx context.Context, c *leigaapi.Client) error {
	_, err := c.Do(ctx, leigaapi.Request{Method: http.MethodGet, Path: "/issue/get"})
	return err
}

// authFakeOAuth fakes a standard OAuth2 authorization server: the browser side
// of /authorize (browse) and a token endpoint with the authorization_code
// and refresh_token grants, Basic client auth, PKCE S256, replying 201.
type authFakeOAuth struct {
	srv          *httptest.Server
	clientID     string
	clientSecret string
	expiresIn    int
	onIssue      func(access string) // e.g. make the fake Leiga accept it

	mu        sync.Mutex
	codes     map[string]authCodeGrant // code → what it was issued for
	refreshes map[string]bool
	n         int

	tokenCalls, codeCalls, refreshCalls, pkceOK atomic.Int32
}

type authCodeGrant struct{ challenge, redirect string }

func newAuthFakeOAuth(t *testing.T) *authFakeOAuth {
	f := &authFakeOAuth{
		clientID:     "oauth-client",
		clientSecret: "oauth-secret-9876",
		expiresIn:    3600,
		codes:        map[string]authCodeGrant{},
		refreshes:    map[string]bool{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", f.tokenEndpoint)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *authFakeOAuth) settings(redirect string) OAuthSettings {
	return OAuthSettings{
		TokenURL:     f.srv.URL + "/oauth/token",
		AuthURL:      f.srv.URL + "/oauth/authorize",
		ClientID:     f.clientID,
		ClientSecret: f.clientSecret,
		RedirectURL:  redirect,
		Scopes:       []string{"read", "write"},
	}
}

func authOAuthErr(w http.ResponseWriter, status int, code string) {
	authWriteJSON(w, status, map[string]string{"error": code})
}

func (f *authFakeOAuth) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	f.tokenCalls.Add(1)
	id, secret, ok := r.BasicAuth()
	id, _ = url.QueryUnescape(id)
	secret, _ = url.QueryUnescape(secret)
	if !ok || id != f.clientID || secret != f.clientSecret || r.PostFormValue("client_secret") != "" {
		authOAuthErr(w, 401, "invalid_client")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	switch r.PostFormValue("grant_type") {
	case "authorization_code":
		f.codeCalls.Add(1)
		g, ok := f.codes[r.PostFormValue("code")]
		delete(f.codes, r.PostFormValue("code"))
		if !ok || g.redirect != r.PostFormValue("redirect_uri") {
			authOAuthErr(w, 400, "invalid_grant")
			return
		}
		if oauth2.S256ChallengeFromVerifier(r.PostFormValue("code_verifier")) != g.challenge {
			authOAuthErr(w, 400, "invalid_grant")
			return
		}
		f.pkceOK.Add(1)
	case "refresh_token":
		f.refreshCalls.Add(1)
		rt := r.PostFormValue("refresh_token")
		if !f.refreshes[rt] {
			authOAuthErr(w, 400, "invalid_grant")
			return
		}
		delete(f.refreshes, rt)
	default:
		authOAuthErr(w, 400, "unsupported_grant_type")
		return
	}
	f.n++
	access := fmt.Sprintf("oa-access-%d", f.n)
	refresh := fmt.Sprintf("oa-refresh-%d", f.n)
	f.refreshes[refresh] = true
	if f.onIssue != nil {
		f.onIssue(access)
	}
	authWriteJSON(w, http.StatusCreated, map[string]any{
		"access_token": access, "token_type": "Bearer", "refresh_token": refresh,
		"expires_in": f.expiresIn, "scope": "read write",
	})
}

func (f *authFakeOAuth) addRefresh(rt string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.refreshes[rt] = true
}

// browse plays the user's browser at the authorize URL: it checks the
// request, issues a code bound to the PKCE challenge, and follows the
// redirect, returning the status of the redirect's page. tamper alters the
// redirect: "state" forges its state, "no-state" drops it, "challenge"
// binds the code to another PKCE challenge.
func (f *authFakeOAuth) browse(authURL, tamper string) (int, error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return 0, err
	}
	q := u.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != f.clientID ||
		q.Get("code_challenge_method") != "S256" || q.Get("code_challenge") == "" || q.Get("state") == "" {
		return 0, fmt.Errorf("bad authorize request %s", authURL)
	}
	challenge := q.Get("code_challenge")
	cq := url.Values{"state": {q.Get("state")}}
	switch tamper {
	case "state":
		cq.Set("state", "forged-state")
	case "no-state":
		cq.Del("state")
	case "challenge":
		challenge = oauth2.S256ChallengeFromVerifier("attacker-verifier-0000000000000000000000000")
	}
	f.mu.Lock()
	f.n++
	code := fmt.Sprintf("code-%d", f.n)
	f.codes[code] = authCodeGrant{challenge: challenge, redirect: q.Get("redirect_uri")}
	f.mu.Unlock()
	cb, err := url.Parse(q.Get("redirect_uri"))
	if err != nil {
		return 0, err
	}
	cq.Set("code", code)
	cb.RawQuery = cq.Encode()
	resp, err := http.Get(cb.String())
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// browseLater returns a LoginOptions.Authorize that browses in the
// background, as a user does after Login has printed the URL, and sends
// the page's status on the channel.
func (f *authFakeOAuth) browseLater(tamper string) (func(authURL, redirectURL string), <-chan int) {
	status := make(chan int, 1)
	return func(authURL, _ string) {
		go func() {
			code, _ := f.browse(authURL, tamper)
			status <- code
		}()
	}, status
}

// authEnv turns a map into a getenv function.
func authEnv(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}
