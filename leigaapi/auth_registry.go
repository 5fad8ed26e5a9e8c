package leigaapi

import (
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"sync"
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
// Sources for client id + secret are shared per (client id, hash of secret),
// kept in memory only (never on disk), and evicted least recently used.
type SourceRegistry struct {
	api  *Client
	opts []SourceOption
	max  int

	mu    sync.Mutex
	order *list.List // of *registryEntry, most recently used first
	byKey map[string]*list.Element
}

type registryEntry struct {
	key string
	src *ManagedSource
}

// NewSourceRegistry returns a registry whose sources make their /authorize
// calls through api. maxEntries <= 0 means DefaultRegistrySize.
func NewSourceRegistry(api *Client, maxEntries int, opts ...SourceOption) *SourceRegistry {
	if maxEntries <= 0 {
		maxEntries = DefaultRegistrySize
	}
	return &SourceRegistry{api: api, opts: opts, max: maxEntries, order: list.New(), byKey: map[string]*list.Element{}}
}

// FromHeaders returns the token source for a request's credential headers:
// X-Leiga-Access-Token gives a static token used as is; X-Leiga-Client-Id
// with X-Leiga-Secret gives the shared permanent-token source for that pair.
// ok is false when the request carries no credential header (use the
// server's own credentials). A partial or conflicting set is an error.
// Wire it with WithTokenSource(ctx, ts).
func (r *SourceRegistry) FromHeaders(h http.Header) (ts TokenSource, ok bool, err error) {
	token := strings.TrimSpace(h.Get(HeaderAccessToken))
	id := strings.TrimSpace(h.Get(HeaderClientID))
	secret := strings.TrimSpace(h.Get(HeaderSecret))
	switch {
	case token != "" && (id != "" || secret != ""):
		return nil, false, fmt.Errorf("send either %s or %s with %s, not both", HeaderAccessToken, HeaderClientID, HeaderSecret)
	case token != "":
		RegisterSecret(token)
		return &headerToken{NewStaticToken(token)}, true, nil
	case id != "" && secret != "":
		return r.permanent(id, secret), true, nil
	case id != "":
		return nil, false, fmt.Errorf("header %s is set but %s is not", HeaderClientID, HeaderSecret)
	case secret != "":
		return nil, false, fmt.Errorf("header %s is set but %s is not", HeaderSecret, HeaderClientID)
	}
	return nil, false, nil
}

// permanent returns the shared source for (id, secret).
func (r *SourceRegistry) permanent(id, secret string) *ManagedSource {
	sum := sha256.Sum256([]byte(id + "\x00" + secret))
	key := hex.EncodeToString(sum[:])
	r.mu.Lock()
	defer r.mu.Unlock()
	if el, ok := r.byKey[key]; ok {
		r.order.MoveToFront(el)
		return el.Value.(*registryEntry).src
	}
	src := NewPermanentSource(r.api, id, secret, nil, r.opts...)
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

// headerToken is a static token from the X-Leiga-Access-Token header.
type headerToken struct{ *StaticToken }

// Describe names the source without revealing the token.
func (h *headerToken) Describe() string {
	return "the access token in the " + HeaderAccessToken + " header"
}
