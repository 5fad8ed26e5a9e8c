package sandbox

import (
	"slices"
	"strings"
)

// epicFields are the fields of an epic's data map.
var epicFields = []fieldDef[Epic]{
	textField(metaSummary, func(e *Epic) *string { return &e.Summary }),
	textField(metaDescription, func(e *Epic) *string { return &e.Description }),
	selectField(metaStatus, srcStatus, at(func(e *Epic) *int64 { return &e.StatusID })),
	selectField(fieldMeta{4, "priority", "Priority", "priority", false}, srcPriority, at(func(e *Epic) *int64 { return &e.PriorityID })),
	selectField(metaOwner, srcMember, at(func(e *Epic) *int64 { return &e.OwnerID })),
	multiField(metaFollows, srcUser, func(e *Epic) *[]int64 { return &e.Follows }),
	multiField(metaLabel, srcTag, func(e *Epic) *[]int64 { return &e.Labels }),
	dateField(metaStartDate, func(e *Epic) *int64 { return &e.StartDate }),
	dateField(metaDueDate, func(e *Epic) *int64 { return &e.DueDate }),
}

// epicRow is a row of /epic/page. Unset priority and owner are {}.
type epicRow struct {
	ID             int64     `json:"id"`
	ProjectID      int64     `json:"projectId"`
	Summary        string    `json:"summary"`
	Status         ref       `json:"status"`
	Priority       any       `json:"priority"`
	Owner          any       `json:"owner"`
	Follows        []idName  `json:"follows"`
	Labels         []tagView `json:"labels"`
	StartDate      nullInt   `json:"startDate"`
	DueDate        nullInt   `json:"dueDate"`
	IssueCount     int       `json:"issueCount"`
	DoneIssueCount int       `json:"doneIssueCount"`
	CreateTime     int64     `json:"createTime"`
	UpdateTime     int64     `json:"updateTime"`
}

// epicDetailView is the answer of /epic/detail.
type epicDetailView struct {
	ID         int64          `json:"id"`
	ProjectID  int64          `json:"projectId"`
	CreateBy   int64          `json:"createBy"`
	CreateTime int64          `json:"createTime"`
	UpdateTime int64          `json:"updateTime"`
	IssueCount int            `json:"issueCount"`
	Data       map[string]any `json:"data"`
}

// epicIssues returns the live issues of an epic.
func (st *store) epicIssues(id int64) []*Issue {
	return st.liveIssues(func(is *Issue) bool { return is.EpicID == id })
}

// optionalRef renders an optional reference, {} when unset.
func optionalRef(id int64, name string) any {
	if id == 0 {
		return struct{}{}
	}
	return idName{ID: id, Name: name}
}

// epicRow renders an epic for lists.
func (st *store) epicRow(e *Epic) epicRow {
	p := st.projects[e.ProjectID]
	ws := p.state(e.StatusID)
	prio, _ := findBy(priorities, func(o option) int64 { return o.Value }, e.PriorityID)
	issues := st.epicIssues(e.ID)
	return epicRow{
		ID: e.ID, ProjectID: e.ProjectID, Summary: e.Summary,
		Status:    ref{ID: ws.ID, Name: ws.Name, StateCategory: ws.Category},
		Priority:  optionalRef(e.PriorityID, prio.Name),
		Owner:     optionalRef(e.OwnerID, st.userName(e.OwnerID)),
		Follows:   mapList(e.Follows, func(id int64) idName { return idName{ID: id, Name: st.userName(id)} }),
		Labels:    st.tagViews(e.Labels),
		StartDate: nullInt(e.StartDate), DueDate: nullInt(e.DueDate),
		IssueCount:     len(issues),
		DoneIssueCount: len(filter(issues, func(is *Issue) bool { return is.FinishTime != 0 })),
		CreateTime:     e.CreateTime, UpdateTime: e.UpdateTime,
	}
}

// projectEpic reads projectId and id and resolves an epic of that project.
func (st *store) projectEpic(c *call, idParam string) (*Epic, error) {
	pid, id := c.reqInt("projectId"), c.reqInt(idParam)
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	e, err := st.epic(id)
	if err != nil || e.ProjectID != p.ID {
		return nil, notFound("epic", id)
	}
	return e, nil
}

// epicFilterOptions serves GET /epic/filter-options.
func (st *store) epicFilterOptions(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	asIDName := func(o option) idName { return idName{ID: o.Value, Name: o.Name} }
	return map[string][]idName{
		"status": mapList(srcStatus.options(st, p), asIDName),
		"owner":  mapList(st.memberOptions(p), asIDName),
	}, nil
}

// pageEpics serves POST /epic/page.
func (st *store) pageEpics(c *call) (any, error) {
	pid := c.reqInt("projectId")
	kw, _ := c.optString("keyword")
	owner, byOwner := c.optInt("owner")
	status, byStatus := c.optInt("status")
	pg := c.page()
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	kw = strings.ToLower(strings.TrimSpace(kw))
	epics := filter(sorted(st.epics), func(e *Epic) bool {
		return e.ProjectID == p.ID && strings.Contains(strings.ToLower(e.Summary), kw) &&
			(!byOwner || e.OwnerID == owner) && (!byStatus || e.StatusID == status)
	})
	return paginate(epics, pg, st.epicRow), nil
}

// pageEpicIssues serves POST /epic/page-issue.
func (st *store) pageEpicIssues(c *call) (any, error) {
	pg := c.page()
	e, err := st.projectEpic(c, "id")
	if err != nil {
		return nil, err
	}
	return paginate(st.epicIssues(e.ID), pg, func(is *Issue) issueRow { return st.row(is) }), nil
}

// epicFieldList serves GET /epic/epic-fields.
func (st *store) epicFieldList(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	return fieldList{Fields: fieldViews(st, p, epicFields)}, nil
}

// epicFieldInfo serves GET /epic/epic-field-info.
func (st *store) epicFieldInfo(c *call) (any, error) {
	pid, code := c.reqInt("projectId"), c.reqString("fieldCode")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	d, ok := field(epicFields, code)
	if !ok {
		return nil, notFound("field", code)
	}
	return d.view(st, p), nil
}

// addEpic serves POST /epic/add.
func (st *store) addEpic(c *call) (any, error) {
	pid, data := c.reqInt("projectId"), c.reqObject("data")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	now := c.ms()
	e := &Epic{ProjectID: p.ID, StatusID: p.initialState(), PriorityID: defaultPriority, OwnerID: c.me, CreateBy: c.me, CreateTime: now, UpdateTime: now}
	if err := applyData(st, p, epicFields, e, data, true); err != nil {
		return nil, err
	}
	e.ID = st.newID(kindEpic)
	st.epics[e.ID] = e
	return created{ID: e.ID}, nil
}

// updateEpic serves POST /epic/update.
func (st *store) updateEpic(c *call) (any, error) {
	id, data := c.reqInt("id"), c.reqObject("data")
	e, err := checkThenFind(c, id, st.epic)
	if err != nil {
		return nil, err
	}
	next := *e
	next.Follows, next.Labels = slices.Clone(e.Follows), slices.Clone(e.Labels)
	if err := applyData(st, st.projects[e.ProjectID], epicFields, &next, data, false); err != nil {
		return nil, err
	}
	next.UpdateTime = c.ms()
	*e = next
	return done, nil
}

// removeEpic serves POST /epic/remove; its issues leave the epic.
func (st *store) removeEpic(c *call) (any, error) {
	e, err := resolve(c, "id", st.epic)
	if err != nil {
		return nil, err
	}
	for _, is := range st.issues {
		if is.EpicID == e.ID {
			is.EpicID = 0
		}
	}
	delete(st.epics, e.ID)
	return done, nil
}

// epicDetail serves GET /epic/detail.
func (st *store) epicDetail(c *call) (any, error) {
	e, err := resolve(c, "id", st.epic)
	if err != nil {
		return nil, err
	}
	return epicDetailView{
		ID: e.ID, ProjectID: e.ProjectID, CreateBy: e.CreateBy, CreateTime: e.CreateTime, UpdateTime: e.UpdateTime,
		IssueCount: len(st.epicIssues(e.ID)), Data: dataMap(st, st.projects[e.ProjectID], epicFields, e),
	}, nil
}

// relateEpicIssues serves POST /epic/relation-issue: the issues, all of
// the epic's project, join the epic (their "epic" field changes).
func (st *store) relateEpicIssues(c *call) (any, error) {
	id, ids := c.reqInt("epicId"), c.reqInts("issueIds")
	e, err := checkThenFind(c, id, st.epic)
	if err != nil {
		return nil, err
	}
	issues := make([]*Issue, 0, len(ids))
	for _, iid := range ids {
		is, err := st.issue(iid)
		if err != nil {
			return nil, err
		}
		if is.ProjectID != e.ProjectID || is.ParentID != 0 {
			return nil, badRequest("issue %s must be a top-level issue of the epic's project", st.issueNumber(is))
		}
		issues = append(issues, is)
	}
	for _, is := range issues {
		is.EpicID = e.ID
		is.touch(c)
	}
	return done, nil
}
