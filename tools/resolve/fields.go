package resolve

import (
	"context"
	"fmt"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// The issue field values names resolve to: issue types, priorities,
// sprints, versions, epics and tags.

// typeList is the issue types of a project.
var typeList = listSpec{kind: "issue type", key: keyTypes, fetch: (*Resolver).fetchIssueTypes}

// IssueTypes lists a project's issue types.
func (r *Resolver) IssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	return typeList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchIssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	page, err := call(ctx, r, endpoints.IssueTypeList, schemas.IssueTypeList{ProjectID: projectID})
	if err != nil {
		return nil, err
	}
	return refsOf(page.Rows, func(t endpoints.IssueType) Ref {
		return Ref{ID: t.ID, Name: t.Name, Aliases: []string{t.Code}, Workflow: t.WorkflowID}
	}), nil
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

// priorityList is the priorities of a project.
var priorityList = listSpec{kind: "priority", key: keyPriorities, fetch: (*Resolver).fetchPriorities}

// Priorities lists a project's priority options (issue field "priority").
func (r *Resolver) Priorities(ctx context.Context, projectID int64) ([]Ref, error) {
	return priorityList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchPriorities(ctx context.Context, projectID int64) ([]Ref, error) {
	f, err := r.Field(ctx, projectID, 0, "priority")
	if err != nil {
		return nil, err
	}
	return refsOf(f.Options, func(o endpoints.Option) Ref {
		if o.Name == "" {
			return Ref{} // an option without a name cannot be named
		}
		return Ref{ID: o.ID, Name: o.Name}
	}), nil
}

// Field reads one issue field of an issue type with its options (for the
// project's default issue type when typeID is 0), cached.
func (r *Resolver) Field(ctx context.Context, projectID, typeID int64, code string) (endpoints.FieldInfo, error) {
	if typeID == 0 {
		t, err := r.DefaultIssueType(ctx, projectID)
		if err != nil {
			return endpoints.FieldInfo{}, err
		}
		typeID = t.ID
	}
	key := fmt.Sprintf("%s%d:%d:%s", keyFields, projectID, typeID, code)
	return cached(ctx, r, key, func(ctx context.Context) (endpoints.FieldInfo, error) {
		in := schemas.IssueIssueFieldInfo{ProjectIssueType: schemas.ProjectIssueType{ProjectID: projectID, IssueTypeID: typeID}, FieldCode: code}
		return call(ctx, r, endpoints.IssueIssueFieldInfo, in)
	})
}

// Priority resolves a priority name.
func (r *Resolver) Priority(ctx context.Context, p Ref, q string) (Ref, error) {
	return priorityList.resolve(ctx, r, p, q)
}

// Versions lists the organisation's versions (they are not per project).
func (r *Resolver) Versions(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, keyVersions, r.fetchVersions)
}

func (r *Resolver) fetchVersions(ctx context.Context) ([]Ref, error) {
	rows, err := allPages(func(page int) (endpoints.Page[endpoints.Version], error) {
		return call(ctx, r, endpoints.VersionAllVersion, schemas.VersionAllVersion{Paging: schemas.Paging{PageNumber: page, PageSize: pageSizeForLists}})
	})
	if err != nil {
		return nil, err
	}
	return refsOf(rows, func(v endpoints.Version) Ref {
		return Ref{ID: v.ID, Name: v.Name, Closed: v.Archived()}
	}), nil
}

// Version resolves a version name (versions are organisation-wide).
func (r *Resolver) Version(ctx context.Context, q string) (Ref, error) {
	return withRefresh(ctx, r, keyVersions, r.fetchVersions, func(list []Ref) (Ref, error) {
		return matchRef("version", "", q, list, false)
	})
}

// epicList is the epics of a project.
var epicList = listSpec{kind: "epic", key: keyEpics, fetch: (*Resolver).fetchEpics}

// Epics lists a project's epics.
func (r *Resolver) Epics(ctx context.Context, projectID int64) ([]Ref, error) {
	return epicList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchEpics(ctx context.Context, projectID int64) ([]Ref, error) {
	rows, err := allPages(func(page int) (endpoints.Page[endpoints.Epic], error) {
		return call(ctx, r, endpoints.EpicPage, schemas.EpicPage{ProjectID: projectID, Paging: schemas.Paging{PageNumber: page, PageSize: pageSizeForLists}})
	})
	if err != nil {
		return nil, err
	}
	return refsOf(rows, func(e endpoints.Epic) Ref { return Ref{ID: e.ID, Name: e.Title} }), nil
}

// Epic resolves an epic by its title in a project, or in any project.
func (r *Resolver) Epic(ctx context.Context, p Ref, q string) (Ref, error) {
	return epicList.resolve(ctx, r, p, q)
}

// tagList is the tags of a project.
var tagList = listSpec{kind: "tag", key: keyTags, fetch: (*Resolver).fetchTags}

// Tags lists a project's tags (issue field "label").
func (r *Resolver) Tags(ctx context.Context, projectID int64) ([]Ref, error) {
	return tagList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchTags(ctx context.Context, projectID int64) ([]Ref, error) {
	page, err := call(ctx, r, endpoints.TagList, schemas.TagList{ProjectID: projectID})
	if err != nil {
		return nil, err
	}
	return refsOf(page.Rows, func(t endpoints.Tag) Ref { return Ref{ID: t.ID, Name: t.Name} }), nil
}

// Tag resolves a tag name in a project, or in any project.
func (r *Resolver) Tag(ctx context.Context, p Ref, q string) (Ref, error) {
	return tagList.resolve(ctx, r, p, q)
}

// Fields lists the fields of a project's issue type (typeID 0: the default
// type's), with their options, cached.
func (r *Resolver) Fields(ctx context.Context, projectID, typeID int64) ([]endpoints.FieldInfo, error) {
	if typeID == 0 {
		t, err := r.DefaultIssueType(ctx, projectID)
		if err != nil {
			return nil, err
		}
		typeID = t.ID
	}
	key := fmt.Sprintf("%s%d:%d", keyFields, projectID, typeID)
	return cached(ctx, r, key, func(ctx context.Context) ([]endpoints.FieldInfo, error) {
		page, err := call(ctx, r, endpoints.IssueIssueFields, schemas.IssueIssueFields{ProjectID: projectID, IssueTypeID: typeID})
		return page.Rows, err
	})
}
