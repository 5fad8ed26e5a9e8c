package sandbox

// stateView is a workflow state in /workflow/list.
type stateView struct {
	StateID       int64  `json:"stateId"`
	StateName     string `json:"stateName"`
	StateDesc     string `json:"stateDesc"`
	StateCategory int    `json:"stateCategory"`
}

// workflowView is a row of /workflow/list.
type workflowView struct {
	ID           int64       `json:"id"`
	WorkflowName string      `json:"workflowName"`
	WorkflowDesc string      `json:"workflowDesc"`
	DefaultValue int         `json:"defaultValue"`
	States       []stateView `json:"states"`
	IssueTypes   []issueType `json:"issueTypes"`
}

// categoryDesc describes the state categories.
var categoryDesc = map[int]string{
	categoryToDo:       "Work has not started",
	categoryInProgress: "Work is under way",
	categoryDone:       "Work is complete",
}

// newStateView renders a state.
func newStateView(ws State) stateView {
	return stateView{StateID: ws.ID, StateName: ws.Name, StateDesc: categoryDesc[ws.Category], StateCategory: ws.Category}
}

// listWorkflows serves POST /workflow/list: the project's one workflow,
// used by every issue type.
func (st *store) listWorkflows(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	wf := p.Workflow
	return []workflowView{{
		ID: wf.ID, WorkflowName: wf.Name, WorkflowDesc: wf.Description, DefaultValue: 1,
		States: mapList(wf.States, newStateView), IssueTypes: issueTypes,
	}}, nil
}

// nextStates serves POST /workflow/list/next-state: the states an issue in
// stateId may move to.
func (st *store) nextStates(c *call) (any, error) {
	defID, stateID := c.reqInt("defId"), c.reqInt("stateId")
	if err := c.check(); err != nil {
		return nil, err
	}
	var p *Project
	for _, candidate := range st.projects {
		if candidate.Workflow.ID == defID {
			p = candidate
		}
	}
	if p == nil {
		return nil, notFound("workflow", defID)
	}
	ws := p.state(stateID)
	if ws == nil {
		return nil, notFound("state", stateID)
	}
	return mapList(ws.Next, func(id int64) stateView { return newStateView(*p.state(id)) }), nil
}
