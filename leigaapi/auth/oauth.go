package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"golang.org/x/oauth2"
)

// oauthConfig builds the x/oauth2 configuration: client id and secret go in
// an HTTP Basic header (no auth-style probing), and any 2xx reply, 201
// included, is accepted by x/oauth2.
func oauthConfig(o OAuthSettings) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     o.ClientID,
		ClientSecret: o.ClientSecret,
		Endpoint: oauth2.Endpoint{
			AuthURL:   o.AuthURL,
			TokenURL:  o.TokenURL,
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		RedirectURL: o.RedirectURL,
		Scopes:      o.Scopes,
	}
}

// oauthLifetime reads the token's lifetime from expires_in (or, for a
// form-encoded reply, from the expiry x/oauth2 computed).
func oauthLifetime(tok *oauth2.Token) time.Duration {
	if tok.ExpiresIn > 0 {
		return time.Duration(tok.ExpiresIn) * time.Second
	}
	if !tok.Expiry.IsZero() {
		if d := time.Until(tok.Expiry); d > 0 {
			return d
		}
	}
	return 0
}

// oauthAuth renews OAuth2 tokens with the refresh_token grant.
type oauthAuth struct {
	conf     *oauth2.Config
	hc       *http.Client
	clientID string
	path     string              // token endpoint path, for error messages
	redact   func(string) string // hides the secrets of the source
}

func (a *oauthAuth) refresh(ctx context.Context, rt string) (grant, error) {
	if rt == "" {
		return grant{}, &leigaapi.Error{Kind: leigaapi.KindAuth, Method: http.MethodPost, Path: a.path,
			Message: fmt.Sprintf("no OAuth tokens for client id %s yet: run `leiga-mcp login`", a.clientID)}
	}
	ctx = context.WithValue(ctx, oauth2.HTTPClient, a.hc)
	tok, err := a.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: rt}).Token()
	if err != nil {
		ferr := oauthError(err, a.path, a.clientID, "refused the refresh token; run `leiga-mcp login` again", a.redact)
		if isRejection(ferr) {
			return grant{}, ferr
		}
		return grant{refresh: rt}, ferr
	}
	g := grant{access: tok.AccessToken, refresh: tok.RefreshToken, lifetime: oauthLifetime(tok)}
	if g.refresh == "" {
		g.refresh = rt
	}
	return g, nil
}

// oauthError turns an x/oauth2 failure into a *leigaapi.Error, passing the
// endpoint's words through redact. A refusal by the token endpoint (4xx or
// an OAuth error code) is KindAuth.
func oauthError(err error, path, clientID, what string, redact func(string) string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		detail := re.ErrorCode
		if re.ErrorDescription != "" {
			detail += ": " + re.ErrorDescription
		}
		if detail == "" {
			detail = fmt.Sprintf("HTTP %d", status)
		}
		detail = redact(detail)
		if re.ErrorCode != "" || (status >= 400 && status < 500 && status != http.StatusRequestTimeout && status != http.StatusTooManyRequests) {
			return &leigaapi.Error{Kind: leigaapi.KindAuth, Method: http.MethodPost, Path: path, HTTPStatus: status, Code: re.ErrorCode,
				Message: fmt.Sprintf("Leiga rejected the credentials for client id %s: the OAuth token endpoint %s (%s)", clientID, what, detail)}
		}
		return &leigaapi.Error{Kind: leigaapi.KindHTTP, Method: http.MethodPost, Path: path, HTTPStatus: status, Message: "OAuth token endpoint failed: " + detail}
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return &leigaapi.Error{Kind: leigaapi.KindTimeout, Method: http.MethodPost, Path: path, Message: "no answer from the OAuth token endpoint", Err: err}
	}
	return &leigaapi.Error{Kind: leigaapi.KindNetwork, Method: http.MethodPost, Path: path, Message: "cannot reach the OAuth token endpoint: " + redact(err.Error())}
}

// NewOAuthSource returns a source of OAuth2 tokens renewed with the
// refresh_token grant at o.TokenURL (client id and secret as HTTP Basic).
// refreshToken seeds the chain; otherwise the tokens stored in cache by
// Login are used.
func NewOAuthSource(o OAuthSettings, refreshToken string, cache *TokenCache, opts ...SourceOption) *ManagedSource {
	cfg := newSourceConfig(opts)
	s := newManagedSource(AuthOAuth, o.ClientID, o.TokenURL, refreshToken,
		identity("oauth", o.TokenURL, o.ClientID, o.ClientSecret), cache, cfg)
	s.secrets.addFixed(o.ClientSecret)
	a := &oauthAuth{conf: oauthConfig(o), hc: newHTTPClient(), clientID: o.ClientID, path: tokenPath(o.TokenURL), redact: s.secrets.redact}
	s.fetch = a.refresh
	return s
}

// tokenPath is the path of the token endpoint, for error messages.
func tokenPath(tokenURL string) string {
	if u, err := url.Parse(tokenURL); err == nil && u.Path != "" {
		return u.Path
	}
	return tokenURL
}

// newHTTPClient is the client for an OAuth2 token endpoint: pooled, proxy
// from the environment, bounded in time.
func newHTTPClient() *http.Client {
	return &http.Client{Transport: leigaapi.NewTransport(), Timeout: leigaapi.DefaultTimeout}
}
