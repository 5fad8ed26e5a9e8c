package tools

import (
	"context"
	"slices"
	"strconv"
	"strings"
)

// Completion kinds: what an argument names.
const (
	CompleteProject  = "project"
	CompleteSprint   = "sprint"
	CompleteVersion  = "version"
	CompleteEpic     = "epic"
	CompleteUser     = "user"
	CompleteIssue    = "issue"
	CompleteSprintID = "sprint_id"
)

// Complete returns the values of kind that start with prefix (any case),
// for prompt and resource argument completion. project, when given, scopes
// sprints, epics, members and issue numbers to one project.
func (r *Resolver) Complete(ctx context.Context, kind, prefix, project string) ([]string, error) {
	var scope []Ref
	if project != "" {
		p, err := r.Project(ctx, project)
		if err != nil {
			return nil, err
		}
		scope = []Ref{p}
	} else if kind == CompleteSprint || kind == CompleteEpic || kind == CompleteSprintID {
		all, err := r.Projects(ctx)
		if err != nil {
			return nil, err
		}
		scope = all
	}
	var values []string
	add := func(refs []Ref, value func(Ref) string) {
		for _, ref := range refs {
			if v := value(ref); v != "" && hasPrefixFold(v, prefix) && !slices.Contains(values, v) {
				values = append(values, v)
			}
		}
	}
	name := func(ref Ref) string { return ref.Name }
	switch kind {
	case CompleteProject:
		refs, err := r.Projects(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, func(ref Ref) string { return ref.ProjectKey })
	case CompleteVersion:
		refs, err := r.Versions(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, name)
	case CompleteUser:
		if hasPrefixFold("me", prefix) && r.me != "" {
			values = append(values, "me")
		}
		refs, err := r.OrgMembers(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, name)
	case CompleteSprint, CompleteSprintID, CompleteEpic:
		for _, p := range scope {
			fetch := r.Sprints
			if kind == CompleteEpic {
				fetch = r.Epics
			}
			refs, err := fetch(ctx, p.ID)
			if err != nil {
				return nil, err
			}
			if kind == CompleteSprintID {
				add(refs, func(ref Ref) string { return strconv.FormatInt(ref.ID, 10) })
			} else {
				add(refs, name)
			}
		}
	case CompleteIssue:
		return r.completeIssue(ctx, prefix, scope)
	}
	return values, nil
}

// completeIssue offers project keys until the prefix names one, then the
// numbers of that project's most recently updated issues.
func (r *Resolver) completeIssue(ctx context.Context, prefix string, scope []Ref) ([]string, error) {
	key, _, hasDash := strings.Cut(prefix, "-")
	if !hasDash && len(scope) == 0 {
		keys, err := r.Complete(ctx, CompleteProject, prefix, "")
		for i := range keys {
			keys[i] += "-"
		}
		return keys, err
	}
	p := Ref{}
	if len(scope) > 0 {
		p = scope[0]
	} else {
		var err error
		if p, err = r.Project(ctx, key); err != nil {
			return nil, err
		}
	}
	data, err := r.call(ctx, "POST", "/issue/page", nil, map[string]any{
		"projectId": p.ID, "pageNumber": 1, "pageSize": 50, "orderBy": "updateTime", "sort": "DESC",
	})
	if err != nil {
		return nil, err
	}
	var values []string
	for _, row := range asList(asMap(data)["list"]) {
		if n := asMap(row).str("issueNumber"); n != "" && hasPrefixFold(n, prefix) {
			values = append(values, n)
		}
	}
	return values, nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// CheckName reports whether value names an existing thing of kind (the
// completion kinds), within project when given; the error lists the valid
// names. Prompts use it so that they never start from a name that matches
// nothing.
func (r *Resolver) CheckName(ctx context.Context, kind, value, project string) error {
	var scope Ref
	if project != "" && kind != CompleteProject {
		p, err := r.Project(ctx, project)
		if err != nil {
			return err
		}
		scope = p
	}
	var err error
	switch kind {
	case CompleteProject:
		_, err = r.Project(ctx, value)
	case CompleteVersion:
		_, err = r.Version(ctx, value)
	case CompleteSprint:
		_, err = r.Sprint(ctx, scope, value)
	case CompleteEpic:
		_, err = r.Epic(ctx, scope, value)
	case CompleteUser:
		if strings.EqualFold(value, "me") {
			_, err = r.Me(ctx)
		} else {
			_, err = r.Member(ctx, scope, value)
		}
	}
	return err
}
