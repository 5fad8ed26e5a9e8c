package tools

import (
	"context"
	"strings"
)

// Projects lists the projects the API user can see.
func (r *Resolver) Projects(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, "projects", r.fetchProjects)
}

func (r *Resolver) fetchProjects(ctx context.Context) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/project/list", nil, nil)
	if err != nil {
		return nil, err
	}
	return refsOf(asList(v), func(m jmap) Ref {
		p := Ref{ID: m.id("id", "projectId"), Name: m.str("pname", "projectName", "name"), ProjectKey: m.str("pkey", "projectKey", "key")}
		p.ProjectID, p.Aliases, p.Closed = p.ID, []string{p.ProjectKey}, m.flag("archived")
		return p
	}), nil
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
