package sandbox

import (
	"encoding/json"
	"fmt"
)

// subtaskRow is a row of /issue/list-subtask.
type subtaskRow struct {
	issueRow
	Done            bool     `json:"done"`
	EstimateLabour  *float64 `json:"estimateLabour"`
	RemainingLabour *float64 `json:"remainingLabour"`
}

// subtaskAdded is the answer of /issue/batch-add-subtask.
type subtaskAdded struct {
	IssueAddVOList []createdIssue `json:"issueAddVOList"`
}

// subtask returns a live subtask.
func (st *store) subtask(id int64) (*Issue, error) {
	is, err := st.issue(id)
	if err != nil || is.ParentID == 0 {
		return nil, notFound("subtask", id)
	}
	return is, nil
}

// addSubtasks serves POST /issue/batch-add-subtask: all rows or none.
func (st *store) addSubtasks(c *call) (any, error) {
	pid, rows := c.reqInt("issueId"), c.reqObjects("datas")
	if len(rows) > maxBatch {
		c.fail("datas takes at most %d rows", maxBatch)
	}
	parent, err := checkThenFind(c, pid, st.issue)
	if err != nil {
		return nil, err
	}
	if parent.ParentID != 0 {
		return nil, badRequest("issue %s is a subtask; subtasks cannot have subtasks", st.issueNumber(parent))
	}
	p := st.projects[parent.ProjectID]
	drafts := make([]*Issue, 0, len(rows))
	for i, data := range rows {
		is, err := st.draftIssue(c, p, typeSubtask, parent.ID, data)
		if err != nil {
			return nil, badRequest("datas[%d]: %v", i, err)
		}
		drafts = append(drafts, is)
	}
	out := subtaskAdded{IssueAddVOList: []createdIssue{}}
	for _, is := range drafts {
		st.commitIssue(is)
		out.IssueAddVOList = append(out.IssueAddVOList, createdIssue{ID: is.ID, IssueNumber: st.issueNumber(is)})
	}
	parent.touch(c)
	return out, nil
}

// removeSubtask serves DELETE /issue/remove-subtask: the subtask goes to
// the trash.
func (st *store) removeSubtask(c *call) (any, error) {
	pid, sid := c.reqInt("issueId"), c.reqInt("subTaskId")
	parent, err := checkThenFind(c, pid, st.issue)
	if err != nil {
		return nil, err
	}
	sub, err := st.subtask(sid)
	if err != nil {
		return nil, err
	}
	if sub.ParentID != parent.ID {
		return nil, badRequest("subtask %d is not a subtask of issue %d", sid, pid)
	}
	st.trash(c, sub)
	parent.touch(c)
	return done, nil
}

// updateSubtask serves PATCH /issue/update-subtask.
func (st *store) updateSubtask(c *call) (any, error) {
	id, data := c.reqInt("id"), c.reqObject("data")
	sub, err := checkThenFind(c, id, st.subtask)
	if err != nil {
		return nil, err
	}
	if err := st.writeIssue(c, sub, data); err != nil {
		return nil, err
	}
	return done, nil
}

// listSubtasks serves POST /issue/list-subtask.
func (st *store) listSubtasks(c *call) (any, error) {
	parent, err := resolve(c, "id", st.issue)
	if err != nil {
		return nil, err
	}
	return mapList(st.subtasks(parent.ID), st.subtaskRow), nil
}

// subtaskRow renders a subtask with its labour figures.
func (st *store) subtaskRow(is *Issue) subtaskRow {
	r := subtaskRow{issueRow: st.row(is), EstimateLabour: is.EstimateLabour}
	r.Done = r.StatusType == categoryDone
	if is.EstimateLabour != nil {
		left := max(*is.EstimateLabour-r.ActualLabour, 0)
		r.RemainingLabour = &left
	}
	return r
}

// setSubtaskDone serves PATCH /issue/update-subtask-status: done moves the
// subtask to the workflow's first done state, undone to its first
// not-started state.
func (st *store) setSubtaskDone(c *call) (any, error) {
	id, pid, isDone := c.reqInt("id"), c.reqInt("projectId"), c.reqBool("done")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	sub, err := st.subtask(id)
	if err != nil {
		return nil, err
	}
	if sub.ProjectID != p.ID {
		return nil, notFound(fmt.Sprintf("subtask %d in project", id), p.Key)
	}
	state := p.initialState()
	if isDone {
		state = p.firstState(categoryDone)
	}
	raw, _ := json.Marshal(state)
	if err := st.writeIssue(c, sub, map[string]json.RawMessage{"status": raw}); err != nil {
		return nil, err
	}
	return done, nil
}
