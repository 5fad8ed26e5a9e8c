package resolve

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"golang.org/x/sync/errgroup"
)

// The lists names resolve against: whole paged lists, and per-project
// lists looked up in one project or in all.

// Cache keys of the lists; per-project keys end in ":" and take the
// project id.
const (
	keyProjects   = "projects"
	keyVersions   = "versions"
	keyOrg        = "org"
	keyTypes      = "types:"
	keyPriorities = "priorities:"
	keySprints    = "sprints:"
	keySprintRows = "sprintrows:"
	keyEpics      = "epics:"
	keyTags       = "tags:"
	keyMembers    = "members:"
	keyWorkflows  = "workflows:"
	keyStatuses   = "statuses:"
	keyNext       = "next:"
	keyFields     = "fields:"
	keyMe         = "me"
	keyIssue      = "issue:"
)

// pageSizeForLists is the page size used to read whole paged lists.
const pageSizeForLists = 100

// maxListPages caps how many pages a whole list may take.
const maxListPages = 50

// allPages reads a paged list to its end (at most maxListPages pages).
func allPages[T any](fetch func(page int) (endpoints.Page[T], error)) ([]T, error) {
	var rows []T
	for page := 1; page <= maxListPages; page++ {
		p, err := fetch(page)
		if err != nil {
			return nil, err
		}
		rows = append(rows, p.Rows...)
		if len(p.Rows) < pageSizeForLists || (p.HasTotal && int64(len(rows)) >= p.Total) {
			break
		}
	}
	return rows, nil
}

// refsOf turns rows into refs, keeping those with an id.
func refsOf[T any](rows []T, ref func(T) Ref) []Ref {
	var out []Ref
	for _, row := range rows {
		if f := ref(row); f.ID != 0 {
			out = append(out, f)
		}
	}
	return out
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

// InProject tags refs with their project.
func InProject(refs []Ref, p Ref) []Ref {
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
		p = r.knownProject(ctx, p.ID)
	}
	return cached(ctx, r, s.key+strconv.FormatInt(p.ID, 10), s.fetcher(r, p))
}

func (s listSpec) fetcher(r *Resolver, p Ref) func(context.Context) ([]Ref, error) {
	return func(ctx context.Context) ([]Ref, error) {
		refs, err := s.fetch(r, ctx, p.ID)
		return InProject(refs, p), err
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
