package tools

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The issue field values names resolve to: issue types, priorities,
// sprints, versions, epics and tags.

// typeList is the issue types of a project.
var typeList = listSpec{kind: "issue type", key: "types:", fetch: (*Resolver).fetchIssueTypes}

// IssueTypes lists a project's issue types.
func (r *Resolver) IssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	return typeList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchIssueTypes(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/issue/type-list", url.Values{"projectId": {strconv.FormatInt(projectID, 10)}}, nil)
	if err != nil {
		return nil, err
	}
	return refsOf(asList(v), func(m jmap) Ref {
		return Ref{ID: m.id("id", "issueTypeId"), Name: m.str("name", "issueTypeName"), Aliases: []string{m.str("code")}, Workflow: m.id("workflowId")}
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
var priorityList = listSpec{kind: "priority", key: "priorities:", fetch: (*Resolver).fetchPriorities}

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
	return refsOf(asList(m["options"]), func(o jmap) Ref {
		ref := Ref{ID: o.id("value", "id", "optionId"), Name: o.str("name", "label", "optionName")}
		if ref.Name == "" {
			return Ref{} // an option without a name cannot be named
		}
		return ref
	}), nil
}

// Priority resolves a priority name.
func (r *Resolver) Priority(ctx context.Context, p Ref, q string) (Ref, error) {
	return priorityList.resolve(ctx, r, p, q)
}

// sprintList is the sprints of a project.
var sprintList = listSpec{kind: "sprint", key: "sprints:", fetch: (*Resolver).fetchSprints}

// Sprints lists a project's sprints, closed ones included.
func (r *Resolver) Sprints(ctx context.Context, projectID int64) ([]Ref, error) {
	return sprintList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchSprints(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "POST", "/sprint/list-with-count", nil, map[string]any{"projectId": projectID})
	if err != nil {
		return nil, err
	}
	return refsOf(asList(v), func(m jmap) Ref {
		return Ref{ID: m.id("id", "sprintId"), Name: m.str("name", "sprintName"), Closed: m.flag("closed") || m.id("status") == 3}
	}), nil
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
	return refsOf(rows, func(m jmap) Ref {
		return Ref{ID: m.id("id", "versionId"), Name: m.str("name", "versionName"), Closed: strings.EqualFold(m.str("status"), "archived")}
	}), nil
}

// Version resolves a version name (versions are organisation-wide).
func (r *Resolver) Version(ctx context.Context, q string) (Ref, error) {
	return withRefresh(ctx, r, "versions", r.fetchVersions, func(list []Ref) (Ref, error) {
		return matchRef("version", "", q, list, false)
	})
}

// epicList is the epics of a project.
var epicList = listSpec{kind: "epic", key: "epics:", fetch: (*Resolver).fetchEpics}

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
	return refsOf(rows, func(m jmap) Ref {
		return Ref{ID: m.id("id", "epicId"), Name: m.str("summary", "name", "title", "epicName")}
	}), nil
}

// Epic resolves an epic by its title in a project, or in any project.
func (r *Resolver) Epic(ctx context.Context, p Ref, q string) (Ref, error) {
	return epicList.resolve(ctx, r, p, q)
}

// tagList is the tags of a project.
var tagList = listSpec{kind: "tag", key: "tags:", fetch: (*Resolver).fetchTags}

// Tags lists a project's tags (issue field "label").
func (r *Resolver) Tags(ctx context.Context, projectID int64) ([]Ref, error) {
	return tagList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchTags(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "POST", "/tag/list", nil, map[string]any{"projectId": projectID})
	if err != nil {
		return nil, err
	}
	return refsOf(asList(v), func(m jmap) Ref {
		return Ref{ID: m.id("id", "tagId"), Name: m.str("tagName", "name")}
	}), nil
}

// Tag resolves a tag name in a project, or in any project.
func (r *Resolver) Tag(ctx context.Context, p Ref, q string) (Ref, error) {
	return tagList.resolve(ctx, r, p, q)
}
