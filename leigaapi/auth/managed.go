package auth

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"golang.org/x/sync/singleflight"
)

// Timing of the token manager.
const (
	// minRefreshSkew is the least time before expiry at which a token is
	// renewed; longer-lived tokens renew at 10% of their lifetime before.
	minRefreshSkew = 60 * time.Second
	// fetchTimeout bounds one renewal, which runs detached from the callers'
	// contexts so that one caller giving up does not fail the others.
	fetchTimeout = 60 * time.Second
	// graceRetry is how long a token still valid is reused after a renewal
	// failed for a transient reason, before the next renewal attempt.
	graceRetry = 5 * time.Second
)

// grant is one access token (and its refresh token) with its timing.
type grant struct {
	access    string
	refresh   string
	lifetime  time.Duration // as issued; 0: never expires / unknown
	obtained  time.Time
	expiry    time.Time // zero: never
	refreshAt time.Time // zero: never; renew from then on
}

// usable reports whether g may be sent now.
func (g *grant) usable(now time.Time) bool {
	return g.access != "" && (g.refreshAt.IsZero() || now.Before(g.refreshAt))
}

// valid reports whether g has not yet expired (it may be due for renewal).
func (g *grant) valid(now time.Time) bool {
	return g.access != "" && (g.expiry.IsZero() || now.Before(g.expiry))
}

// setTiming fills expiry and refreshAt from obtained and lifetime: renew at
// the larger of 60 s and 10% of the lifetime before expiry, but never less
// than half-way through a very short lifetime (so a 30 s token is not
// renewed on every call).
func (g *grant) setTiming() {
	if g.lifetime <= 0 {
		g.expiry, g.refreshAt = time.Time{}, time.Time{}
		return
	}
	g.expiry = g.obtained.Add(g.lifetime)
	g.refreshAt = g.expiry.Add(-refreshSkew(g.lifetime))
}

func refreshSkew(lifetime time.Duration) time.Duration {
	skew := max(minRefreshSkew, lifetime/10)
	return min(skew, lifetime/2)
}

// fetchFunc obtains a new grant. refresh is the refresh token in hand ("" if
// none). On error the returned grant's refresh field is the refresh token to
// keep (so a rejected one is dropped and a transient failure keeps it).
type fetchFunc func(ctx context.Context, refresh string) (grant, error)

// ManagedSource is a renewable leigaapi.TokenSource: Leiga permanent or
// refreshable tokens, or OAuth2 tokens. It is safe for concurrent use.
//
// Token is lock-free while the current token is fresh. Otherwise exactly
// one renewal runs at a time, shared by every caller that needs it; each
// caller waits for it only as long as its own context allows. Tokens are
// renewed ahead of expiry and persisted to the TokenCache if any.
type ManagedSource struct {
	kind     AuthKind
	clientID string
	issuer   string // Leiga base URL or OAuth token URL (cache key)
	seed     string // seedHash of LEIGA_REFRESH_TOKEN
	describe string
	identity string
	secrets  secretSet
	cache    *TokenCache
	now      func() time.Time
	log      *slog.Logger
	fetch    fetchFunc
	renewed  func(outcome string) // nil: nobody listens

	cur atomic.Pointer[grant]
	sf  singleflight.Group

	mu              sync.Mutex // guards the fields below
	loaded          bool       // the cache was consulted
	rejected        string     // the last access token reported invalid
	rejectedRefresh string     // the last refresh token refused
}

// newManagedSource returns a source whose fetch the caller sets. identity
// names the credential (leigaapi.Identifier). A source of the server's own
// credentials joins the process-wide redaction set; a per-request one
// (cfg.private) keeps its secrets to its own requests.
func newManagedSource(kind AuthKind, clientID, issuer, seedRefresh, identity string, cache *TokenCache, cfg sourceConfig) *ManagedSource {
	s := &ManagedSource{
		kind:     kind,
		clientID: clientID,
		issuer:   issuer,
		seed:     seedHash(seedRefresh),
		describe: "the credentials for client id " + clientID,
		identity: identity,
		cache:    cache,
		now:      cfg.now,
		log:      cfg.log,
		renewed:  cfg.renewed,
	}
	if !cfg.private {
		leigaapi.RegisterSecretHolder(s)
	}
	if seedRefresh != "" {
		s.secrets.addFixed(seedRefresh)
		s.cur.Store(&grant{refresh: seedRefresh})
	}
	return s
}

// Describe names the credentials without revealing a secret.
func (s *ManagedSource) Describe() string { return s.describe }

// Identity is a keyed hash of the credentials (leigaapi.Identifier): "cid:"
// for a Leiga client id and secret, "oauth:" for an OAuth2 client.
func (s *ManagedSource) Identity() string { return s.identity }

// Secrets returns the client secret, the seed refresh token and the last
// tokens obtained (leigaapi.SecretHolder). The caller must not modify the
// slice.
func (s *ManagedSource) Secrets() []string { return s.secrets.list() }

// Token returns a token that is not about to expire, renewing it first if
// needed. A caller whose ctx ends while a renewal runs gets ctx.Err(); the
// renewal goes on for the others.
func (s *ManagedSource) Token(ctx context.Context) (string, error) {
	if g := s.cur.Load(); g != nil && g.usable(s.now()) {
		return g.access, nil
	}
	return s.slowToken(ctx)
}

func (s *ManagedSource) slowToken(ctx context.Context) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	ch := s.sf.DoChan("token", func() (any, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), fetchTimeout)
		defer cancel()
		return s.renew(fctx)
	})
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(string), nil
	}
}

// Invalidate drops token if it is still the current one, keeping the refresh
// token; the next Token call renews. A token already replaced is ignored.
func (s *ManagedSource) Invalidate(token string) {
	if token == "" {
		return
	}
	for {
		cur := s.cur.Load()
		if cur == nil || cur.access != token {
			return
		}
		if s.cur.CompareAndSwap(cur, &grant{refresh: cur.refresh}) {
			s.mu.Lock()
			s.rejected = token
			s.mu.Unlock()
			s.log.Debug("leiga token rejected; will renew", "credentials", s.kind, "client_id", s.clientID)
			return
		}
	}
}

// renew runs inside the single flight.
func (s *ManagedSource) renew(ctx context.Context) (string, error) {
	now := s.now()
	cur := s.cur.Load()
	if cur != nil && cur.usable(now) {
		return cur.access, nil // renewed by a flight that just finished
	}
	curRefresh := ""
	if cur != nil {
		curRefresh = cur.refresh
	}
	refresh := curRefresh
	if g, ok := s.fromCache(now, refresh); ok {
		if g.usable(now) {
			s.cur.Store(&g)
			s.log.Debug("leiga token loaded from cache", "credentials", s.kind, "client_id", s.clientID)
			return g.access, nil
		}
		refresh = g.refresh
	}
	start := s.now()
	g, err := s.fetch(ctx, refresh)
	s.observeRenewal(err)
	if err != nil {
		if cur != nil && cur.valid(now) && !isRejection(err) {
			// Transient failure with a token that has not expired yet: keep
			// using it for a little while rather than fail the call.
			retry := now.Add(graceRetry)
			if cur.expiry.IsZero() || retry.Before(cur.expiry.Add(-graceRetry)) {
				kept := *cur
				kept.refreshAt = retry
				s.cur.Store(&kept)
				s.log.Warn("leiga token renewal failed; using the current token until it expires", "credentials", s.kind, "client_id", s.clientID, "error", s.secrets.redact(err.Error()))
				return kept.access, nil
			}
		}
		if refresh != "" && g.refresh == "" {
			s.mu.Lock()
			s.rejectedRefresh = refresh
			s.mu.Unlock()
		}
		if g.refresh != curRefresh {
			s.cur.Store(&grant{refresh: g.refresh})
		}
		return "", err
	}
	s.secrets.addTokens(g.access, g.refresh)
	g.obtained = start
	g.setTiming()
	s.cur.Store(&g)
	s.log.Debug("leiga token obtained", "credentials", s.kind, "client_id", s.clientID, "lifetime", g.lifetime)
	s.persist(&g)
	return g.access, nil
}

// observeRenewal tells the renewal observer, if any, how a fetch ended.
func (s *ManagedSource) observeRenewal(err error) {
	if s.renewed == nil {
		return
	}
	switch {
	case err == nil:
		s.renewed(RenewalOK)
	case isRejection(err):
		s.renewed(RenewalRejected)
	default:
		s.renewed(RenewalFailed)
	}
}

// fromCache returns the cached grant, consulted on the first renewal (and,
// for OAuth, whenever there is no refresh token in hand, so that a
// `leiga-mcp login` run while the server is up is picked up). A cached
// access token that has expired or was rejected is dropped; its refresh
// token is kept.
func (s *ManagedSource) fromCache(now time.Time, refresh string) (grant, bool) {
	if s.cache == nil {
		return grant{}, false
	}
	s.mu.Lock()
	first := !s.loaded
	s.loaded = true
	rejected, rejectedRefresh := s.rejected, s.rejectedRefresh
	s.mu.Unlock()
	if !first && (s.kind != AuthOAuth || refresh != "") {
		return grant{}, false
	}
	e, err := s.cache.load(s.kind, s.clientID, s.issuer)
	if err != nil {
		s.cacheProblem(err)
		return grant{}, false
	}
	s.secrets.addTokens(e.AccessToken, e.RefreshToken)
	if e.Seed != s.seed && s.seed != "" {
		s.log.Info("leiga token cache ignored: LEIGA_REFRESH_TOKEN changed", "path", s.cache.Path(s.clientID))
		return grant{}, false
	}
	g := grant{obtained: e.ObtainedAt}
	if e.RefreshToken != rejectedRefresh {
		g.refresh = e.RefreshToken
	}
	if e.AccessToken != rejected {
		g.access = e.AccessToken
	}
	if e.ExpiresAt != nil {
		g.lifetime = e.ExpiresAt.Sub(e.ObtainedAt)
		if g.lifetime <= 0 {
			g.access = "" // malformed: treat as expired
		}
	}
	g.setTiming()
	if g.access != "" && !g.usable(now) {
		s.log.Info("leiga token cache holds an expired token; renewing", "path", s.cache.Path(s.clientID))
		g.access = ""
	}
	if g.refresh == "" {
		g.refresh = refresh
	}
	return g, g.access != "" || g.refresh != ""
}

// persist writes g to the cache; a failure is logged, not fatal.
func (s *ManagedSource) persist(g *grant) {
	if s.cache == nil {
		return
	}
	e := cacheEntry{
		Kind:         s.kind,
		ClientID:     s.clientID,
		Issuer:       s.issuer,
		AccessToken:  g.access,
		RefreshToken: g.refresh,
		ObtainedAt:   g.obtained.UTC(),
		Seed:         s.seed,
	}
	if !g.expiry.IsZero() {
		exp := g.expiry.UTC()
		e.ExpiresAt = &exp
	}
	if err := s.cache.store(e); err != nil {
		s.log.Warn("cannot save the leiga token cache", "path", s.cache.Path(s.clientID), "error", s.secrets.redact(err.Error()))
	}
}

// cacheProblem logs why the cache file was not used: nothing for a missing
// file, a warning with what to do for an unsafe one, a note otherwise (the
// next store replaces it).
func (s *ManagedSource) cacheProblem(err error) {
	var unsafe *unsafeCacheError
	switch {
	case errors.Is(err, errNoCacheFile):
	case errors.As(err, &unsafe):
		s.log.Warn("leiga token cache refused", "path", unsafe.path, "problem", unsafe.problem, "fix", unsafe.fix)
	default:
		s.log.Info("leiga token cache ignored; it will be replaced", "path", s.cache.Path(s.clientID), "reason", err.Error())
	}
}
