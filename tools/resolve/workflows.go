package resolve

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Workflows and their statuses: which states an issue type has and which
// it may move to.

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
	return cached(ctx, r, keyWorkflows+strconv.FormatInt(projectID, 10), func(ctx context.Context) ([]Workflow, error) {
		page, err := call(ctx, r, endpoints.WorkflowList, schemas.WorkflowList{ProjectID: projectID})
		if err != nil {
			return nil, err
		}
		out := make([]Workflow, 0, len(page.Rows))
		for _, w := range page.Rows {
			wf := Workflow{ID: w.ID, Name: w.Name, Default: w.Default, TypeIDs: w.TypeIDs}
			wf.States = refsOf(w.States, func(s endpoints.State) Ref {
				return Ref{ID: s.ID, Name: s.Name, Category: s.Category, Workflow: w.ID}
			})
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
		kind: "status", key: keyStatuses + strconv.FormatInt(typeID, 10) + ":", under: keyWorkflows,
		fetch: func(r *Resolver, ctx context.Context, pid int64) ([]Ref, error) { return r.Statuses(ctx, pid, typeID) },
	}
}

// Status resolves a status name in the workflow of a project's issue type,
// or across every project's workflows when p.ID is 0.
func (r *Resolver) Status(ctx context.Context, p Ref, typeID int64, q string) (Ref, error) {
	return statusList(typeID).resolve(ctx, r, p, q)
}

// NextStatuses lists the states an issue in stateID may move to. An
// unknown current state (0) is never sent: Leiga would misread it.
func (r *Resolver) NextStatuses(ctx context.Context, workflowID, stateID int64) ([]Ref, error) {
	if stateID == 0 {
		return nil, fmt.Errorf("the issue's current status is unknown, so its allowed transitions cannot be read")
	}
	key := fmt.Sprintf("%s%d:%d", keyNext, workflowID, stateID)
	return cached(ctx, r, key, func(ctx context.Context) ([]Ref, error) {
		page, err := call(ctx, r, endpoints.WorkflowListNextState, schemas.WorkflowListNextState{DefID: workflowID, StateID: stateID})
		if err != nil {
			return nil, err
		}
		next := refsOf(page.Rows, func(s endpoints.State) Ref { return Ref{ID: s.ID, Name: s.Name, Category: s.Category} })
		if next == nil {
			next = []Ref{} // an empty list, never nil
		}
		return next, nil
	})
}

// MatchStatusIn resolves a status name among every state of a project's
// workflows (p.ID != 0), or of the given projects' workflows.
func (r *Resolver) MatchStatusIn(ctx context.Context, p Ref, q string, projects []Ref) (Ref, error) {
	if p.ID != 0 {
		projects = []Ref{p}
	}
	var states []Ref
	for _, pr := range projects {
		wfs, err := r.Workflows(ctx, pr.ID)
		if err != nil {
			return Ref{}, err
		}
		for _, wf := range wfs {
			states = append(states, InProject(wf.States, pr)...)
		}
	}
	return matchRef("status", scopeOf(p), q, distinctRefs(states), p.ID == 0)
}
