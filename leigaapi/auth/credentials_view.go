package auth

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

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
func (c Credentials) GoString() string { return "auth.Credentials{" + c.String() + "}" }

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
func (o OAuthSettings) GoString() string { return "auth.OAuthSettings{" + o.String() + "}" }

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
