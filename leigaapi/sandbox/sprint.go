package sandbox

import (
	"strings"
)

// sprintView is a sprint as /sprint/add and /sprint/get answer it.
type sprintView struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	ProjectID    int64   `json:"projectId"`
	StartDate    nullInt `json:"startDate"`
	EndDate      nullInt `json:"endDate"`
	CompleteDate nullInt `json:"completeDate"`
	Started      bool    `json:"started"`
	Closed       bool    `json:"closed"`
	Status       int     `json:"status"` // 1 not started, 2 active, 3 closed
	Goal         string  `json:"goal"`
	Assignee     nullInt `json:"assignee"`
	AssigneeName nullStr `json:"assigneeName"`
	CreateTime   int64   `json:"createTime"`
}

// sprintCountView is a row of /sprint/list-with-count.
type sprintCountView struct {
	sprintView
	IssueCount         int            `json:"issueCount"`
	DoneIssueCount     int            `json:"doneIssueCount"`
	EstimatePointTotal float64        `json:"estimatePointTotal"`
	IssueTypeCountMap  map[string]int `json:"issueTypeCountMap"` // issue type name -> count
}

// sprintView renders a sprint.
func (st *store) sprintView(s *Sprint) sprintView {
	return sprintView{
		ID: s.ID, Name: s.Name, ProjectID: s.ProjectID, StartDate: nullInt(s.StartDate), EndDate: nullInt(s.EndDate),
		CompleteDate: nullInt(s.CompleteDate), Started: s.Status != SprintNotStarted, Closed: s.Status == SprintClosed,
		Status: s.Status, Goal: s.Goal, Assignee: nullInt(s.AssigneeID), AssigneeName: nullStr(st.userName(s.AssigneeID)),
		CreateTime: s.CreateTime,
	}
}

// sprintCounts renders a sprint with the figures of its live issues.
func (st *store) sprintCounts(s *Sprint) sprintCountView {
	v := sprintCountView{sprintView: st.sprintView(s), IssueTypeCountMap: map[string]int{}}
	for _, is := range st.liveIssues(func(is *Issue) bool { return is.SprintID == s.ID }) {
		v.IssueCount++
		if is.FinishTime != 0 {
			v.DoneIssueCount++
		}
		if is.EstimatePoint != nil {
			v.EstimatePointTotal += *is.EstimatePoint
		}
		typ, _ := findBy(allIssueTypes, func(t issueType) int64 { return t.ID }, is.TypeID)
		v.IssueTypeCountMap[typ.Name]++
	}
	return v
}

// sprintFields reads the optional sprint fields onto s.
func (st *store) sprintFields(c *call, p *Project, s *Sprint) error {
	if v, ok := c.optInt("startDate"); ok {
		s.StartDate = v
	}
	if v, ok := c.optInt("endDate"); ok {
		s.EndDate = v
	}
	if v, ok := c.optString("goal"); ok {
		s.Goal = v
	}
	if v, ok := c.optInt("assignee"); ok {
		s.AssigneeID = v
	}
	if err := c.check(); err != nil {
		return err
	}
	if err := checkDateOrder(s.StartDate, s.EndDate, "endDate"); err != nil {
		return err
	}
	if s.AssigneeID != 0 && !hasOption(st.memberOptions(p), s.AssigneeID) {
		return badRequest("assignee %d is not an active member of project %s", s.AssigneeID, p.Key)
	}
	for _, other := range st.sprints {
		if other.ID != s.ID && other.ProjectID == p.ID && strings.EqualFold(other.Name, s.Name) {
			return conflict("sprint %q already exists in project %s", s.Name, p.Key)
		}
	}
	return nil
}

// addSprint serves POST /sprint/add; the new sprint has not started.
func (st *store) addSprint(c *call) (any, error) {
	pid, name := c.reqInt("projectId"), c.reqString("name")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	s := &Sprint{ProjectID: p.ID, Name: strings.TrimSpace(name), Status: SprintNotStarted, CreateTime: c.ms()}
	if err := st.sprintFields(c, p, s); err != nil {
		return nil, err
	}
	s.ID = st.newID(kindSprint)
	st.sprints[s.ID] = s
	return st.sprintView(s), nil
}

// updateSprint serves PATCH /sprint/update.
func (st *store) updateSprint(c *call) (any, error) {
	id, name := c.reqInt("id"), c.reqString("name")
	s, err := checkThenFind(c, id, st.sprint)
	if err != nil {
		return nil, err
	}
	next := *s
	next.Name = strings.TrimSpace(name)
	if err := st.sprintFields(c, st.projects[s.ProjectID], &next); err != nil {
		return nil, err
	}
	*s = next
	return done, nil
}

// removeSprint serves POST /sprint/remove; its issues go back to the
// backlog.
func (st *store) removeSprint(c *call) (any, error) {
	s, err := resolve(c, "sprintId", st.sprint)
	if err != nil {
		return nil, err
	}
	for _, is := range st.issues {
		if is.SprintID == s.ID {
			is.SprintID = 0
		}
	}
	delete(st.sprints, s.ID)
	return done, nil
}

// getSprint serves GET /sprint/get.
func (st *store) getSprint(c *call) (any, error) {
	s, err := resolve(c, "id", st.sprint)
	if err != nil {
		return nil, err
	}
	return st.sprintView(s), nil
}

// listSprints serves POST /sprint/list-with-count: every sprint of the
// project with its issue figures.
func (st *store) listSprints(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	mine := filter(sorted(st.sprints), func(s *Sprint) bool { return s.ProjectID == p.ID })
	return mapList(mine, st.sprintCounts), nil
}
