package resolve

import (
	"context"

	"slices"
	"strconv"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// Kind is what a prompt or resource argument names: the completion kinds.
type Kind = string

// The kinds of names an argument can hold.
const (
	KindProject  Kind = "project"
	KindSprint   Kind = "sprint"
	KindVersion  Kind = "version"
	KindEpic     Kind = "epic"
	KindUser     Kind = "user"
	KindIssue    Kind = "issue"
	KindSprintID Kind = "sprint_id"
)

// Complete returns the values of kind that start with prefix (any case),
// for prompt and resource argument completion. project, when given, scopes
// sprints, epics, members and issue numbers to one project.
func (r *Resolver) Complete(ctx context.Context, kind Kind, prefix, project string) ([]string, error) {
	var scope []Ref
	if project != "" {
		p, err := r.Project(ctx, project)
		if err != nil {
			return nil, err
		}
		scope = []Ref{p}
	} else if kind == KindSprint || kind == KindEpic || kind == KindSprintID {
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
	case KindProject:
		refs, err := r.Projects(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, func(ref Ref) string { return ref.ProjectKey })
	case KindVersion:
		refs, err := r.Versions(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, name)
	case KindUser:
		if hasPrefixFold("me", prefix) && r.me != "" {
			values = append(values, "me")
		}
		refs, err := r.OrgMembers(ctx)
		if err != nil {
			return nil, err
		}
		add(refs, name)
	case KindSprint, KindSprintID, KindEpic:
		for _, p := range scope {
			fetch := r.Sprints
			if kind == KindEpic {
				fetch = r.Epics
			}
			refs, err := fetch(ctx, p.ID)
			if err != nil {
				return nil, err
			}
			if kind == KindSprintID {
				add(refs, func(ref Ref) string { return strconv.FormatInt(ref.ID, 10) })
			} else {
				add(refs, name)
			}
		}
	case KindIssue:
		return r.completeIssue(ctx, prefix, scope)
	}
	return values, nil
}

// completeIssue offers project keys until the prefix names one, then the
// numbers of that project's most recently updated issues.
func (r *Resolver) completeIssue(ctx context.Context, prefix string, scope []Ref) ([]string, error) {
	key, _, hasDash := strings.Cut(prefix, "-")
	if !hasDash && len(scope) == 0 {
		keys, err := r.Complete(ctx, KindProject, prefix, "")
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
	page, err := call(ctx, r, endpoints.IssuePage, schemas.IssuePage{
		ProjectID: p.ID, OrderBy: "updateTime", Sort: "DESC", Paging: schemas.Paging{PageNumber: 1, PageSize: 50},
	})
	if err != nil {
		return nil, err
	}
	var values []string
	for _, is := range page.Rows {
		if is.Number != "" && hasPrefixFold(is.Number, prefix) {
			values = append(values, is.Number)
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
func (r *Resolver) CheckName(ctx context.Context, kind Kind, value, project string) error {
	var scope Ref
	if project != "" && kind != KindProject {
		p, err := r.Project(ctx, project)
		if err != nil {
			return err
		}
		scope = p
	}
	var err error
	switch kind {
	case KindProject:
		_, err = r.Project(ctx, value)
	case KindVersion:
		_, err = r.Version(ctx, value)
	case KindSprint:
		_, err = r.Sprint(ctx, scope, value)
	case KindEpic:
		_, err = r.Epic(ctx, scope, value)
	case KindUser:
		if strings.EqualFold(value, "me") {
			_, err = r.Me(ctx)
		} else {
			_, err = r.Member(ctx, scope, value)
		}
	}
	return err
}

// MaxCompletions is the most values one completion answer carries.
const MaxCompletions = 20

// CompletionOf caps values at MaxCompletions, reporting the full count.
func CompletionOf(all []string) *mcp.Completion {
	values := all[:min(len(all), MaxCompletions)]
	if values == nil {
		values = []string{}
	}
	return &mcp.Completion{
		Values:  values,
		Total:   len(all),
		HasMore: len(all) > len(values),
	}
}
