package resolve

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
	"golang.org/x/sync/singleflight"
)

// The Resolver's cache: lists are fetched once per key however many calls
// ask at once (singleflight), kept for a short TTL in a bounded LRU, split
// per caller's credentials, and read again when a name is missing from a
// list that may be stale.

// DefaultMaxEntries bounds the cached lists of all callers together.
const DefaultMaxEntries = 4096

// cache holds fetched lists by partition and name.
type cache struct {
	ttl   time.Duration
	now   func() time.Time
	part  func(ctx context.Context) string
	lru   *expirable.LRU[string, entry]
	group singleflight.Group
	// lookup is told of each look-up: the list's kind and whether it was
	// a hit (Options.OnLookup); nil: nobody listens.
	lookup func(list string, hit bool)
}

// entry is one cached list and when it was fetched.
type entry struct {
	val     any
	fetched time.Time
}

func newCache(ttl time.Duration, maxEntries int, now func() time.Time, part func(context.Context) string) *cache {
	if ttl <= 0 {
		ttl = DefaultTTL
	}
	if maxEntries <= 0 {
		maxEntries = DefaultMaxEntries
	}
	return &cache{ttl: ttl, now: now, part: part, lru: expirable.NewLRU[string, entry](maxEntries, nil, ttl)}
}

// key is the cache key of a list for the caller of ctx: its partition, a
// NUL, then the list's name.
func (c *cache) key(ctx context.Context, name string) string {
	if c.part == nil {
		return "\x00" + name
	}
	return c.part(ctx) + "\x00" + name
}

// Len reports how many lists are cached, all callers together.
func (r *Resolver) Len() int { return r.cache.lru.Len() }

// cached returns the value under name, fetching it at most once at a time.
// The fetch runs without the caller's cancellation (the Leiga client has
// its own timeout), so a caller that gives up does not fail the others
// waiting for the same list. Failed fetches are not cached.
func cached[T any](ctx context.Context, r *Resolver, name string, fetch func(context.Context) (T, error)) (T, error) {
	var zero T
	c := r.cache
	key := c.key(ctx, name)
	e, ok := c.lru.Get(key)
	hit := ok && c.now().Sub(e.fetched) < c.ttl
	if c.lookup != nil {
		c.lookup(listKind(name), hit)
	}
	if hit {
		return e.val.(T), nil
	}
	ch := c.group.DoChan(key, func() (any, error) {
		// A fetch that ended between the look-up above and this flight
		// has already cached the list.
		if e, ok := c.lru.Get(key); ok && c.now().Sub(e.fetched) < c.ttl {
			return e.val, nil
		}
		v, err := fetch(context.WithoutCancel(ctx))
		if err == nil {
			c.lru.Add(key, entry{val: v, fetched: c.now()})
		}
		return v, err
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return zero, res.Err
		}
		return res.Val.(T), nil
	case <-ctx.Done():
		return zero, ctx.Err()
	}
}

// listKind is the kind of the list cached under name: the name up to its
// ":" ("sprints:12" is "sprints"), so that it never carries an id.
func listKind(name string) string {
	kind, _, _ := strings.Cut(name, ":")
	return kind
}

// Invalidate drops every cached list of every caller.
func (r *Resolver) Invalidate() { r.cache.lru.Purge() }

// forget drops the caller's cached lists named name or starting with it
// when name ends with ":".
func (r *Resolver) forget(ctx context.Context, name string) {
	c := r.cache
	key := c.key(ctx, name)
	if !strings.HasSuffix(name, ":") {
		c.lru.Remove(key)
		return
	}
	for _, k := range c.lru.Keys() {
		if strings.HasPrefix(k, key) {
			c.lru.Remove(k)
		}
	}
}

// age is how long ago the caller's list under name was fetched (0 when it
// is not cached).
func (r *Resolver) age(ctx context.Context, name string) time.Duration {
	if e, ok := r.cache.lru.Peek(r.cache.key(ctx, name)); ok {
		return r.cache.now().Sub(e.fetched)
	}
	return 0
}

// listsOf names the cached lists that a write to an API module changes.
var listsOf = map[string][]string{
	"project":  {keyProjects},
	"tag":      {keyTags},
	"sprint":   {keySprints},
	"version":  {keyVersions},
	"epic":     {keyEpics},
	"user":     {keyMembers},
	"org":      {keyOrg, keyMembers},
	"workflow": {keyWorkflows, keyNext},
}

// Changed tells the resolver that the caller of ctx wrote to an API module
// ("tag", "sprint", "version", ...): the lists it changes are read again
// on next use, so a tag or sprint made a moment ago resolves at once.
func (r *Resolver) Changed(ctx context.Context, module string) {
	for _, name := range listsOf[module] {
		r.forget(ctx, name)
	}
}

// refreshAfter is the age from which a list that lacks a name is read
// again before the name is reported unknown.
const refreshAfter = 2 * time.Second

// withRefresh resolves against a cached list and, on a miss, fetches the
// list once more when it is older than refreshAfter (it may be stale: a
// sprint made a moment ago in the web app) and retries.
func withRefresh(ctx context.Context, r *Resolver, key string, fetch func(context.Context) ([]Ref, error), match func([]Ref) (Ref, error), alsoForget ...string) (Ref, error) {
	list, err := cached(ctx, r, key, fetch)
	if err != nil {
		return Ref{}, err
	}
	ref, err := match(list)
	var re *Error
	if err == nil || !errors.As(err, &re) || !re.NotFound() || r.age(ctx, key) < refreshAfter {
		return ref, err
	}
	for _, k := range append([]string{key}, alsoForget...) {
		r.forget(ctx, k)
	}
	if list, err = cached(ctx, r, key, fetch); err != nil {
		return Ref{}, err
	}
	return match(list)
}
