package tools

import (
	"context"
	"fmt"
	"slices"
	"strconv"
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
	return cached(ctx, r, "workflows:"+strconv.FormatInt(projectID, 10), func(ctx context.Context) ([]Workflow, error) {
		v, err := r.call(ctx, "POST", "/workflow/list", nil, map[string]any{"projectId": projectID})
		if err != nil {
			return nil, err
		}
		var out []Workflow
		for _, row := range asList(v) {
			m := asMap(row)
			wf := Workflow{ID: m.id("id", "defId", "workflowId"), Name: m.str("workflowName", "name"), Default: m.id("defaultValue") == 1}
			wf.States = refsOf(asList(m["states"]), func(sm jmap) Ref {
				return Ref{ID: sm.id("stateId", "id"), Name: sm.str("stateName", "name"), Category: int(sm.id("stateCategory", "category", "statusType")), Workflow: wf.ID}
			})
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
		next := refsOf(asList(v), func(m jmap) Ref {
			return Ref{ID: m.id("stateId", "id"), Name: m.str("stateName", "name"), Category: int(m.id("stateCategory", "category"))}
		})
		if next == nil {
			next = []Ref{} // an empty list, never nil
		}
		return next, nil
	})
}
