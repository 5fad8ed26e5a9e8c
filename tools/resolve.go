package tools

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// Name resolution: the workflow tools take names (project key, ABC-123,
// status, priority, assignee, ...) and a Resolver turns them into Leiga ids
// with the catalog's list endpoints. Lists are cached for a short TTL, one
// request per key however many calls ask at once. A name resolves to an
// exact (case-insensitive) match first, then to a unique prefix, then to a
// unique substring; anything else is a *ResolveError that lists the valid
// options and the closest ones. A name is never dropped silently.

// DefaultResolverTTL is how long resolved lists are reused.
const DefaultResolverTTL = 60 * time.Second

// defaultFanOut bounds the concurrent Leiga calls of one cross-project
// lookup or search.
const defaultFanOut = 4

// ResolverOptions configure a Resolver. Zero values take the defaults.
type ResolverOptions struct {
	// TTL of cached lists; default DefaultResolverTTL.
	TTL time.Duration
	// Me is who "me" is: a user id, email or name (LEIGA_USER). In sandbox
	// mode, the sandbox's current user id.
	Me string
	// Location is the user's time zone for dates (LEIGA_TZ); default Local.
	Location *time.Location
	// Now is the clock for relative dates and the cache; default time.Now.
	Now func() time.Time
	// AppURL is the web app root for issue links; default the API base URL
	// without its "/openapi/api" suffix (https://app.leiga.com).
	AppURL string
	// FanOut bounds concurrent calls across projects; default 4.
	FanOut int
	// Partition, when set, splits the cache by caller: it returns a
	// comparable key for a call's context, e.g. the per-request token
	// source of an HTTP client that sent its own credentials, so that one
	// user's lists are never served to another. Nil: one shared cache.
	Partition func(ctx context.Context) any
}

// ResolverOptionsFromEnv reads LEIGA_USER and LEIGA_TZ.
func ResolverOptionsFromEnv(getenv func(string) string) (ResolverOptions, error) {
	loc, err := LocationFromEnv(getenv)
	if err != nil {
		return ResolverOptions{}, err
	}
	return ResolverOptions{Me: strings.TrimSpace(getenv("LEIGA_USER")), Location: loc}, nil
}

// Resolver resolves names to Leiga ids, with a short-lived cache. One per
// server; safe for concurrent use.
type Resolver struct {
	api    *leigaapi.Client
	ttl    time.Duration
	me     string
	loc    *time.Location
	now    func() time.Time
	appURL string
	fanOut int
	part   func(ctx context.Context) any

	mu    sync.Mutex
	cache map[cacheKey]*cacheEntry
}

// NewResolver returns a resolver calling api.
func NewResolver(api *leigaapi.Client, opts ResolverOptions) *Resolver {
	r := &Resolver{
		api: api, ttl: opts.TTL, me: strings.TrimSpace(opts.Me), loc: opts.Location, now: opts.Now,
		appURL: strings.TrimRight(opts.AppURL, "/"), fanOut: opts.FanOut, part: opts.Partition, cache: map[cacheKey]*cacheEntry{},
	}
	if r.ttl <= 0 {
		r.ttl = DefaultResolverTTL
	}
	if r.loc == nil {
		r.loc = time.Local
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.fanOut <= 0 {
		r.fanOut = defaultFanOut
	}
	if r.appURL == "" && api != nil {
		r.appURL = appURLFrom(api.BaseURL())
	}
	return r
}

// appURLFrom derives the web app root from the API base URL by dropping
// the "/openapi/api" path: https://app.leiga.com/openapi/api becomes
// https://app.leiga.com.
func appURLFrom(base string) string {
	base = strings.TrimRight(base, "/")
	if i := strings.Index(base, "/openapi"); i >= 0 {
		return base[:i]
	}
	return base
}

// Location is the user's time zone.
func (r *Resolver) Location() *time.Location { return r.loc }

// Now is the current time of the resolver's clock.
func (r *Resolver) Now() time.Time { return r.now() }

// AppURL is the web app root used for issue links.
func (r *Resolver) AppURL() string { return r.appURL }

// IssueURL is the web link of an issue: <app>/<project key>/issue/<number>.
// The path is our best guess at the web app's; results prefer the url
// Leiga returns when it returns one.
func (r *Resolver) IssueURL(projectKey, number string) string {
	if number == "" {
		return ""
	}
	if projectKey == "" {
		projectKey, _, _ = strings.Cut(number, "-")
	}
	return r.appURL + "/" + url.PathEscape(projectKey) + "/issue/" + url.PathEscape(number)
}

// resolverOf returns the server's resolver.
func resolverOf(d *Deps) (*Resolver, error) {
	if d.Resolver == nil {
		return nil, fmt.Errorf("this server has no name resolver configured")
	}
	return d.Resolver, nil
}

// Ref is a resolved name: an id and its display name.
type Ref struct {
	ID         int64    `json:"id"`
	Name       string   `json:"name"`
	ProjectID  int64    `json:"-"`
	ProjectKey string   `json:"project,omitempty"` // the owning project; for projects, their key
	Category   int      `json:"-"`                 // status category: 2 to do, 3 in progress, 4 done
	Closed     bool     `json:"-"`                 // closed sprint, archived version or project
	Workflow   int64    `json:"-"`                 // issue types and states: their workflow id
	Aliases    []string `json:"-"`                 // also matched exactly: project key, email, type code
}
