package leigaapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
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
// ErrNoToken. An error for a kind that lacks a variable names the variable.
// Every secret read is registered for redaction.
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
		RegisterSecret(s)
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
			return c, ErrNoToken
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
		return ErrNoToken
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

// String describes the credentials without secrets, e.g.
// "permanent credentials for client id abc (from LEIGA_CLIENT_ID + LEIGA_SECRET)".
func (c Credentials) String() string {
	var who string
	switch c.Kind {
	case AuthToken:
		who = "token credentials (" + EnvAccessToken + ", hidden)"
	case AuthOAuth:
		who = fmt.Sprintf("oauth credentials for client id %s at %s", c.OAuth.ClientID, c.OAuth.TokenURL)
	case "":
		return "no credentials"
	default:
		who = fmt.Sprintf("%s credentials for client id %s", c.Kind, c.ClientID)
	}
	if c.RefreshToken != "" && c.Kind != AuthToken {
		who += ", seeded by " + EnvRefreshToken
	}
	return who + " (from " + c.from() + ")"
}

// GoString keeps %#v from printing the fields.
func (c Credentials) GoString() string { return "leigaapi.Credentials{" + c.String() + "}" }

// LogValue implements slog.LogValuer: kind, source and client id, and only
// whether each secret is set.
func (c Credentials) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("kind", string(c.Kind)), slog.String("from", c.From)}
	switch c.Kind {
	case AuthToken:
		attrs = append(attrs, slog.Bool("access_token_set", c.AccessToken != ""))
	case AuthOAuth:
		attrs = append(attrs, slog.String("client_id", c.OAuth.ClientID), slog.String("token_url", c.OAuth.TokenURL))
	default:
		attrs = append(attrs, slog.String("client_id", c.ClientID), slog.Bool("secret_set", c.Secret != ""))
	}
	if c.Kind != AuthToken {
		attrs = append(attrs, slog.Bool("refresh_token_set", c.RefreshToken != ""))
	}
	if c.TokenCache != "" {
		attrs = append(attrs, slog.String("token_cache", c.TokenCache))
	}
	return slog.GroupValue(attrs...)
}

// MarshalJSON writes the same secret-free view as LogValue.
func (c Credentials) MarshalJSON() ([]byte, error) {
	m := map[string]any{"kind": c.Kind, "from": c.From}
	for _, a := range c.LogValue().Group() {
		m[a.Key] = a.Value.Any()
	}
	return json.Marshal(m)
}

// String describes the settings without the client secret.
func (o OAuthSettings) String() string {
	return fmt.Sprintf("oauth client id %s at %s (secret hidden)", o.ClientID, o.TokenURL)
}

// GoString keeps %#v from printing the client secret.
func (o OAuthSettings) GoString() string { return "leigaapi.OAuthSettings{" + o.String() + "}" }

// LogValue implements slog.LogValuer without the client secret.
func (o OAuthSettings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("client_id", o.ClientID), slog.String("token_url", o.TokenURL),
		slog.String("auth_url", o.AuthURL), slog.String("redirect_url", o.RedirectURL), slog.Any("scopes", o.Scopes))
}

// MarshalJSON writes the settings without the client secret.
func (o OAuthSettings) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]any{"clientId": o.ClientID, "tokenUrl": o.TokenURL, "authUrl": o.AuthURL,
		"redirectUrl": o.RedirectURL, "scopes": o.Scopes})
}

// NewTokenSource builds the token source for c. api makes the Leiga
// /authorize calls (it needs no token source of its own, so build it
// first); cache may be nil (no persistence). A static token is never cached.
func NewTokenSource(api *Client, c Credentials, cache *TokenCache, opts ...SourceOption) (TokenSource, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	switch c.Kind {
	case AuthToken:
		RegisterSecret(c.AccessToken)
		return NewStaticToken(c.AccessToken), nil
	case AuthPermanent, AuthRefresh:
		if api == nil {
			return nil, errors.New("leigaapi: NewTokenSource needs a *Client for the /authorize calls")
		}
		if c.Kind == AuthPermanent {
			return NewPermanentSource(api, c.ClientID, c.Secret, cache, opts...), nil
		}
		return NewRefreshSource(api, c.ClientID, c.Secret, c.RefreshToken, cache, opts...), nil
	default: // AuthOAuth
		return NewOAuthSource(api, c.OAuth, c.RefreshToken, cache, opts...), nil
	}
}
