package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// authReply is the data of an /authorize reply.
type authReply = endpoints.TokenGrant

// leigaAuth makes the /authorize calls for one client id.
type leigaAuth struct {
	api      *leigaapi.Client
	clientID string
	secret   string
	log      *slog.Logger
	redact   func(string) string // hides the secrets of the source
}

// authorize sends one /authorize call (no accessToken; safe to resend)
// and decodes the token reply.
func authorize[In any](ctx context.Context, a *leigaAuth, e endpoints.Endpoint[In, endpoints.TokenGrant], in In) (authReply, error) {
	req, err := e.Request(in)
	if err != nil {
		return authReply{}, err
	}
	req.NoAuth, req.Idempotent = true, true
	resp, err := a.api.Do(ctx, req)
	if err != nil {
		return authReply{}, err
	}
	var r authReply
	if err := json.Unmarshal(resp.Data, &r); err != nil || r.AccessToken == "" {
		return authReply{}, &leigaapi.Error{Kind: leigaapi.KindDecode, Method: e.Method(), Path: e.Path(), Message: "Leiga answered without an accessToken"}
	}
	return r, nil
}

// rejected turns a refusal of the client id and secret into the final
// KindAuth error; transient failures pass unchanged.
func (a *leigaAuth) rejected(err error) error {
	e, ok := leigaapi.AsError(err)
	if ok && leigaapi.WrongBaseURL(err) {
		out := *e
		out.Lasting = true
		out.Message = fmt.Sprintf("%s answered %s, so the base URL does not serve the Leiga Open API: check LEIGA_BASE_URL (now %s; the default is %s). The credentials were not checked", e.Path, answerOf(e), a.api.BaseURL(), leigaapi.DefaultBaseURL)
		return &out
	}
	if !ok || !isRejection(err) {
		return err
	}
	msg := e.Message
	if msg == "" {
		msg = fmt.Sprintf("HTTP %d", e.HTTPStatus)
	}
	out := *e
	out.Kind = leigaapi.KindAuth
	out.Message = fmt.Sprintf("Leiga rejected the credentials for client id %s: %s", a.clientID, a.redact(msg))
	out.Err = nil
	return &out
}

func (a *leigaAuth) permanent(ctx context.Context, _ string) (grant, error) {
	r, err := authorize(ctx, a, endpoints.AuthorizeAccessPermanentToken, schemas.AuthorizeClient{ClientID: a.clientID, SecretKey: a.secret})
	if err != nil {
		return grant{}, a.rejected(err)
	}
	return grant{access: r.AccessToken, lifetime: r.Lifetime()}, nil
}

// refreshable renews with the refresh token in hand, and falls back to the
// client id and secret when there is none or Leiga rejects it. A rotated
// refresh token replaces the old one.
func (a *leigaAuth) refreshable(ctx context.Context, refresh string) (grant, error) {
	if refresh != "" {
		r, err := authorize(ctx, a, endpoints.AuthorizeRefreshToken, schemas.AuthorizeRefresh{ClientID: a.clientID, SecretKey: a.secret, RefreshToken: refresh})
		if err == nil {
			g := grant{access: r.AccessToken, refresh: r.RefreshToken, lifetime: r.Lifetime()}
			if g.refresh == "" {
				g.refresh = refresh
			}
			return g, nil
		}
		if !isRejection(err) {
			return grant{refresh: refresh}, err
		}
		msg := ""
		if e, ok := leigaapi.AsError(err); ok {
			msg = a.redact(e.Message)
		}
		a.log.Warn("Leiga rejected the refresh token; getting a new token with the client id and secret", "client_id", a.clientID, "reason", msg)
	}
	r, err := authorize(ctx, a, endpoints.AuthorizeAccessToken, schemas.AuthorizeClient{ClientID: a.clientID, SecretKey: a.secret})
	if err != nil {
		return grant{}, a.rejected(err)
	}
	return grant{access: r.AccessToken, refresh: r.RefreshToken, lifetime: r.Lifetime()}, nil
}

// NewPermanentSource returns a source of Leiga permanent tokens
// (POST /authorize/access-permanent-token) for clientID and secret. api
// makes the token requests and needs no token source of its own; cache may
// be nil.
func NewPermanentSource(api *leigaapi.Client, clientID, secret string, cache *TokenCache, opts ...SourceOption) *ManagedSource {
	return newLeigaSource(AuthPermanent, api, clientID, secret, "", cache, opts, (*leigaAuth).permanent)
}

// NewRefreshSource returns a source of refreshable Leiga tokens: it renews
// with POST /authorize/refresh-token using the refresh token in hand
// (refreshToken seeds the chain; "" starts with POST /authorize/access-token)
// and falls back to the client id and secret when the refresh token is
// rejected. Rotated refresh tokens replace the old one in memory and cache.
func NewRefreshSource(api *leigaapi.Client, clientID, secret, refreshToken string, cache *TokenCache, opts ...SourceOption) *ManagedSource {
	return newLeigaSource(AuthRefresh, api, clientID, secret, refreshToken, cache, opts, (*leigaAuth).refreshable)
}

// newLeigaSource builds a source that fetches with the Leiga /authorize
// calls; its identity is a keyed hash of the client id and secret.
func newLeigaSource(kind AuthKind, api *leigaapi.Client, clientID, secret, refreshToken string, cache *TokenCache,
	opts []SourceOption, fetch func(*leigaAuth, context.Context, string) (grant, error)) *ManagedSource {
	cfg := newSourceConfig(opts)
	s := newManagedSource(kind, clientID, api.BaseURL(), refreshToken, identity("cid", clientID, secret), cache, cfg)
	s.secrets.addFixed(secret)
	a := &leigaAuth{api: api, clientID: clientID, secret: secret, log: cfg.log, redact: s.secrets.redact}
	s.fetch = func(ctx context.Context, refresh string) (grant, error) { return fetch(a, ctx, refresh) }
	return s
}

// answerOf words what came back for a wrong base URL.
func answerOf(e *leigaapi.Error) string {
	switch {
	case e.HTTPStatus == 404 || e.HTTPStatus == 405 || e.Code == "404":
		return fmt.Sprintf("%d (no such endpoint)", max(e.HTTPStatus, 404))
	case e.Kind == leigaapi.KindDecode:
		return "something that is not Leiga's JSON envelope"
	}
	return e.Message
}
