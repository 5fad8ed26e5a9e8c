package resolve

import (
	"context"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Projects lists the projects the API user can see.
func (r *Resolver) Projects(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, keyProjects, r.fetchProjects)
}

func (r *Resolver) fetchProjects(ctx context.Context) ([]Ref, error) {
	page, err := call(ctx, r, endpoints.ProjectList, schemas.ProjectList{})
	if err != nil {
		return nil, err
	}
	return refsOf(page.Rows, func(p endpoints.Project) Ref {
		return Ref{ID: p.ID, ProjectID: p.ID, Name: p.Name, ProjectKey: p.Key, Aliases: []string{p.Key}, Closed: p.Archived}
	}), nil
}

// Project resolves a project by key, name or id.
func (r *Resolver) Project(ctx context.Context, q string) (Ref, error) {
	return withRefresh(ctx, r, keyProjects, r.fetchProjects, func(list []Ref) (Ref, error) {
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

// ProjectByID returns a visible project by id (just the id when it is not
// visible or the list cannot be read).
func (r *Resolver) ProjectByID(ctx context.Context, id int64) Ref {
	p, _ := r.projectByID(ctx, id)
	return p
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

// knownProject is the project with id when the caller's project list is
// cached, else just the id: labels are not worth a round trip.
func (r *Resolver) knownProject(ctx context.Context, id int64) Ref {
	if e, ok := r.cache.lru.Peek(r.cache.key(ctx, keyProjects)); ok {
		for _, p := range e.val.([]Ref) {
			if p.ID == id {
				return p
			}
		}
	}
	return Ref{ID: id, ProjectID: id}
}
