package auth

import (
	"container/list"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// Request headers that carry per-request credentials in HTTP mode.
const (
	HeaderAccessToken = "X-Leiga-Access-Token"
	HeaderClientID    = "X-Leiga-Client-Id"
	HeaderSecret      = "X-Leiga-Secret"
)

// DefaultRegistrySize is how many per-client sources a SourceRegistry keeps.
const DefaultRegistrySize = 256

// SourceRegistry hands out token sources for per-request credentials, so
// one HTTP deployment can serve several Leiga users without mixing them.
// Sources are interned by a keyed hash of the credential: every request with
// the same header token gets the same StaticToken (so a rejection is
// remembered and caches keyed by leigaapi.CredentialID are shared), every
// request with the same client id and secret the same ManagedSource (so one
// token serves them all). Sources live in memory only (never on disk), at
// most the registry's size, evicted least recently used. Their secrets stay
// with them: they are hidden in their own requests' text only.
type SourceRegistry struct {
	api  *leigaapi.Client
	opts []SourceOption
	max  int

	mu    sync.Mutex
	order *list.List // of *registryEntry, most recently used first
	byKey map[string]*list.Element
}

type registryEntry struct {
	key string
	src leigaapi.TokenSource
}

// NewSourceRegistry returns a registry whose sources make their /authorize
// calls through api. maxEntries <= 0 means DefaultRegistrySize.
func NewSourceRegistry(api *leigaapi.Client, maxEntries int, opts ...SourceOption) *SourceRegistry {
	if maxEntries <= 0 {
		maxEntries = DefaultRegistrySize
	}
	opts = append(opts[:len(opts):len(opts)], perRequest)
	return &SourceRegistry{api: api, opts: opts, max: maxEntries, order: list.New(), byKey: map[string]*list.Element{}}
}

// FromHeaders returns the token source for a request's credential headers:
// X-Leiga-Access-Token gives a static token used as is; X-Leiga-Client-Id
// with X-Leiga-Secret gives the shared permanent-token source for that pair.
// ok is false when the request carries no credential header (use the
// server's own credentials). A partial or conflicting set is an error.
// Wire it with leigaapi.WithTokenSource(ctx, ts).
func (r *SourceRegistry) FromHeaders(h http.Header) (ts leigaapi.TokenSource, ok bool, err error) {
	token := strings.TrimSpace(h.Get(HeaderAccessToken))
	id := strings.TrimSpace(h.Get(HeaderClientID))
	secret := strings.TrimSpace(h.Get(HeaderSecret))
	switch {
	case token != "" && (id != "" || secret != ""):
		return nil, false, fmt.Errorf("send either %s or %s with %s, not both", HeaderAccessToken, HeaderClientID, HeaderSecret)
	case token != "":
		return r.intern("tok:"+credentialHash(token), func() leigaapi.TokenSource { return newHeaderToken(token) }), true, nil
	case id != "" && secret != "":
		return r.intern("cid:"+credentialHash(id, secret), func() leigaapi.TokenSource {
			return NewPermanentSource(r.api, id, secret, nil, r.opts...)
		}), true, nil
	case id != "":
		return nil, false, fmt.Errorf("header %s is set but %s is not", HeaderClientID, HeaderSecret)
	case secret != "":
		return nil, false, fmt.Errorf("header %s is set but %s is not", HeaderSecret, HeaderClientID)
	}
	return nil, false, nil
}

// intern returns the source kept under key, making it with create if there
// is none, and evicts the least recently used past the registry's size.
func (r *SourceRegistry) intern(key string, create func() leigaapi.TokenSource) leigaapi.TokenSource {
	r.mu.Lock()
	defer r.mu.Unlock()
	if el, ok := r.byKey[key]; ok {
		r.order.MoveToFront(el)
		return el.Value.(*registryEntry).src
	}
	src := create()
	r.byKey[key] = r.order.PushFront(&registryEntry{key: key, src: src})
	for r.order.Len() > r.max {
		last := r.order.Back()
		r.order.Remove(last)
		delete(r.byKey, last.Value.(*registryEntry).key)
	}
	return src
}

// Len reports how many per-client sources the registry holds.
func (r *SourceRegistry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.order.Len()
}
