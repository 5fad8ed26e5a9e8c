package auth

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// StaticToken is a token source for a fixed access token: LEIGA_ACCESS_TOKEN,
// or the X-Leiga-Access-Token header of a request (interned by a
// SourceRegistry). It cannot renew: once Leiga rejects the token, every
// later Token call fails at once with an error naming the token and what to
// set, and nothing more is sent upstream with it.
type StaticToken struct {
	token    string
	secrets  []string
	identity string
	describe string // where the token came from
	rejected error  // what Token answers once Leiga has rejected the token
	gone     atomic.Bool
}

// NewStaticToken returns a source that offers token, as LEIGA_ACCESS_TOKEN,
// until Leiga rejects it.
func NewStaticToken(token string) *StaticToken {
	return newStaticToken(token, "the access token in "+EnvAccessToken,
		"set "+EnvAccessToken+" to a valid token and restart leiga-mcp")
}

// newHeaderToken returns the source for a token sent in the
// X-Leiga-Access-Token header.
func newHeaderToken(token string) *StaticToken {
	return newStaticToken(token, "the access token in the "+HeaderAccessToken+" header",
		"send a valid token in "+HeaderAccessToken)
}

func newStaticToken(token, describe, fix string) *StaticToken {
	return &StaticToken{
		token:    token,
		secrets:  []string{token},
		identity: identity("tok", token),
		describe: describe,
		rejected: errors.New(describe + " was rejected by Leiga, so it is no longer sent: " + fix),
	}
}

// Token returns the token, or, once Leiga has rejected it, an error that
// says which token and what to set.
func (s *StaticToken) Token(context.Context) (string, error) {
	switch {
	case s.token == "":
		return "", leigaapi.ErrNoToken
	case s.gone.Load():
		return "", s.rejected
	}
	return s.token, nil
}

// Invalidate records that Leiga rejected the token: it is never sent again.
func (s *StaticToken) Invalidate(token string) {
	if token != "" && token == s.token {
		s.gone.Store(true)
	}
}

// Describe names the source without revealing the token.
func (s *StaticToken) Describe() string { return s.describe }

// Identity is "tok:" and a keyed hash of the token (leigaapi.Identifier).
func (s *StaticToken) Identity() string { return s.identity }

// Secrets returns the token, to be hidden in text about this source's
// requests (leigaapi.SecretHolder). The caller must not modify the slice.
func (s *StaticToken) Secrets() []string { return s.secrets }
