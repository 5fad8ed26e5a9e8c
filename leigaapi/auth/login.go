package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"golang.org/x/oauth2"
)

// DefaultLoginTimeout is how long Login waits for the browser redirect.
const DefaultLoginTimeout = 5 * time.Minute

// LoginOptions adjust Login.
type LoginOptions struct {
	// Authorize is given the URL the user must open to authorize
	// leiga-mcp, and the redirect URL the login waits on (port 0 replaced by
	// the port chosen). Login calls it once, when the redirect listener is
	// up, and waits for the redirect after it returns: it should show or
	// open the URL, not wait for the user.
	Authorize func(authURL, redirectURL string)
	// ListenAddr is the loopback host:port of the redirect listener; default
	// the host:port of LEIGA_OAUTH_REDIRECT_URL. Port 0 in both picks a free
	// port and rewrites the redirect URL to it.
	ListenAddr string
	Timeout    time.Duration // default DefaultLoginTimeout
	Cache      *TokenCache   // where tokens go; default OpenTokenCache(c.TokenCache)
}

// LoginResult says where a successful Login stored the tokens.
type LoginResult struct {
	ClientID    string // the OAuth client id
	Path        string // the token cache file
	Refreshable bool   // the token endpoint returned a refresh token
}

// Login runs the OAuth2 authorization-code flow with PKCE (S256): it hands
// the authorize URL to opts.Authorize, receives the code on a loopback
// redirect listener, exchanges it with the verifier, and stores the tokens
// in the cache, where a later NewTokenSource for kind oauth finds them and
// renews them with the refresh_token grant. A redirect whose state does not
// match gets a 400 page, and the login keeps waiting for the right one until
// its timeout; no token is requested for it. Login neither prints nor opens
// anything itself.
func Login(ctx context.Context, c Credentials, opts LoginOptions) (LoginResult, error) {
	p, err := newLoginPlan(c, opts)
	if err != nil {
		return LoginResult{}, err
	}
	ln, err := p.listen()
	if err != nil {
		return LoginResult{}, err
	}
	conf := oauthConfig(p.o)
	state, verifier := rand.Text(), oauth2.GenerateVerifier()
	cb := newLoginCallback(state, p.redirect.Path)
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: cb}
	go srv.Serve(ln)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()

	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	if opts.Authorize != nil {
		opts.Authorize(conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), p.o.RedirectURL)
	}
	code, err := cb.wait(ctx)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return LoginResult{}, fmt.Errorf("login timed out after %s without a redirect from the browser", p.timeout)
		}
		return LoginResult{}, err
	}
	res, err := p.exchange(ctx, conf, code, verifier)
	cb.finish(err)
	return res, err
}

// loginPlan is a checked login configuration.
type loginPlan struct {
	o        OAuthSettings // RedirectURL rewritten once the listener is up
	redirect *url.URL
	addr     string // listener host:port
	timeout  time.Duration
	cache    *TokenCache
	seed     string // seedHash of LEIGA_REFRESH_TOKEN
}

// newLoginPlan checks the settings Login needs, naming what is missing.
func newLoginPlan(c Credentials, opts LoginOptions) (*loginPlan, error) {
	o := c.OAuth
	if err := checkLoginURLs(o); err != nil {
		return nil, err
	}
	redirect, err := url.Parse(o.RedirectURL)
	if err != nil || redirect.Scheme != "http" || redirect.Host == "" {
		return nil, fmt.Errorf("%s=%q must be a loopback http URL such as http://127.0.0.1:8765/callback", EnvOAuthRedirectURL, o.RedirectURL)
	}
	p := &loginPlan{o: o, redirect: redirect, addr: opts.ListenAddr, timeout: opts.Timeout, cache: opts.Cache, seed: seedHash(c.RefreshToken)}
	if p.timeout <= 0 {
		p.timeout = DefaultLoginTimeout
	}
	if p.cache == nil {
		if p.cache, err = OpenTokenCache(c.TokenCache); err != nil {
			return nil, err
		}
		if p.cache == nil {
			return nil, fmt.Errorf("%s=off: login has nowhere to store the tokens; unset it or set it to a file path", EnvTokenCache)
		}
	}
	if p.addr == "" {
		if redirect.Port() == "" {
			return nil, fmt.Errorf("%s=%q needs an explicit port for the local listener", EnvOAuthRedirectURL, o.RedirectURL)
		}
		p.addr = redirect.Host
	}
	return p, nil
}

// checkLoginURLs requires the authorize and token URLs, the client id and
// the redirect URL.
func checkLoginURLs(o OAuthSettings) error {
	var missing []string
	for _, v := range []struct{ name, val string }{
		{EnvOAuthAuthURL, o.AuthURL}, {EnvOAuthTokenURL, o.TokenURL},
		{EnvOAuthClientID, o.ClientID}, {EnvOAuthRedirectURL, o.RedirectURL},
	} {
		if v.val == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("leiga-mcp login needs %s: set %s", strings.Join(missing, " and "), strings.Join(missing, " and "))
	}
	for _, v := range []struct{ name, val string }{{EnvOAuthAuthURL, o.AuthURL}, {EnvOAuthTokenURL, o.TokenURL}} {
		if p, err := url.Parse(v.val); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
			return fmt.Errorf("%s=%q is not an http(s) URL", v.name, v.val)
		}
	}
	return nil
}

// listen opens the loopback redirect listener and, for port 0, points the
// redirect URL at the port chosen.
func (p *loginPlan) listen() (net.Listener, error) {
	host, _, err := net.SplitHostPort(p.addr)
	if err != nil {
		return nil, fmt.Errorf("login listen address %q: %v", p.addr, err)
	}
	if !isLoopbackHost(host) {
		return nil, fmt.Errorf("login listens on loopback only (127.0.0.1, ::1, localhost), not %q", host)
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return nil, fmt.Errorf("cannot listen for the login redirect: %v", err)
	}
	if p.redirect.Port() == "0" {
		port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		p.redirect.Host = net.JoinHostPort(p.redirect.Hostname(), port)
	}
	p.o.RedirectURL = p.redirect.String()
	return ln, nil
}

// exchange trades the code for tokens and stores them in the cache.
func (p *loginPlan) exchange(ctx context.Context, conf *oauth2.Config, code, verifier string) (LoginResult, error) {
	start := time.Now()
	tok, err := conf.Exchange(context.WithValue(ctx, oauth2.HTTPClient, newHTTPClient()), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return LoginResult{}, oauthError(err, tokenPath(p.o.TokenURL), p.o.ClientID, "refused the authorization code", leigaapi.Redact)
	}
	leigaapi.RegisterSecret(tok.AccessToken)
	leigaapi.RegisterSecret(tok.RefreshToken)
	e := cacheEntry{
		Kind:         AuthOAuth,
		ClientID:     p.o.ClientID,
		Issuer:       p.o.TokenURL,
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ObtainedAt:   start.UTC(),
		Seed:         p.seed,
	}
	if d := oauthLifetime(tok); d > 0 {
		exp := start.Add(d).UTC()
		e.ExpiresAt = &exp
	}
	if err := p.cache.store(e); err != nil {
		return LoginResult{}, err
	}
	return LoginResult{ClientID: p.o.ClientID, Path: p.cache.Path(p.o.ClientID), Refreshable: tok.RefreshToken != ""}, nil
}

// isLoopbackHost reports whether host names the loopback interface.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
