package tools

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"golang.org/x/sync/errgroup"
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

// maxListedOptions caps the valid options an error message lists.
const maxListedOptions = 15

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

// Invalidate drops every cached list, e.g. after creating a tag or sprint.
func (r *Resolver) Invalidate() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, e := range r.cache {
		select {
		case <-e.ready:
			delete(r.cache, k)
		default: // in flight: its result is fresh anyway
		}
	}
}

// resolverOf returns the server's resolver.
func resolverOf(d *Deps) (*Resolver, error) {
	if d.Resolver == nil {
		return nil, fmt.Errorf("this server has no name resolver configured")
	}
	return d.Resolver, nil
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
	if e := r.cache[key]; e != nil {
		select {
		case <-e.ready:
			delete(r.cache, key)
		default:
		}
	}
}

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
	if e := r.cache[key]; e != nil {
		select {
		case <-e.ready:
			return r.now().Sub(e.fetched)
		default:
		}
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

// label is how an option is shown in messages.
func (f Ref) label(withProject bool) string {
	if withProject && f.ProjectKey != "" {
		return f.Name + " (" + f.ProjectKey + ")"
	}
	return f.Name
}

// ResolveError is a name that matches nothing, or more than one thing.
// Its message lists the valid options (capped) and the closest matches.
type ResolveError struct {
	Kind      string   // "project", "status", "member", ...
	Query     string   // the name asked for
	Scope     string   // "in project MOBILE", "in any project", ""
	Matches   []string // the candidates of an ambiguous name
	Closest   []string // near misses of an unknown name
	Options   []string // every valid option
	Hint      string   // what to do, when there is more to say
	ambiguous bool
}

// NotFound reports whether nothing matched (as opposed to several things).
func (e *ResolveError) NotFound() bool { return !e.ambiguous }

// Error words the failure for a model: what was asked, what is close,
// what is valid.
func (e *ResolveError) Error() string {
	var b strings.Builder
	scope := ""
	if e.Scope != "" {
		scope = " " + e.Scope
	}
	if e.ambiguous {
		fmt.Fprintf(&b, "%s %q is ambiguous%s: it matches %s. Use the full name", e.Kind, e.Query, scope, listCapped(e.Matches))
		if hasProjectLabels(e.Matches) {
			b.WriteString(" or name the project")
		}
		b.WriteString(".")
	} else {
		fmt.Fprintf(&b, "no %s matches %q%s.", e.Kind, e.Query, scope)
		if len(e.Closest) > 0 {
			fmt.Fprintf(&b, " Closest: %s.", strings.Join(e.Closest, ", "))
		}
	}
	if len(e.Options) > 0 {
		fmt.Fprintf(&b, " Valid %s: %s.", plural(e.Kind), listCapped(e.Options))
	} else if !e.ambiguous && e.Hint == "" {
		fmt.Fprintf(&b, " There are no %s%s.", plural(e.Kind), scope)
	}
	if e.Hint != "" {
		b.WriteString(" " + e.Hint)
	}
	return b.String()
}

func hasProjectLabels(labels []string) bool {
	return slices.ContainsFunc(labels, func(s string) bool { return strings.HasSuffix(s, ")") })
}

// listCapped joins at most maxListedOptions items, then "and N more".
func listCapped(items []string) string {
	if len(items) <= maxListedOptions {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:maxListedOptions], ", ") + fmt.Sprintf(" and %d more", len(items)-maxListedOptions)
}

func plural(kind string) string {
	switch {
	case strings.HasSuffix(kind, "y"):
		return kind[:len(kind)-1] + "ies"
	case strings.HasSuffix(kind, "s"):
		return kind + "es"
	}
	return kind + "s"
}

// normName folds a name for matching: lower case, single spaces.
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// matchRef picks the one candidate query names: an exact match of the name
// or an alias, then the id, then a unique prefix, then a unique substring.
// withProject shows each option with its project (cross-project lookups).
func matchRef(kind, scope, query string, cands []Ref, withProject bool) (Ref, error) {
	q := normName(query)
	fail := func(matches []Ref) error {
		return newResolveError(kind, scope, query, cands, matches, withProject)
	}
	if q == "" {
		return Ref{}, fail(nil)
	}
	test := func(ok func(name string) bool) []Ref {
		var out []Ref
		for _, c := range cands {
			if ok(normName(c.Name)) || slices.ContainsFunc(c.Aliases, func(a string) bool { return a != "" && ok(normName(a)) }) {
				out = append(out, c)
			}
		}
		return distinctRefs(out)
	}
	steps := []func(string) bool{
		func(n string) bool { return n == q },
		nil, // id
		func(n string) bool { return strings.HasPrefix(n, q) },
		func(n string) bool { return strings.Contains(n, q) },
	}
	for _, step := range steps {
		var found []Ref
		if step == nil {
			id, err := strconv.ParseInt(strings.TrimPrefix(q, "#"), 10, 64)
			if err != nil {
				continue
			}
			for _, c := range cands {
				if c.ID == id {
					found = append(found, c)
				}
			}
			found = distinctRefs(found)
		} else {
			found = test(step)
		}
		switch {
		case len(found) == 1:
			return found[0], nil
		case len(found) > 1:
			return Ref{}, fail(found)
		}
	}
	return Ref{}, fail(nil)
}

// distinctRefs drops repeats of the same object.
func distinctRefs(refs []Ref) []Ref {
	seen := map[[2]int64]bool{}
	out := refs[:0:0]
	for _, f := range refs {
		k := [2]int64{f.ProjectID, f.ID}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// newResolveError builds the error for a failed match: matches non-empty
// means ambiguous.
func newResolveError(kind, scope, query string, cands, matches []Ref, withProject bool) *ResolveError {
	e := &ResolveError{Kind: kind, Query: query, Scope: scope, ambiguous: len(matches) > 1}
	seen := map[string]bool{}
	for _, c := range cands {
		l := c.label(withProject)
		if !seen[l] {
			seen[l] = true
			e.Options = append(e.Options, l)
		}
	}
	for _, m := range matches {
		e.Matches = append(e.Matches, m.label(withProject))
	}
	if !e.ambiguous {
		e.Closest = closest(query, cands, withProject)
	}
	return e
}

// closest returns up to three candidates within a small edit distance of
// query, nearest first.
func closest(query string, cands []Ref, withProject bool) []string {
	q := normName(query)
	if q == "" {
		return nil
	}
	limit := max(2, utf8.RuneCountInString(q)/3)
	type scored struct {
		label string
		d     int
	}
	var near []scored
	seen := map[string]bool{}
	for _, c := range cands {
		d := levenshtein(q, normName(c.Name))
		for _, a := range c.Aliases {
			if a != "" {
				d = min(d, levenshtein(q, normName(a)))
			}
		}
		l := c.label(withProject)
		if d <= limit && !seen[l] {
			seen[l] = true
			near = append(near, scored{l, d})
		}
	}
	slices.SortStableFunc(near, func(a, b scored) int { return cmp.Compare(a.d, b.d) })
	out := make([]string, 0, 3)
	for i := 0; i < len(near) && i < 3; i++ {
		out = append(out, near[i].label)
	}
	return out
}

// levenshtein is the edit distance between a and b, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ---- Leiga calls and tolerant decoding ----

// call sends a read and decodes the envelope's data.
func (r *Resolver) call(ctx context.Context, method, path string, query url.Values, body any) (any, error) {
	resp, err := r.api.Do(ctx, leigaapi.Request{Method: method, Path: path, Query: query, Body: body, Idempotent: true})
	if err != nil {
		return nil, err
	}
	return decodeJSON(resp.Data)
}

// decodeJSON parses data keeping numbers exact.
func decodeJSON(data json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("Leiga returned data that is not JSON: %w", err)
	}
	return v, nil
}

// jmap is a decoded JSON object read with fallbacks between the field
// names the catalog and the service use (name/projectName, id/projectId).
type jmap map[string]any

func asMap(v any) jmap {
	if m, ok := v.(jmap); ok {
		return m
	}
	m, _ := v.(map[string]any)
	return m
}

// asList returns an array, or the rows of a paged object.
func asList(v any) []any {
	if m, ok := v.(jmap); ok {
		v = map[string]any(m)
	}
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any:
		for _, k := range []string{"list", "records", "rows", "items", "data"} {
			if l, ok := x[k].([]any); ok {
				return l
			}
		}
	}
	return nil
}

// str returns the first non-empty string under keys.
func (m jmap) str(keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// id returns the first integer under keys (numbers or numeric strings).
func (m jmap) id(keys ...string) int64 {
	for _, k := range keys {
		if n, ok := toInt64(m[k]); ok {
			return n
		}
	}
	return 0
}

// num returns the first number under keys.
func (m jmap) num(keys ...string) (float64, bool) {
	for _, k := range keys {
		switch v := m[k].(type) {
		case json.Number:
			if f, err := v.Float64(); err == nil {
				return f, true
			}
		case float64:
			return v, true
		}
	}
	return 0, false
}

// obj returns the first object under keys.
func (m jmap) obj(keys ...string) jmap {
	for _, k := range keys {
		if o, ok := m[k].(map[string]any); ok {
			return o
		}
	}
	return nil
}

// flag reads a boolean or 0/1 field.
func (m jmap) flag(key string) bool {
	switch v := m[key].(type) {
	case bool:
		return v
	case json.Number:
		return v.String() != "0"
	}
	return false
}

func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, true
		}
		if f, err := x.Float64(); err == nil {
			return int64(f), true
		}
	case float64:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

// pageSizeForLists is the page size used to read whole paged lists.
const pageSizeForLists = 100

// allPages reads a paged list to its end (at most 50 pages).
func allPages(fetch func(page int) (any, error)) ([]any, error) {
	var rows []any
	for page := 1; page <= 50; page++ {
		v, err := fetch(page)
		if err != nil {
			return nil, err
		}
		list := asList(v)
		rows = append(rows, list...)
		total, hasTotal := toInt64(asMap(v)["total"])
		if len(list) == 0 || len(list) < pageSizeForLists || (hasTotal && int64(len(rows)) >= total) {
			break
		}
	}
	return rows, nil
}

// ---- Projects ----

// Projects lists the projects the API user can see.
func (r *Resolver) Projects(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, "projects", r.fetchProjects)
}

func (r *Resolver) fetchProjects(ctx context.Context) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/project/list", nil, nil)
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range asList(v) {
		m := asMap(row)
		p := Ref{ID: m.id("id", "projectId"), Name: m.str("pname", "projectName", "name"), ProjectKey: m.str("pkey", "projectKey", "key")}
		p.ProjectID, p.Aliases, p.Closed = p.ID, []string{p.ProjectKey}, m.flag("archived")
		if p.ID != 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

// Project resolves a project by key, name or id.
func (r *Resolver) Project(ctx context.Context, q string) (Ref, error) {
	return withRefresh(ctx, r, "projects", r.fetchProjects, func(list []Ref) (Ref, error) {
		labelled := make([]Ref, len(list))
		for i, p := range list {
			p.Name = p.Name + " (" + p.ProjectKey + ")"
			p.Aliases = []string{p.ProjectKey, strings.TrimSuffix(p.Name, " ("+p.ProjectKey+")")}
			labelled[i] = p
		}
		p, err := matchRef("project", "", q, labelled, false)
		if err == nil {
			p.Name = strings.TrimSuffix(p.Name, " ("+p.ProjectKey+")")
		}
		return p, err
	})
}

// projectByID returns a visible project by id.
func (r *Resolver) projectByID(ctx context.Context, id int64) (Ref, error) {
	list, err := r.Projects(ctx)
	for _, p := range list {
		if p.ID == id {
			return p, nil
		}
	}
	return Ref{ID: id, ProjectID: id}, err
}

// scopeOf words the scope of a lookup in one project or all.
func scopeOf(p Ref) string {
	if p.ID == 0 {
		return "in any project"
	}
	if p.ProjectKey != "" {
		return "in project " + p.ProjectKey
	}
	return fmt.Sprintf("in project %d", p.ID)
}

// acrossProjects gathers a per-project list from every visible project,
// a few projects at a time.
func (r *Resolver) acrossProjects(ctx context.Context, list func(context.Context, Ref) ([]Ref, error)) ([]Ref, error) {
	projects, err := r.Projects(ctx)
	if err != nil {
		return nil, err
	}
	parts := make([][]Ref, len(projects))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.fanOut)
	for i, p := range projects {
		g.Go(func() error {
			refs, err := list(gctx, p)
			parts[i] = refs
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return slices.Concat(parts...), nil
}

// inProject tags refs with their project.
func inProject(refs []Ref, p Ref) []Ref {
	out := make([]Ref, len(refs))
	for i, f := range refs {
		f.ProjectID, f.ProjectKey = p.ID, p.ProjectKey
		out[i] = f
	}
	return out
}

// listSpec is a per-project list that names resolve against.
type listSpec struct {
	kind  string                                                           // "sprint", "status", ...
	key   string                                                           // cache key prefix; the project id is appended
	fetch func(r *Resolver, ctx context.Context, pid int64) ([]Ref, error) // reads Leiga, or caches under other keys only
	under string                                                           // cache key prefix fetch reads through, dropped on refresh
}

// list returns the spec's list for project p, cached, tagged with p.
func (s listSpec) list(ctx context.Context, r *Resolver, p Ref) ([]Ref, error) {
	if p.ProjectKey == "" {
		p, _ = r.projectByID(ctx, p.ID)
	}
	return cached(ctx, r, s.key+strconv.FormatInt(p.ID, 10), s.fetcher(r, p))
}

func (s listSpec) fetcher(r *Resolver, p Ref) func(context.Context) ([]Ref, error) {
	return func(ctx context.Context) ([]Ref, error) {
		refs, err := s.fetch(r, ctx, p.ID)
		return inProject(refs, p), err
	}
}

// resolve finds q in one project's list (p.ID != 0), or in every
// project's (p.ID == 0), where each option is shown with its project.
func (s listSpec) resolve(ctx context.Context, r *Resolver, p Ref, q string) (Ref, error) {
	if p.ID != 0 {
		if p.ProjectKey == "" {
			p, _ = r.projectByID(ctx, p.ID)
		}
		id := strconv.FormatInt(p.ID, 10)
		var also []string
		if s.under != "" {
			also = append(also, s.under+id)
		}
		return withRefresh(ctx, r, s.key+id, s.fetcher(r, p), func(refs []Ref) (Ref, error) {
			return matchRef(s.kind, scopeOf(p), q, refs, false)
		}, also...)
	}
	all, err := r.acrossProjects(ctx, func(ctx context.Context, p Ref) ([]Ref, error) { return s.list(ctx, r, p) })
	if err != nil {
		return Ref{}, err
	}
	return matchRef(s.kind, scopeOf(p), q, all, true)
}

// ---- Issue types and priorities ----

// The per-project lists names resolve against.
var (
	typeList     = listSpec{kind: "issue type", key: "types:", fetch: (*Resolver).fetchIssueTypes}
	priorityList = listSpec{kind: "priority", key: "priorities:", fetch: (*Resolver).fetchPriorities}
	sprintList   = listSpec{kind: "sprint", key: "sprints:", fetch: (*Resolver).fetchSprints}
	epicList     = listSpec{kind: "epic", key: "epics:", fetch: (*Resolver).fetchEpics}
	tagList      = listSpec{kind: "tag", key: "tags:", fetch: (*Resolver).fetchTags}
	memberList   = listSpec{kind: "member", key: "members:", fetch: (*Resolver).fetchMembers}
)

// IssueTypes lists a project's issue types.
func (r *Resolver) IssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	return typeList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchIssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/issue/type-list", url.Values{"projectId": {strconv.FormatInt(projectID, 10)}}, nil)
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range asList(v) {
		m := asMap(row)
		t := Ref{ID: m.id("id", "issueTypeId"), Name: m.str("name", "issueTypeName"), Aliases: []string{m.str("code")}, Workflow: m.id("workflowId")}
		if t.ID != 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// IssueType resolves an issue type name in a project.
func (r *Resolver) IssueType(ctx context.Context, p Ref, q string) (Ref, error) {
	return typeList.resolve(ctx, r, p, q)
}

// DefaultIssueType is the type of a new issue when none is named: "Task"
// when the project has it, else the first type that is not an epic or a
// subtask.
func (r *Resolver) DefaultIssueType(ctx context.Context, projectID int64) (Ref, error) {
	types, err := r.IssueTypes(ctx, projectID)
	if err != nil {
		return Ref{}, err
	}
	for _, t := range types {
		if normName(t.Name) == "task" {
			return t, nil
		}
	}
	for _, t := range types {
		n := normName(t.Name + " " + strings.Join(t.Aliases, " "))
		if !strings.Contains(n, "epic") && !strings.Contains(n, "sub") {
			return t, nil
		}
	}
	if len(types) > 0 {
		return types[0], nil
	}
	return Ref{}, fmt.Errorf("project %d has no issue types", projectID)
}

// Priorities lists a project's priority options (issue field "priority").
func (r *Resolver) Priorities(ctx context.Context, projectID int64) ([]Ref, error) {
	return priorityList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchPriorities(ctx context.Context, projectID int64) ([]Ref, error) {
	return r.fieldOptions(ctx, projectID, 0, "priority")
}

// fieldOptions reads the options of an issue field (for the project's
// default issue type when typeID is 0).
func (r *Resolver) fieldOptions(ctx context.Context, projectID, typeID int64, code string) ([]Ref, error) {
	if typeID == 0 {
		t, err := r.DefaultIssueType(ctx, projectID)
		if err != nil {
			return nil, err
		}
		typeID = t.ID
	}
	q := url.Values{"projectId": {strconv.FormatInt(projectID, 10)}, "issueTypeId": {strconv.FormatInt(typeID, 10)}, "fieldCode": {code}}
	v, err := r.call(ctx, "GET", "/issue/issue-field-info", q, nil)
	if err != nil {
		return nil, err
	}
	m := asMap(v)
	if f := m.obj("field", "data"); f != nil && m["options"] == nil {
		m = f
	}
	var out []Ref
	for _, row := range asList(m["options"]) {
		o := asMap(row)
		ref := Ref{ID: o.id("value", "id", "optionId"), Name: o.str("name", "label", "optionName")}
		if ref.ID != 0 && ref.Name != "" {
			out = append(out, ref)
		}
	}
	return out, nil
}

// Priority resolves a priority name.
func (r *Resolver) Priority(ctx context.Context, p Ref, q string) (Ref, error) {
	return priorityList.resolve(ctx, r, p, q)
}

// ---- Workflows and statuses ----

// Workflow is a project workflow: its states in order and the issue types
// it serves (none listed: every type).
type Workflow struct {
	ID      int64
	Name    string
	Default bool
	States  []Ref
	TypeIDs []int64
}

// Workflows lists a project's workflows.
func (r *Resolver) Workflows(ctx context.Context, projectID int64) ([]Workflow, error) {
	return cached(ctx, r, "workflows:"+strconv.FormatInt(projectID, 10), func(ctx context.Context) ([]Workflow, error) {
		v, err := r.call(ctx, "POST", "/workflow/list", nil, map[string]any{"projectId": projectID})
		if err != nil {
			return nil, err
		}
		var out []Workflow
		for _, row := range asList(v) {
			m := asMap(row)
			wf := Workflow{ID: m.id("id", "defId", "workflowId"), Name: m.str("workflowName", "name"), Default: m.id("defaultValue") == 1}
			for _, s := range asList(m["states"]) {
				sm := asMap(s)
				st := Ref{ID: sm.id("stateId", "id"), Name: sm.str("stateName", "name"), Category: int(sm.id("stateCategory", "category", "statusType")), Workflow: wf.ID}
				if st.ID != 0 {
					wf.States = append(wf.States, st)
				}
			}
			for _, t := range asList(m["issueTypes"]) {
				if id := asMap(t).id("id", "issueTypeId"); id != 0 {
					wf.TypeIDs = append(wf.TypeIDs, id)
				}
			}
			out = append(out, wf)
		}
		return out, nil
	})
}

// WorkflowFor returns the workflow an issue type of a project follows:
// the type's workflowId, else the workflow listing the type, else the
// default one, else the first. typeID 0 means the project's default type.
func (r *Resolver) WorkflowFor(ctx context.Context, projectID, typeID int64) (Workflow, error) {
	wfs, err := r.Workflows(ctx, projectID)
	if err != nil {
		return Workflow{}, err
	}
	if len(wfs) == 0 {
		return Workflow{}, fmt.Errorf("project %d has no workflow", projectID)
	}
	if typeID == 0 {
		if t, err := r.DefaultIssueType(ctx, projectID); err == nil {
			typeID = t.ID
		}
	}
	if typeID != 0 {
		if types, err := r.IssueTypes(ctx, projectID); err == nil {
			for _, t := range types {
				if t.ID == typeID && t.Workflow != 0 {
					for _, wf := range wfs {
						if wf.ID == t.Workflow {
							return wf, nil
						}
					}
				}
			}
		}
		for _, wf := range wfs {
			if slices.Contains(wf.TypeIDs, typeID) {
				return wf, nil
			}
		}
	}
	for _, wf := range wfs {
		if wf.Default {
			return wf, nil
		}
	}
	return wfs[0], nil
}

// Statuses lists the states of the workflow of a project's issue type
// (typeID 0: the default type's).
func (r *Resolver) Statuses(ctx context.Context, projectID, typeID int64) ([]Ref, error) {
	wf, err := r.WorkflowFor(ctx, projectID, typeID)
	if err != nil {
		return nil, err
	}
	return wf.States, nil
}

// statusList is the status list of one issue type's workflow.
func statusList(typeID int64) listSpec {
	return listSpec{
		kind: "status", key: "statuses:" + strconv.FormatInt(typeID, 10) + ":", under: "workflows:",
		fetch: func(r *Resolver, ctx context.Context, pid int64) ([]Ref, error) { return r.Statuses(ctx, pid, typeID) },
	}
}

// Status resolves a status name in the workflow of a project's issue type,
// or across every project's workflows when p.ID is 0.
func (r *Resolver) Status(ctx context.Context, p Ref, typeID int64, q string) (Ref, error) {
	return statusList(typeID).resolve(ctx, r, p, q)
}

// NextStatuses lists the states an issue in stateID may move to.
func (r *Resolver) NextStatuses(ctx context.Context, workflowID, stateID int64) ([]Ref, error) {
	key := fmt.Sprintf("next:%d:%d", workflowID, stateID)
	return cached(ctx, r, key, func(ctx context.Context) ([]Ref, error) {
		v, err := r.call(ctx, "POST", "/workflow/list/next-state", nil, map[string]any{"defId": workflowID, "stateId": stateID})
		if err != nil {
			return nil, err
		}
		out := []Ref{}
		for _, row := range asList(v) {
			m := asMap(row)
			if st := (Ref{ID: m.id("stateId", "id"), Name: m.str("stateName", "name"), Category: int(m.id("stateCategory", "category"))}); st.ID != 0 {
				out = append(out, st)
			}
		}
		return out, nil
	})
}

// ---- Sprints, versions, epics, tags ----

// Sprints lists a project's sprints, closed ones included.
func (r *Resolver) Sprints(ctx context.Context, projectID int64) ([]Ref, error) {
	return sprintList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchSprints(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "POST", "/sprint/list-with-count", nil, map[string]any{"projectId": projectID})
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range asList(v) {
		m := asMap(row)
		s := Ref{ID: m.id("id", "sprintId"), Name: m.str("name", "sprintName"), Closed: m.flag("closed") || m.id("status") == 3}
		if s.ID != 0 {
			out = append(out, s)
		}
	}
	return out, nil
}

// Sprint resolves a sprint name in a project, or in any project.
func (r *Resolver) Sprint(ctx context.Context, p Ref, q string) (Ref, error) {
	return sprintList.resolve(ctx, r, p, q)
}

// Versions lists the organisation's versions (they are not per project).
func (r *Resolver) Versions(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, "versions", r.fetchVersions)
}

func (r *Resolver) fetchVersions(ctx context.Context) ([]Ref, error) {
	rows, err := allPages(func(page int) (any, error) {
		return r.call(ctx, "POST", "/version/all-version", nil, map[string]any{"pageNumber": page, "pageSize": pageSizeForLists})
	})
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range rows {
		m := asMap(row)
		v := Ref{ID: m.id("id", "versionId"), Name: m.str("name", "versionName"), Closed: strings.EqualFold(m.str("status"), "archived")}
		if v.ID != 0 {
			out = append(out, v)
		}
	}
	return out, nil
}

// Version resolves a version name (versions are organisation-wide).
func (r *Resolver) Version(ctx context.Context, q string) (Ref, error) {
	return withRefresh(ctx, r, "versions", r.fetchVersions, func(list []Ref) (Ref, error) {
		return matchRef("version", "", q, list, false)
	})
}

// Epics lists a project's epics.
func (r *Resolver) Epics(ctx context.Context, projectID int64) ([]Ref, error) {
	return epicList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchEpics(ctx context.Context, projectID int64) ([]Ref, error) {
	rows, err := allPages(func(page int) (any, error) {
		return r.call(ctx, "POST", "/epic/page", nil, map[string]any{"projectId": projectID, "pageNumber": page, "pageSize": pageSizeForLists})
	})
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range rows {
		m := asMap(row)
		e := Ref{ID: m.id("id", "epicId"), Name: m.str("summary", "name", "title", "epicName")}
		if e.ID != 0 {
			out = append(out, e)
		}
	}
	return out, nil
}

// Epic resolves an epic by its title in a project, or in any project.
func (r *Resolver) Epic(ctx context.Context, p Ref, q string) (Ref, error) {
	return epicList.resolve(ctx, r, p, q)
}

// Tags lists a project's tags (issue field "label").
func (r *Resolver) Tags(ctx context.Context, projectID int64) ([]Ref, error) {
	return tagList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchTags(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "POST", "/tag/list", nil, map[string]any{"projectId": projectID})
	if err != nil {
		return nil, err
	}
	var out []Ref
	for _, row := range asList(v) {
		m := asMap(row)
		t := Ref{ID: m.id("id", "tagId"), Name: m.str("tagName", "name")}
		if t.ID != 0 {
			out = append(out, t)
		}
	}
	return out, nil
}

// Tag resolves a tag name in a project, or in any project.
func (r *Resolver) Tag(ctx context.Context, p Ref, q string) (Ref, error) {
	return tagList.resolve(ctx, r, p, q)
}

// ---- Members ----

// memberRows reads user rows: userId, userName, orgEmail.
func memberRows(rows []any) []Ref {
	var out []Ref
	for _, row := range rows {
		m := asMap(row)
		u := Ref{ID: m.id("userId", "id"), Name: m.str("userName", "name", "nickName"), Aliases: []string{m.str("orgEmail", "email")}}
		if u.ID != 0 {
			out = append(out, u)
		}
	}
	return out
}

// Members lists a project's members.
func (r *Resolver) Members(ctx context.Context, projectID int64) ([]Ref, error) {
	return memberList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchMembers(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/user/project-user-list", url.Values{"projectId": {strconv.FormatInt(projectID, 10)}}, nil)
	if err != nil {
		return nil, err
	}
	return memberRows(asList(v)), nil
}

// OrgMembers lists the organisation's members.
func (r *Resolver) OrgMembers(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, "org", r.fetchOrgMembers)
}

func (r *Resolver) fetchOrgMembers(ctx context.Context) ([]Ref, error) {
	rows, err := allPages(func(page int) (any, error) {
		q := url.Values{"pageNumber": {strconv.Itoa(page)}, "pageSize": {strconv.Itoa(pageSizeForLists)}}
		return r.call(ctx, "GET", "/org/all-member-list", q, nil)
	})
	if err != nil {
		return nil, err
	}
	return memberRows(rows), nil
}

// isMe reports whether a name means the current user.
func isMe(q string) bool {
	switch normName(q) {
	case "me", "myself", "@me":
		return true
	}
	return false
}

// Me resolves the current user from LEIGA_USER (id, email or name).
func (r *Resolver) Me(ctx context.Context) (Ref, error) {
	if r.me == "" {
		return Ref{}, &ResolveError{Kind: "user", Query: "me", Hint: `"me" needs to know who you are: set LEIGA_USER to your Leiga user id, email or name.`}
	}
	u, err := withRefresh(ctx, r, "org", r.fetchOrgMembers, func(list []Ref) (Ref, error) {
		return matchRef("organisation member", "", r.me, list, false)
	})
	var re *ResolveError
	if errors.As(err, &re) {
		re.Hint = fmt.Sprintf(`"me" is LEIGA_USER=%q, which must name one organisation member (user id, email or name).`, r.me)
	}
	return u, err
}

// Member resolves a user by name, email or id ("me": the current user)
// among a project's members, or the organisation's when p.ID is 0.
func (r *Resolver) Member(ctx context.Context, p Ref, q string) (Ref, error) {
	if isMe(q) {
		return r.Me(ctx)
	}
	if p.ID == 0 {
		return withRefresh(ctx, r, "org", r.fetchOrgMembers, func(list []Ref) (Ref, error) {
			return matchRef("member", "in the organisation", q, list, false)
		})
	}
	u, err := memberList.resolve(ctx, r, p, q)
	var re *ResolveError
	if errors.As(err, &re) && re.NotFound() {
		// Say so when the name is a colleague outside the project.
		if org, oerr := r.OrgMembers(ctx); oerr == nil {
			if o, merr := matchRef("member", "", q, org, false); merr == nil {
				if p.ProjectKey == "" {
					p, _ = r.projectByID(ctx, p.ID)
				}
				re.Hint = fmt.Sprintf("%s is in the organisation but not a member of project %s.", o.Name, cmp.Or(p.ProjectKey, strconv.FormatInt(p.ID, 10)))
			}
		}
	}
	return u, err
}

// ---- Issues ----

// IssueInfo is an issue as the workflow tools need it, read tolerantly
// from an issue detail answer.
type IssueInfo struct {
	ID             int64
	Number         string
	ProjectID      int64
	ProjectKey     string
	TypeID         int64
	TypeName       string
	StatusID       int64
	StatusName     string
	StatusCategory int
	Summary        string
	URL            string
	Detail         jmap // the whole answer
}

var (
	issueNumberForm = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)-(\d+)$`)
	issueIDForm     = regexp.MustCompile(`^#?(\d+)$`)
)

// Issue fetches an issue by number ("ABC-123", any case) or numeric id.
// Issues are not cached: the tools act on their current state.
func (r *Resolver) Issue(ctx context.Context, q string) (*IssueInfo, error) {
	q = strings.TrimSpace(q)
	var v any
	var err error
	switch {
	case issueNumberForm.MatchString(q):
		m := issueNumberForm.FindStringSubmatch(q)
		q = strings.ToUpper(m[1]) + "-" + m[2]
		v, err = r.call(ctx, "GET", "/issue/get-by-issue-number", url.Values{"issueNumber": {q}}, nil)
	case issueIDForm.MatchString(q):
		v, err = r.call(ctx, "GET", "/issue/get", url.Values{"id": {issueIDForm.FindStringSubmatch(q)[1]}}, nil)
	default:
		return nil, &ResolveError{Kind: "issue", Query: q, Hint: "Give an issue number like MOBILE-12 or a numeric issue id; search_issues finds issues by title."}
	}
	if err != nil {
		if e, ok := leigaapi.AsError(err); ok && (e.Code == "404" || e.HTTPStatus == 404 && e.Code != "" || strings.Contains(strings.ToLower(e.Message), "not found")) {
			return nil, &ResolveError{Kind: "issue", Query: q, Hint: "It does not exist, is in the trash, or you cannot see it; search_issues finds issues by title."}
		}
		return nil, err
	}
	m := asMap(v)
	if m == nil {
		return nil, &ResolveError{Kind: "issue", Query: q, Hint: "Leiga returned no issue."}
	}
	info := issueInfo(m)
	if info.ProjectKey == "" && info.ProjectID != 0 {
		p, _ := r.projectByID(ctx, info.ProjectID)
		info.ProjectKey = p.ProjectKey
	}
	if info.ProjectKey == "" {
		info.ProjectKey, _, _ = strings.Cut(info.Number, "-")
	}
	return info, nil
}

// issueInfo reads an issue detail: top-level fields first, then the data
// map and its *VO expansions.
func issueInfo(m jmap) *IssueInfo {
	data := m.obj("data")
	statusVO := data.obj("statusVO")
	typeVO := data.obj("issueTypeIdVO", "issueTypeVO")
	info := &IssueInfo{
		ID:             m.id("id", "issueId"),
		Number:         cmp.Or(m.str("issueNumber"), data.str("issueNumber")),
		ProjectID:      cmp.Or(m.id("projectId"), data.id("projectId")),
		ProjectKey:     m.str("projectKey"),
		TypeID:         cmp.Or(m.id("issueTypeId"), data.id("issueTypeId"), typeVO.id("id")),
		TypeName:       cmp.Or(m.str("issueTypeName"), typeVO.str("name")),
		StatusID:       cmp.Or(m.id("statusId"), data.id("status"), statusVO.id("id")),
		StatusName:     cmp.Or(m.str("statusName"), statusVO.str("name")),
		StatusCategory: int(cmp.Or(m.id("statusType", "stateCategory"), statusVO.id("stateCategory"))),
		Summary:        cmp.Or(m.str("summary"), data.str("summary")),
		URL:            m.str("url"),
		Detail:         m,
	}
	return info
}
