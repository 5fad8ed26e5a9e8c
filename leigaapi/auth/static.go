package auth

import (
	"context"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// StaticToken is a token source for a fixed access token: LEIGA_ACCESS_TOKEN,
// or the X-Leiga-Access-Token header of a request (interned by a
// SourceRegistry). It cannot renew.
type StaticToken struct {
	token    string
	secrets  []string
	identity string
	describe string // where the token came from
}

// NewStaticToken returns a source that always offers token, as
// LEIGA_ACCESS_TOKEN.
func NewStaticToken(token string) *StaticToken {
	return newStaticToken(token, "the access token in "+EnvAccessToken)
}

// newHeaderToken returns the source for a token sent in the
// X-Leiga-Access-Token header.
func newHeaderToken(token string) *StaticToken {
	return newStaticToken(token, "the access token in the "+HeaderAccessToken+" header")
}

func newStaticToken(token, describe string) *StaticToken {
	return &StaticToken{token: token, secrets: []string{token}, identity: identity("tok", token), describe: describe}
}

// Token returns the token.
func (s *StaticToken) Token(context.Context) (string, error) {
	if s.token == "" {
		return "", leigaapi.ErrNoToken
	}
	return s.token, nil
}

// Invalidate does nothing: a static token cannot renew.
func (s *StaticToken) Invalidate(string) {}

// Describe names the source without revealing the token.
func (s *StaticToken) Describe() string { return s.describe }

// Identity is "tok:" and a keyed hash of the token (leigaapi.Identifier).
func (s *StaticToken) Identity() string { return s.identity }

// Secrets returns the token, to be hidden in text about this source's
// requests (leigaapi.SecretHolder). The caller must not modify the slice.
func (s *StaticToken) Secrets() []string { return s.secrets }
