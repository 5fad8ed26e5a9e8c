package tools

import (
	"context"
	"errors"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// The Resolver's cache: lists are fetched once per key however many calls
// ask at once, kept for a short TTL, and read again when a name is missing
// from a list that may be stale.

// cacheKey is a cached list's key within a caller's partition.
type cacheKey struct {
	part any
	key  string
}

// cacheEntry is one cached list; ready closes when the fetch is over.
type cacheEntry struct {
	ready   chan struct{}
	val     any
	err     error
	fetched time.Time
}

// done reports whether the entry's fetch is over.
func (e *cacheEntry) done() bool {
	select {
	case <-e.ready:
		return true
	default:
		return false
	}
}

// Invalidate drops every cached list, e.g. after creating a tag or sprint.
func (r *Resolver) Invalidate() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, e := range r.cache {
		if e.done() { // one in flight is fresh anyway
			delete(r.cache, k)
		}
	}
}

// cached returns the value under key, fetching it at most once at a time.
// Failed fetches are not cached. A waiter whose leader gave up (its
// context ended) fetches again itself.
func cached[T any](ctx context.Context, r *Resolver, name string, fetch func(context.Context) (T, error)) (T, error) {
	var zero T
	key := r.keyOf(ctx, name)
	for {
		r.mu.Lock()
		e := r.cache[key]
		if e != nil {
			select {
			case <-e.ready:
				if e.err != nil || r.now().Sub(e.fetched) >= r.ttl {
					e = nil
				} else {
					r.mu.Unlock()
					return e.val.(T), nil
				}
			default:
				r.mu.Unlock()
				select {
				case <-e.ready:
				case <-ctx.Done():
					return zero, ctx.Err()
				}
				if e.err == nil {
					return e.val.(T), nil
				}
				if isContextError(e.err) && ctx.Err() == nil {
					continue
				}
				return zero, e.err
			}
		}
		e = &cacheEntry{ready: make(chan struct{})}
		r.cache[key] = e
		r.mu.Unlock()

		v, err := fetch(ctx)
		r.mu.Lock()
		e.val, e.err, e.fetched = v, err, r.now()
		if err != nil && r.cache[key] == e {
			delete(r.cache, key)
		}
		close(e.ready)
		r.mu.Unlock()
		return v, err
	}
}

// keyOf is the cache key of a list for the caller of ctx.
func (r *Resolver) keyOf(ctx context.Context, name string) cacheKey {
	if r.part == nil {
		return cacheKey{key: name}
	}
	return cacheKey{part: r.part(ctx), key: name}
}

// forget drops one cached list of the caller of ctx.
func (r *Resolver) forget(ctx context.Context, name string) {
	key := r.keyOf(ctx, name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.cache[key]; e != nil && e.done() {
		delete(r.cache, key)
	}
}

// isContextError reports whether err is a context's end, also when the
// Leiga client reports it as a timeout.
func isContextError(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	e, ok := leigaapi.AsError(err)
	return ok && e.Kind == leigaapi.KindTimeout && errors.Is(e.Err, context.Canceled)
}

// refreshAfter is the age from which a list that lacks a name is read
// again before the name is reported unknown.
const refreshAfter = 2 * time.Second

// age is how long ago the caller's list under name was fetched (0 when it
// is not cached or still in flight).
func (r *Resolver) age(ctx context.Context, name string) time.Duration {
	key := r.keyOf(ctx, name)
	r.mu.Lock()
	defer r.mu.Unlock()
	if e := r.cache[key]; e != nil && e.done() {
		return r.now().Sub(e.fetched)
	}
	return 0
}

// withRefresh resolves against a cached list and, on a miss, fetches the
// list once more when it is older than refreshAfter (it may be stale: a
// sprint made a moment ago in the web app) and retries.
func withRefresh(ctx context.Context, r *Resolver, key string, fetch func(context.Context) ([]Ref, error), match func([]Ref) (Ref, error), alsoForget ...string) (Ref, error) {
	list, err := cached(ctx, r, key, fetch)
	if err != nil {
		return Ref{}, err
	}
	ref, err := match(list)
	var re *ResolveError
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
