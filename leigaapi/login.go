package leigaapi

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// DefaultLoginTimeout is how long Login waits for the browser redirect.
const DefaultLoginTimeout = 5 * time.Minute

// LoginOptions adjust Login.
type LoginOptions struct {
	Out         io.Writer              // instructions for the user (default: discarded)
	OpenBrowser func(url string) error // opens the authorize URL; nil: only print it
	// ListenAddr is the loopback host:port of the redirect listener; default
	// the host:port of LEIGA_OAUTH_REDIRECT_URL. Port 0 in both picks a free
	// port and rewrites the redirect URL to it.
	ListenAddr string
	Timeout    time.Duration // default DefaultLoginTimeout
	Cache      *TokenCache   // where tokens go; default OpenTokenCache(c.TokenCache)
	HTTPClient *http.Client  // for the token endpoint
}

// Login runs the OAuth2 authorization-code flow with PKCE (S256): it prints
// (and, with OpenBrowser, opens) the authorize URL, receives the code on a
// loopback redirect listener, checks state (a mismatch fails without any
// token request), exchanges the code with the verifier, and stores the
// tokens in the cache, where a later NewTokenSource for kind oauth finds
// them and renews them with the refresh_token grant.
func Login(ctx context.Context, c Credentials, opts LoginOptions) error {
	o := c.OAuth
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
	redirect, err := url.Parse(o.RedirectURL)
	if err != nil || redirect.Scheme != "http" || redirect.Host == "" {
		return fmt.Errorf("%s=%q must be a loopback http URL such as http://127.0.0.1:8765/callback", EnvOAuthRedirectURL, o.RedirectURL)
	}
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	cache := opts.Cache
	if cache == nil {
		if cache, err = OpenTokenCache(c.TokenCache); err != nil {
			return err
		}
		if cache == nil {
			return fmt.Errorf("%s=off: login has nowhere to store the tokens; unset it or set it to a file path", EnvTokenCache)
		}
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: NewTransport(), Timeout: DefaultTimeout}
	}

	addr := opts.ListenAddr
	if addr == "" {
		if redirect.Port() == "" {
			return fmt.Errorf("%s=%q needs an explicit port for the local listener", EnvOAuthRedirectURL, o.RedirectURL)
		}
		addr = redirect.Host
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("login listen address %q: %v", addr, err)
	}
	if !isLoopbackHost(host) {
		return fmt.Errorf("login listens on loopback only (127.0.0.1, ::1, localhost), not %q", host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("cannot listen for the login redirect: %v", err)
	}
	if redirect.Port() == "0" {
		port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
		redirect.Host = net.JoinHostPort(redirect.Hostname(), port)
	}
	o.RedirectURL = redirect.String()
	conf := oauthConfig(o)
	tokenPath := o.TokenURL
	if u, err := url.Parse(o.TokenURL); err == nil && u.Path != "" {
		tokenPath = u.Path
	}

	state := rand.Text()
	verifier := oauth2.GenerateVerifier()
	authURL := conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))

	type callback struct {
		code string
		err  error
	}
	got := make(chan callback, 1)
	result := make(chan error, 1)
	var once sync.Once
	cbPath := redirect.Path
	if cbPath == "" {
		cbPath = "/"
	}
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != cbPath {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query()
		var cb callback
		switch {
		case q.Get("error") != "":
			cb.err = fmt.Errorf("login failed: the authorization server answered %s", loginClip(strings.TrimSpace(q.Get("error")+" "+q.Get("error_description"))))
		case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1:
			cb.err = errors.New("login failed: the state in the redirect does not match this login (possible forgery); no token was requested")
		case q.Get("code") == "":
			cb.err = errors.New("login failed: the redirect carries no authorization code")
		default:
			cb.code = q.Get("code")
		}
		first := false
		once.Do(func() { first = true; got <- cb })
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !first {
			w.WriteHeader(http.StatusConflict)
			io.WriteString(w, "This login was already handled. You can close this window.\n")
			return
		}
		if cb.err != nil {
			w.WriteHeader(http.StatusBadRequest)
			io.WriteString(w, cb.err.Error()+"\n")
			return
		}
		select {
		case err := <-result:
			if err != nil {
				w.WriteHeader(http.StatusBadGateway)
				io.WriteString(w, "leiga-mcp login failed: "+Redact(err.Error())+"\n")
				return
			}
			io.WriteString(w, "leiga-mcp is logged in. You can close this window.\n")
		case <-r.Context().Done():
		}
	})}
	go srv.Serve(ln)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()

	fmt.Fprintf(out, "To authorize leiga-mcp, open this URL in your browser:\n\n  %s\n\nWaiting for the redirect to %s (up to %s) ...\n", authURL, o.RedirectURL, timeout)
	browser := make(chan error, 1)
	if opts.OpenBrowser != nil {
		go func() { browser <- opts.OpenBrowser(authURL) }()
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var cb callback
wait:
	for {
		select {
		case err := <-browser:
			if err != nil {
				fmt.Fprintf(out, "Could not open a browser (%v); open the URL above yourself.\n", err)
			}
			browser = nil
		case cb = <-got:
			break wait
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("login timed out after %s without a redirect from the browser", timeout)
			}
			return ctx.Err()
		}
	}
	if cb.err != nil {
		return cb.err
	}

	start := time.Now()
	tok, err := conf.Exchange(context.WithValue(ctx, oauth2.HTTPClient, hc), cb.code, oauth2.VerifierOption(verifier))
	if err != nil {
		err = oauthError(err, tokenPath, o.ClientID, "refused the authorization code")
		result <- err
		return err
	}
	RegisterSecret(tok.AccessToken)
	RegisterSecret(tok.RefreshToken)
	e := cacheEntry{
		Kind:         AuthOAuth,
		ClientID:     o.ClientID,
		Issuer:       o.TokenURL,
		AccessToken:  tok.AccessToken,
		RefreshToken: tok.RefreshToken,
		ObtainedAt:   start.UTC(),
		Seed:         seedHash(c.RefreshToken),
	}
	if d := oauthLifetime(tok); d > 0 {
		exp := start.Add(d).UTC()
		e.ExpiresAt = &exp
	}
	if err := cache.store(e); err != nil {
		result <- err
		return err
	}
	result <- nil
	fmt.Fprintf(out, "Logged in: tokens for OAuth client id %s stored in %s\n", o.ClientID, cache.Path(o.ClientID))
	if tok.RefreshToken == "" {
		fmt.Fprintf(out, "Note: the token endpoint returned no refresh token; run leiga-mcp login again when the access token expires.\n")
	}
	return nil
}

// OpenURLInBrowser opens u in the desktop's default browser (xdg-open,
// open, or rundll32 on Windows); u is passed as an argument, never through a
// shell. Use it as LoginOptions.OpenBrowser.
func OpenURLInBrowser(u string) error {
	if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return fmt.Errorf("refusing to open %q: not an http(s) URL", u)
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap
	return nil
}

// isLoopbackHost reports whether host names the loopback interface.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// clip keeps text from the network short in messages.
func loginClip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
