package auth

import (
	"errors"
	"log/slog"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// SourceOption adjusts a token source built by this package.
type SourceOption func(*sourceConfig)

type sourceConfig struct {
	now     func() time.Time
	log     *slog.Logger
	private bool                 // per-request credentials: secrets redacted in their own requests only
	renewed func(outcome string) // told of every token fetch; nil: nobody listens
}

// Outcomes of a token fetch, as the observer of WithRenewalObserver hears
// them.
const (
	RenewalOK       = "ok"       // a new token was obtained
	RenewalRejected = "rejected" // the credentials (or the refresh token) were refused
	RenewalFailed   = "error"    // a transient failure: network, timeout, 5xx
)

// WithRenewalObserver makes a renewable source call observe after every
// token fetch from Leiga or the OAuth2 token endpoint (not after a load
// from the token cache) with its outcome: RenewalOK, RenewalRejected or
// RenewalFailed. It runs inside the single renewal, so it must be quick.
func WithRenewalObserver(observe func(outcome string)) SourceOption {
	return func(c *sourceConfig) { c.renewed = observe }
}

// WithClock makes the source read time from now (tests).
func WithClock(now func() time.Time) SourceOption {
	return func(c *sourceConfig) {
		if now != nil {
			c.now = now
		}
	}
}

// WithSourceLogger sets where the source logs renewals and fallbacks. It
// never logs a secret or token.
func WithSourceLogger(l *slog.Logger) SourceOption {
	return func(c *sourceConfig) {
		if l != nil {
			c.log = l
		}
	}
}

// perRequest marks a source as holding a client's credentials rather than
// the server's: its secrets stay with it (leigaapi.SecretHolder) instead of
// joining the process-wide redaction set.
func perRequest(c *sourceConfig) { c.private = true }

func newSourceConfig(opts []SourceOption) sourceConfig {
	c := sourceConfig{now: time.Now, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// NewTokenSource builds the server's token source for c. api makes the
// Leiga /authorize calls (it needs no token source of its own, so build it
// first); cache may be nil (no persistence). A static token is never cached.
func NewTokenSource(api *leigaapi.Client, c Credentials, cache *TokenCache, opts ...SourceOption) (leigaapi.TokenSource, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	switch c.Kind {
	case AuthToken:
		leigaapi.RegisterSecret(c.AccessToken)
		return NewStaticToken(c.AccessToken), nil
	case AuthPermanent, AuthRefresh:
		if api == nil {
			return nil, errors.New("auth: NewTokenSource needs a *leigaapi.Client for the /authorize calls")
		}
		if c.Kind == AuthPermanent {
			return NewPermanentSource(api, c.ClientID, c.Secret, cache, opts...), nil
		}
		return NewRefreshSource(api, c.ClientID, c.Secret, c.RefreshToken, cache, opts...), nil
	default: // AuthOAuth
		return NewOAuthSource(c.OAuth, c.RefreshToken, cache, opts...), nil
	}
}
