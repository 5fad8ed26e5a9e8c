package sandbox

import (
	"slices"
)

// Option sources of the select-like fields.
var (
	srcStatus = &refSource{options: func(_ *store, p *Project) []option {
		return mapList(p.Workflow.States, func(ws State) option { return option{Value: ws.ID, Name: ws.Name, Category: ws.Category} })
	}}
	srcPriority  = &refSource{options: func(*store, *Project) []option { return priorities }}
	srcSeverity  = &refSource{options: func(*store, *Project) []option { return severityOptions }}
	srcCategory  = &refSource{options: func(*store, *Project) []option { return projectCategories }}
	srcMember    = &refSource{options: (*store).memberOptions, resolve: (*store).userOption}
	srcUser      = &refSource{options: (*store).userOptions, resolve: (*store).userOption}
	srcTag       = &refSource{options: (*store).tagOptions}
	srcSprint    = &refSource{options: (*store).sprintOptions, resolve: (*store).sprintOption}
	srcVersion   = &refSource{options: (*store).versionOptions, resolve: (*store).versionOption}
	srcEpic      = &refSource{options: (*store).epicOptions}
	srcIssueType = &refSource{options: func(*store, *Project) []option {
		return mapList(allIssueTypes, func(t issueType) option { return option{Value: t.ID, Name: t.Name} })
	}}
)

// Fields shared by issues and epics.
var (
	metaSummary     = fieldMeta{1, "summary", "Summary", "input", true}
	metaDescription = fieldMeta{2, "description", "Description", "richText", false}
	metaStatus      = fieldMeta{3, "status", "Status", "status", true}
	metaPriority    = fieldMeta{4, "priority", "Priority", "priority", true}
	metaOwner       = fieldMeta{6, "owner", "Owner", "member", false}
	metaLabel       = fieldMeta{7, "label", "Tags", "tag", false}
	metaFollows     = fieldMeta{8, "follows", "Followers", "members", false}
	metaStartDate   = fieldMeta{12, "startDate", "Start Date", "date", false}
	metaDueDate     = fieldMeta{13, "dueDate", "Due Date", "date", false}
)

// issueFields are the fields of Story, Task and Bug issues, keyed by
// fieldCode in the data maps of /issue/add, /issue/update and friends.
var issueFields = []fieldDef[Issue]{
	textField(metaSummary, func(i *Issue) *string { return &i.Summary }),
	textField(metaDescription, func(i *Issue) *string { return &i.Description }),
	selectField(metaStatus, srcStatus, at(func(i *Issue) *int64 { return &i.StatusID })),
	selectField(metaPriority, srcPriority, at(func(i *Issue) *int64 { return &i.PriorityID })),
	selectField(fieldMeta{5, "assignee", "Assignee", "member", false}, srcMember, at(func(i *Issue) *int64 { return &i.AssigneeID })),
	selectField(metaOwner, srcMember, at(func(i *Issue) *int64 { return &i.OwnerID })),
	multiField(metaLabel, srcTag, func(i *Issue) *[]int64 { return &i.Labels }),
	multiField(metaFollows, srcUser, func(i *Issue) *[]int64 { return &i.Follows }),
	selectField(fieldMeta{9, "sprint", "Sprint", "sprint", false}, srcSprint, at(func(i *Issue) *int64 { return &i.SprintID })),
	selectField(fieldMeta{10, "releaseVersion", "Release Version", "version", false}, srcVersion, at(func(i *Issue) *int64 { return &i.VersionID })),
	selectField(fieldMeta{11, "epic", "Epic", "epic", false}, srcEpic, at(func(i *Issue) *int64 { return &i.EpicID })),
	dateField(metaStartDate, func(i *Issue) *int64 { return &i.StartDate }),
	dateField(metaDueDate, func(i *Issue) *int64 { return &i.DueDate }),
	numberField(fieldMeta{14, "estimatePoint", "Story Points", "number", false}, func(i *Issue) **float64 { return &i.EstimatePoint }),
	selectField(fieldMeta{15, severityField, "Severity", "select", false}, srcSeverity, customValue(severityField)),
}

// subtaskFields are the fields of subtasks.
var subtaskFields = append(
	pick(issueFields, "summary", "description", "status", "priority", "assignee", "startDate", "dueDate", "estimatePoint"),
	numberField(fieldMeta{16, "estimateLabour", "Estimated Hours", "number", false}, func(i *Issue) **float64 { return &i.EstimateLabour }),
)

// filterFields are the option fields the list filters accept: the
// select-like issue fields plus the issue type.
var filterFields = append(
	filter(issueFields, func(d fieldDef[Issue]) bool { return d.src != nil }),
	selectField(fieldMeta{17, "issueType", "Issue Type", "issueType", false}, srcIssueType, at(func(i *Issue) *int64 { return &i.TypeID })),
)

// customValue is the accessor of a custom select field.
func customValue(code string) accessor[Issue, int64] {
	return accessor[Issue, int64]{
		get: func(i *Issue) int64 { return i.Custom[code] },
		put: func(i *Issue, v int64) {
			if v == 0 {
				delete(i.Custom, code)
				return
			}
			if i.Custom == nil {
				i.Custom = map[string]int64{}
			}
			i.Custom[code] = v
		},
	}
}

// fieldsFor returns the field definitions of an issue type.
func fieldsFor(typeID int64) []fieldDef[Issue] {
	if typeID == typeSubtask {
		return subtaskFields
	}
	return issueFields
}

// detailFields are every field shown in issue detail data maps.
var detailFields = append(slices.Clip(issueFields), subtaskFields[len(subtaskFields)-1])

// Option lists.

// memberOptions are the active members of p.
func (st *store) memberOptions(p *Project) []option {
	out := []option{}
	for _, m := range p.Members {
		if u := st.users[m.UserID]; u != nil && !u.Disabled && !u.Removed {
			out = append(out, option{Value: u.ID, Name: u.Name})
		}
	}
	return out
}

// userOptions are the active organisation members.
func (st *store) userOptions(*Project) []option {
	active := filter(sorted(st.users), func(u *User) bool { return !u.Disabled && !u.Removed })
	return mapList(active, func(u *User) option { return option{Value: u.ID, Name: u.Name} })
}

// userOption names any user, removed ones included.
func (st *store) userOption(_ *Project, id int64) (option, bool) {
	u, ok := st.users[id]
	if !ok {
		return option{}, false
	}
	return option{Value: id, Name: u.Name}, true
}

// tagOptions are the tags of p.
func (st *store) tagOptions(p *Project) []option {
	tags := filter(sorted(st.tags), func(t *Tag) bool { return t.ProjectID == p.ID })
	return mapList(tags, func(t *Tag) option { return option{Value: t.ID, Name: t.Name} })
}

// sprintOptions are the sprints of p that are not closed.
func (st *store) sprintOptions(p *Project) []option {
	open := filter(sorted(st.sprints), func(s *Sprint) bool { return s.ProjectID == p.ID && s.Status != SprintClosed })
	return mapList(open, func(s *Sprint) option { return option{Value: s.ID, Name: s.Name} })
}

// sprintOption names any sprint.
func (st *store) sprintOption(_ *Project, id int64) (option, bool) {
	s, ok := st.sprints[id]
	if !ok {
		return option{}, false
	}
	return option{Value: id, Name: s.Name}, true
}

// versionOptions are the versions that are not archived.
func (st *store) versionOptions(*Project) []option {
	open := filter(sorted(st.versions), func(v *Version) bool { return v.Status != VersionArchived })
	return mapList(open, func(v *Version) option { return option{Value: v.ID, Name: v.Name} })
}

// versionOption names any version.
func (st *store) versionOption(_ *Project, id int64) (option, bool) {
	v, ok := st.versions[id]
	if !ok {
		return option{}, false
	}
	return option{Value: id, Name: v.Name}, true
}

// epicOptions are the epics of p.
func (st *store) epicOptions(p *Project) []option {
	epics := filter(sorted(st.epics), func(e *Epic) bool { return e.ProjectID == p.ID })
	return mapList(epics, func(e *Epic) option { return option{Value: e.ID, Name: e.Summary} })
}

// Endpoints.

// issueTypeView is a row of /issue/type-list.
type issueTypeView struct {
	issueType
	WorkflowID int64 `json:"workflowId"`
}

// issueTypeList serves GET /issue/type-list.
func (st *store) issueTypeList(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	return mapList(issueTypes, func(t issueType) issueTypeView { return issueTypeView{t, p.Workflow.ID} }), nil
}

// projectParam reads the required projectId and resolves it.
func (st *store) projectParam(c *call) (*Project, error) {
	return resolve(c, "projectId", st.project)
}

// typeParams reads the required projectId and issueTypeId.
func (st *store) typeParams(c *call) (*Project, int64, error) {
	pid, tid := c.reqInt("projectId"), c.reqInt("issueTypeId")
	p, err := st.projectWithType(c, pid, tid, true)
	return p, tid, err
}

// projectWithType returns the call's first parameter error, else project
// pid once tid is known to be an issue type (withSubtask: or the subtask
// type).
func (st *store) projectWithType(c *call, pid, tid int64, withSubtask bool) (*Project, error) {
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	if err := checkIssueType(tid, withSubtask); err != nil {
		return nil, err
	}
	return p, nil
}

// checkIssueType verifies an issue type id; withSubtask also accepts the
// subtask type.
func checkIssueType(id int64, withSubtask bool) error {
	if slices.ContainsFunc(issueTypes, func(t issueType) bool { return t.ID == id }) || (withSubtask && id == typeSubtask) {
		return nil
	}
	return notFound("issue type", id)
}

// issueSchemeView is the answer of /issue/issue-scheme.
type issueSchemeView struct {
	IssueTypeID int64       `json:"issueTypeId"`
	ProjectID   int64       `json:"projectId"`
	Fields      []fieldView `json:"fields"`
}

// issueScheme serves GET /issue/issue-scheme.
func (st *store) issueScheme(c *call) (any, error) {
	p, tid, err := st.typeParams(c)
	if err != nil {
		return nil, err
	}
	return issueSchemeView{IssueTypeID: tid, ProjectID: p.ID, Fields: fieldViews(st, p, fieldsFor(tid))}, nil
}

// issueFieldList serves GET /issue/issue-fields.
func (st *store) issueFieldList(c *call) (any, error) {
	p, tid, err := st.typeParams(c)
	if err != nil {
		return nil, err
	}
	return fieldList{Fields: fieldViews(st, p, fieldsFor(tid))}, nil
}

// issueFieldInfo serves GET /issue/issue-field-info.
func (st *store) issueFieldInfo(c *call) (any, error) {
	pid, tid, code := c.reqInt("projectId"), c.reqInt("issueTypeId"), c.reqString("fieldCode")
	p, err := st.projectWithType(c, pid, tid, true)
	if err != nil {
		return nil, err
	}
	d, ok := field(fieldsFor(tid), code)
	if !ok {
		return nil, notFound("field", code)
	}
	return d.view(st, p), nil
}

// subtaskFieldList serves POST /issue/list-subtask-field.
func (st *store) subtaskFieldList(c *call) (any, error) {
	pid := c.reqInt("projectId")
	tid := c.reqInt("issueTypeId")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	if err := checkIssueType(tid, true); err != nil {
		return nil, err
	}
	return fieldViews(st, p, subtaskFields), nil
}

// filterFieldView is a row of /issue/filter-condition-field.
type filterFieldView struct {
	CustomFieldID   int64  `json:"customFieldId"`
	CustomFieldCode string `json:"customFieldCode"`
	CustomFieldName string `json:"customFieldName"`
	ControlCode     string `json:"controlCode"`
}

// filterConditionFields serves POST /issue/filter-condition-field.
func (st *store) filterConditionFields(c *call) (any, error) {
	if _, err := st.projectParam(c); err != nil {
		return nil, err
	}
	return mapList(filterFields, func(d fieldDef[Issue]) filterFieldView {
		return filterFieldView{d.ID, d.Code, d.Name, d.Control}
	}), nil
}

// selectOptionsView is a row of /issue/select-options.
type selectOptionsView struct {
	CustomFieldID      int64    `json:"customFieldId"`
	FilterOptionVOList []option `json:"filterOptionVOList"`
}

// selectOptions serves POST /issue/select-options.
func (st *store) selectOptions(c *call) (any, error) {
	pid := c.reqInt("projectId")
	ids := c.reqInts("customFiledIds")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	out := make([]selectOptionsView, 0, len(ids))
	for _, id := range ids {
		d, ok := findBy(filterFields, func(d fieldDef[Issue]) int64 { return d.ID }, id)
		if !ok {
			return nil, notFound("field", id)
		}
		out = append(out, selectOptionsView{CustomFieldID: id, FilterOptionVOList: d.src.options(st, p)})
	}
	return out, nil
}
