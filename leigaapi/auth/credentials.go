package auth

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// AuthKind names a kind of Leiga credentials (the values of LEIGA_AUTH).
type AuthKind string

// The kinds of credentials.
const (
	AuthToken     AuthKind = "token"     // LEIGA_ACCESS_TOKEN, used as is
	AuthPermanent AuthKind = "permanent" // LEIGA_CLIENT_ID + LEIGA_SECRET → permanent token
	AuthRefresh   AuthKind = "refresh"   // LEIGA_CLIENT_ID + LEIGA_SECRET (+ LEIGA_REFRESH_TOKEN) → refreshable token
	AuthOAuth     AuthKind = "oauth"     // LEIGA_OAUTH_* → OAuth2 authorization code + refresh token
)

// Environment variables read by CredentialsFromEnv.
const (
	EnvAuth              = "LEIGA_AUTH"
	EnvAccessToken       = "LEIGA_ACCESS_TOKEN"
	EnvClientID          = "LEIGA_CLIENT_ID"
	EnvSecret            = "LEIGA_SECRET"
	EnvRefreshToken      = "LEIGA_REFRESH_TOKEN"
	EnvTokenCache        = "LEIGA_TOKEN_CACHE"
	EnvOAuthTokenURL     = "LEIGA_OAUTH_TOKEN_URL"
	EnvOAuthAuthURL      = "LEIGA_OAUTH_AUTH_URL"
	EnvOAuthClientID     = "LEIGA_OAUTH_CLIENT_ID"
	EnvOAuthClientSecret = "LEIGA_OAUTH_CLIENT_SECRET"
	EnvOAuthRedirectURL  = "LEIGA_OAUTH_REDIRECT_URL"
	EnvOAuthScopes       = "LEIGA_OAUTH_SCOPES"
)

// OAuthSettings are standard OAuth2 client settings. Printing them (fmt,
// slog, JSON) never shows the client secret.
type OAuthSettings struct {
	TokenURL     string
	AuthURL      string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
}

// Credentials are the Leiga credentials chosen from the environment.
// Printing them (fmt %v/%+v/%#v, slog, JSON) never shows a secret or token.
type Credentials struct {
	Kind         AuthKind
	From         string // why this kind: "LEIGA_AUTH=refresh", "LEIGA_CLIENT_ID + LEIGA_SECRET", ...
	AccessToken  string // token
	ClientID     string // permanent, refresh (and the Leiga client of oauth, unused)
	Secret       string // permanent, refresh
	RefreshToken string // refresh, oauth: seeds the refresh chain
	OAuth        OAuthSettings
	TokenCache   string // LEIGA_TOKEN_CACHE as given: "", "off", a file or directory
}

// CredentialsFromEnv reads the credentials. LEIGA_AUTH picks the kind;
// without it the kind is inferred: LEIGA_ACCESS_TOKEN → token,
// LEIGA_OAUTH_TOKEN_URL → oauth, LEIGA_REFRESH_TOKEN → refresh,
// LEIGA_CLIENT_ID + LEIGA_SECRET → permanent. With none of them the error is
// leigaapi.ErrNoToken. An error for a kind that lacks a variable names the
// variable. Every secret read is registered for redaction everywhere: they
// are the server's own.
func CredentialsFromEnv(getenv func(string) string) (Credentials, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Credentials{
		AccessToken:  get(EnvAccessToken),
		ClientID:     get(EnvClientID),
		Secret:       get(EnvSecret),
		RefreshToken: get(EnvRefreshToken),
		TokenCache:   get(EnvTokenCache),
		OAuth: OAuthSettings{
			TokenURL:     get(EnvOAuthTokenURL),
			AuthURL:      get(EnvOAuthAuthURL),
			ClientID:     get(EnvOAuthClientID),
			ClientSecret: get(EnvOAuthClientSecret),
			RedirectURL:  get(EnvOAuthRedirectURL),
			Scopes: strings.FieldsFunc(get(EnvOAuthScopes), func(r rune) bool {
				return r == ',' || r == ' ' || r == '\t'
			}),
		},
	}
	for _, s := range []string{c.AccessToken, c.Secret, c.RefreshToken, c.OAuth.ClientSecret} {
		leigaapi.RegisterSecret(s)
	}
	switch mode := strings.ToLower(get(EnvAuth)); mode {
	case "":
		switch {
		case c.AccessToken != "":
			c.Kind, c.From = AuthToken, EnvAccessToken
		case c.OAuth.TokenURL != "":
			c.Kind, c.From = AuthOAuth, EnvOAuthTokenURL
		case c.RefreshToken != "":
			c.Kind, c.From = AuthRefresh, EnvRefreshToken
		case c.ClientID != "" && c.Secret != "":
			c.Kind, c.From = AuthPermanent, EnvClientID+" + "+EnvSecret
		case c.ClientID != "":
			return c, fmt.Errorf("%s is set but %s is not: set %s to the secret of that client id", EnvClientID, EnvSecret, EnvSecret)
		case c.Secret != "":
			return c, fmt.Errorf("%s is set but %s is not: set %s", EnvSecret, EnvClientID, EnvClientID)
		default:
			return c, leigaapi.ErrNoToken
		}
	case string(AuthToken), string(AuthPermanent), string(AuthRefresh), string(AuthOAuth):
		c.Kind, c.From = AuthKind(mode), EnvAuth+"="+mode
	default:
		return c, fmt.Errorf("%s=%q is not one of token, permanent, refresh, oauth", EnvAuth, get(EnvAuth))
	}
	return c, c.Validate()
}

// Validate checks that the variables c.Kind needs are present, naming the
// first one missing.
func (c Credentials) Validate() error {
	need := func(names ...string) error {
		vals := map[string]string{
			EnvAccessToken: c.AccessToken, EnvClientID: c.ClientID, EnvSecret: c.Secret,
			EnvOAuthTokenURL: c.OAuth.TokenURL, EnvOAuthClientID: c.OAuth.ClientID,
		}
		var missing []string
		for _, n := range names {
			if vals[n] == "" {
				missing = append(missing, n)
			}
		}
		if len(missing) == 0 {
			return nil
		}
		return fmt.Errorf("%s credentials (%s) need %s: set %s", c.Kind, c.from(), strings.Join(missing, " and "), strings.Join(missing, " and "))
	}
	switch c.Kind {
	case AuthToken:
		return need(EnvAccessToken)
	case AuthPermanent, AuthRefresh:
		return need(EnvClientID, EnvSecret)
	case AuthOAuth:
		if err := need(EnvOAuthTokenURL, EnvOAuthClientID); err != nil {
			return err
		}
		for _, u := range []struct{ name, val string }{
			{EnvOAuthTokenURL, c.OAuth.TokenURL}, {EnvOAuthAuthURL, c.OAuth.AuthURL}, {EnvOAuthRedirectURL, c.OAuth.RedirectURL},
		} {
			if u.val == "" {
				continue
			}
			if p, err := url.Parse(u.val); err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
				return fmt.Errorf("%s=%q is not an http(s) URL", u.name, u.val)
			}
		}
		return nil
	case "":
		return leigaapi.ErrNoToken
	default:
		return fmt.Errorf("unknown kind of Leiga credentials %q: want token, permanent, refresh or oauth", c.Kind)
	}
}

func (c Credentials) from() string {
	if c.From == "" {
		return "configured"
	}
	return c.From
}
