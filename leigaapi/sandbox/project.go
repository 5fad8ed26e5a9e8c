package sandbox

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// projectFields are the project overview fields /project/update accepts.
var projectFields = []fieldDef[Project]{
	textField(fieldMeta{201, "projectName", "Project Name", "input", true}, func(p *Project) *string { return &p.Name }),
	textField(fieldMeta{202, "description", "Description", "textarea", false}, func(p *Project) *string { return &p.Description }),
	selectField(fieldMeta{203, "leader", "Leader", "member", true}, srcMember, at(func(p *Project) *int64 { return &p.LeaderID })),
	selectField(fieldMeta{204, "projectCategory", "Category", "select", true}, srcCategory, at(func(p *Project) *int64 { return &p.Category })),
}

// projectRow is a row of /project/list.
type projectRow struct {
	ID       int64  `json:"id"`
	PName    string `json:"pname"`
	PKey     string `json:"pkey"`
	Archived int    `json:"archived"`
}

// projectView is the answer of /project/get and /project/get-by-project-key.
type projectView struct {
	ID              int64  `json:"id"`
	ProjectName     string `json:"projectName"`
	ProjectKey      string `json:"projectKey"`
	LeaderID        int64  `json:"leaderId"`
	Leader          string `json:"leader"`
	Description     string `json:"description"`
	URL             string `json:"url"`
	Avatar          int64  `json:"avatar"`
	Archived        int    `json:"archived"`
	Status          int    `json:"status"` // 1 active
	ProjectCategory int64  `json:"projectCategory"`
	TemplateCode    string `json:"templateCode"`
	WorkflowID      int64  `json:"workflowId"`
	MemberCount     int    `json:"memberCount"`
	CreateBy        int64  `json:"createBy"`
	CreateTime      int64  `json:"createTime"`
	UpdateTime      int64  `json:"updateTime"`
}

// projectView renders a project.
func (st *store) projectView(p *Project) projectView {
	return projectView{
		ID: p.ID, ProjectName: p.Name, ProjectKey: p.Key, LeaderID: p.LeaderID, Leader: st.userName(p.LeaderID),
		Description: p.Description, URL: fmt.Sprintf("%s/%s", webBase, p.Key), Avatar: p.ID%12 + 1, Status: 1,
		ProjectCategory: p.Category, TemplateCode: p.TemplateCode, WorkflowID: p.Workflow.ID, MemberCount: len(p.Members),
		CreateBy: p.CreateBy, CreateTime: p.CreateTime, UpdateTime: p.UpdateTime,
	}
}

// projectTemplates serves GET /project/project-template.
func (st *store) projectTemplates(*call) (any, error) { return templates, nil }

// roleTypes serves GET and POST /project/role-type.
func (st *store) roleTypes(*call) (any, error) { return roles, nil }

// projectList serves GET /project/list: the projects the calling user is
// a member of.
func (st *store) projectList(c *call) (any, error) {
	mine := filter(sorted(st.projects), func(p *Project) bool { return p.isMember(c.me) })
	return mapList(mine, func(p *Project) projectRow { return projectRow{ID: p.ID, PName: p.Name, PKey: p.Key} }), nil
}

// projectOverviewScheme serves GET /project/project-overview-scheme.
func (st *store) projectOverviewScheme(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	return struct {
		ProjectID int64       `json:"projectId"`
		Fields    []fieldView `json:"fields"`
	}{p.ID, fieldViews(st, p, projectFields)}, nil
}

// getProject serves GET /project/get.
func (st *store) getProject(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	return st.projectView(p), nil
}

// projectByKey serves GET /project/get-by-project-key (any case).
func (st *store) projectByKey(c *call) (any, error) {
	key := c.reqString("projectKey")
	if err := c.check(); err != nil {
		return nil, err
	}
	for _, p := range st.projects {
		if strings.EqualFold(p.Key, strings.TrimSpace(key)) {
			return st.projectView(p), nil
		}
	}
	return nil, notFound("project", key)
}

// checkProjectName rejects a name another project uses.
func (st *store) checkProjectName(name string, self int64) error {
	for _, p := range st.projects {
		if p.ID != self && strings.EqualFold(p.Name, strings.TrimSpace(name)) {
			return conflict("project name %q is already used by %s", name, p.Key)
		}
	}
	return nil
}

// addProject serves POST /project/add. The new project gets a key derived
// from its name, the default workflow, and the leader and the calling user
// as project admins.
func (st *store) addProject(c *call) (any, error) {
	name, code, leaderID := c.reqString("projectName"), c.reqString("templateCode"), c.reqInt("leaderId")
	desc, _ := c.optString("description")
	if err := c.check(); err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(templates, func(t template) bool { return t.Code == code }) {
		return nil, notFound("project template", code)
	}
	leader, err := st.user(leaderID)
	if err != nil {
		return nil, err
	}
	if leader.Disabled {
		return nil, conflict("user %d is disabled", leader.ID)
	}
	if err := st.checkProjectName(name, 0); err != nil {
		return nil, err
	}
	now := c.ms()
	p := &Project{
		ID: st.newID(kindProject), Key: st.projectKey(name), Name: strings.TrimSpace(name), Description: desc,
		LeaderID: leader.ID, TemplateCode: code, Category: 1, NextIssueNumber: 1,
		CreateBy: c.me, CreateTime: now, UpdateTime: now,
	}
	p.Members = []Member{{UserID: leader.ID, RoleIDs: []int64{roleProjectAdmin}}}
	if leader.ID != c.me {
		p.Members = append(p.Members, Member{UserID: c.me, RoleIDs: []int64{roleProjectAdmin}})
	}
	p.Workflow = st.defaultWorkflow(p.Key)
	for _, ws := range p.Workflow.States {
		st.stateOf[ws.ID] = p
	}
	st.projects[p.ID] = p
	return created{ID: p.ID}, nil
}

// defaultWorkflow builds To Do -> In Progress -> In Review -> Done with
// fresh ids.
func (st *store) defaultWorkflow(key string) Workflow {
	ids := make([]int64, 4)
	for i := range ids {
		ids[i] = st.newID(kindState)
	}
	return Workflow{
		ID: st.newID(kindWorkflow), Name: key + " Workflow", Description: "Default workflow",
		States: []State{
			{ID: ids[0], Name: "To Do", Category: categoryToDo, Next: []int64{ids[1]}},
			{ID: ids[1], Name: "In Progress", Category: categoryInProgress, Next: []int64{ids[2], ids[0]}},
			{ID: ids[2], Name: "In Review", Category: categoryInProgress, Next: []int64{ids[3], ids[1]}},
			{ID: ids[3], Name: "Done", Category: categoryDone, Next: []int64{ids[0]}},
		},
	}
}

// projectKey derives an unused key from a name: the initials of several
// words or the start of one word, upper case, 2 to 6 characters.
func (st *store) projectKey(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) })
	var base string
	if len(words) > 1 {
		for _, w := range words {
			base += w[:1]
		}
	} else if len(words) == 1 {
		base = words[0]
	}
	base = strings.ToUpper(base)
	if len(base) > 6 {
		base = base[:6]
	}
	if len(base) < 2 || !unicode.IsLetter(rune(base[0])) {
		base = "P" + base
	}
	key := base
	for n := 2; st.keyUsed(key); n++ {
		key = base + strconv.Itoa(n)
	}
	return key
}

// keyUsed reports whether a project has key.
func (st *store) keyUsed(key string) bool {
	return slices.ContainsFunc(sorted(st.projects), func(p *Project) bool { return strings.EqualFold(p.Key, key) })
}

// updateProject serves PATCH /project/update with overview fields in data.
func (st *store) updateProject(c *call) (any, error) {
	id := c.reqInt("id")
	data := c.optObject("data")
	p, err := checkThenFind(c, id, st.project)
	if err != nil {
		return nil, err
	}
	next := *p
	if err := applyData(st, p, projectFields, &next, data, false); err != nil {
		return nil, err
	}
	if err := st.checkProjectName(next.Name, p.ID); err != nil {
		return nil, err
	}
	next.UpdateTime = c.ms()
	*p = next
	return done, nil
}

// changeRoles serves POST /project/role-change: the roles replace the
// member's current ones.
func (st *store) changeRoles(c *call) (any, error) {
	pid, uid, roleIDs := c.reqInt("projectId"), c.reqInt("userId"), c.reqInts("roleIdList")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	if _, err := st.user(uid); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(p.Members, func(m Member) bool { return m.UserID == uid })
	if i < 0 {
		return nil, notFound(fmt.Sprintf("member %d of project", uid), p.Key)
	}
	for _, r := range roleIDs {
		if !isProjectRole(r) {
			return nil, notFound("project role", r)
		}
	}
	p.Members[i].RoleIDs = slices.Compact(slices.Sorted(slices.Values(roleIDs)))
	return done, nil
}
