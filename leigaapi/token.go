package leigaapi

import (
	"context"
	"errors"
)

// TokenSource supplies the access token sent in the accessToken header.
//
// Token returns a token valid for at least the next call. Invalidate reports
// that Leiga rejected token; a source that can renew drops it so that the
// next Token call fetches a fresh one. Invalidate with a token that is no
// longer current does nothing, so many calls failing with the same stale
// token share one renewal.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
	Invalidate(token string)
}

// Describer is implemented by token sources that can name themselves for
// logs and errors ("client id abc", "static token") without revealing a secret.
type Describer interface {
	Describe() string
}

// ErrNoToken is returned by a token source that has no credential to offer.
var ErrNoToken = errors.New("no Leiga credentials configured: set LEIGA_ACCESS_TOKEN, or LEIGA_CLIENT_ID and LEIGA_SECRET, or run with --sandbox")

type tokenSourceKey struct{}

// WithTokenSource returns a context whose Leiga calls use ts instead of the
// client's own token source (per-request credentials in HTTP mode).
func WithTokenSource(ctx context.Context, ts TokenSource) context.Context {
	return context.WithValue(ctx, tokenSourceKey{}, ts)
}

// TokenSourceFrom returns the context's token source override, if any:
// the credentials an HTTP client sent with its own request.
func TokenSourceFrom(ctx context.Context) TokenSource {
	ts, _ := ctx.Value(tokenSourceKey{}).(TokenSource)
	return ts
}
