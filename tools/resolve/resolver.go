// Package resolve turns the names people use (project keys, ABC-123, status,
// priority, member names and "me", tags, sprints, epics, versions, dates
// like "friday") into the ids the Leiga Open API takes. Lists are read
// through the endpoints package, cached briefly per credential, and a name
// that matches nothing or several things is an error listing the valid
// options: a name is never dropped silently.
package resolve

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
)

// DefaultTTL is how long resolved lists are reused.
const DefaultTTL = 60 * time.Second

// defaultFanOut bounds the concurrent Leiga calls of one cross-project
// lookup or search.
const defaultFanOut = 4

// Options configure a Resolver. Zero values take the defaults.
type Options struct {
	// TTL of cached lists; default DefaultTTL.
	TTL time.Duration
	// MaxEntries bounds the cached lists, all callers together; default
	// DefaultMaxEntries.
	MaxEntries int
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
	// Partition, when set, splits the cache by caller: it returns a stable
	// key for a call's context, such as the identity of the credentials an
	// HTTP client sent, so that one user's lists are never served to
	// another. Nil: one shared cache.
	Partition func(ctx context.Context) string
	// OnLookup, when set, is told of every look-up in the cache: the list's
	// kind ("projects", "members", "issue", ...; never a project id or a
	// name) and whether a fresh copy was there (metrics). It must be quick.
	OnLookup func(list string, hit bool)
}

// Resolver resolves names to Leiga ids, with a short-lived cache. One per
// server; safe for concurrent use.
type Resolver struct {
	client *leigaapi.Client
	me     string
	loc    *time.Location
	now    func() time.Time
	appURL string
	fanOut int
	cache  *cache
}

// New returns a resolver calling client.
func New(client *leigaapi.Client, opts Options) *Resolver {
	r := &Resolver{
		client: client, me: strings.TrimSpace(opts.Me), loc: opts.Location, now: opts.Now,
		appURL: strings.TrimRight(opts.AppURL, "/"), fanOut: opts.FanOut,
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
	if r.appURL == "" && client != nil {
		r.appURL = appURLFrom(client.BaseURL())
	}
	r.cache = newCache(opts.TTL, opts.MaxEntries, r.now, opts.Partition)
	r.cache.lookup = opts.OnLookup
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

// call sends a read through the typed endpoint helper.
func call[In, Out any](ctx context.Context, r *Resolver, e endpoints.Endpoint[In, Out], in In) (Out, error) {
	return endpoints.Call(ctx, r.client, e, in)
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
	State      string   `json:"-"`                 // sprints: active, not started or closed; shown in messages
}
