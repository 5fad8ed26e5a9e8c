package sandbox

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// maxBatch is the most rows a batch call takes.
const maxBatch = 100

// tagView is a tag in issue rows and /tag/list.
type tagView struct {
	ID      int64  `json:"id"`
	TagName string `json:"tagName"`
}

// issueRow is an issue in lists. The same field names are used by every
// endpoint that returns issues.
type issueRow struct {
	ID                 int64          `json:"id"`
	IssueNumber        string         `json:"issueNumber"`
	ProjectID          int64          `json:"projectId"`
	ProjectKey         string         `json:"projectKey"`
	ParentID           nullInt        `json:"parentId"`
	Summary            string         `json:"summary"`
	IssueTypeID        int64          `json:"issueTypeId"`
	IssueTypeName      string         `json:"issueTypeName"`
	StatusID           int64          `json:"statusId"`
	StatusName         string         `json:"statusName"`
	StatusType         int            `json:"statusType"` // state category: 2, 3 or 4
	PriorityID         int64          `json:"priorityId"`
	PriorityName       string         `json:"priorityName"`
	AssigneeID         nullInt        `json:"assigneeId"`
	AssigneeName       nullStr        `json:"assigneeName"`
	OwnerID            nullInt        `json:"ownerId"`
	OwnerName          nullStr        `json:"ownerName"`
	SprintID           nullInt        `json:"sprintId"`
	SprintName         nullStr        `json:"sprintName"`
	EpicID             nullInt        `json:"epicId"`
	EpicName           nullStr        `json:"epicName"`
	ReleaseVersionID   nullInt        `json:"releaseVersionId"`
	ReleaseVersionName nullStr        `json:"releaseVersionName"`
	StartDate          nullInt        `json:"startDate"`
	DueDate            nullInt        `json:"dueDate"`
	EstimatePoint      *float64       `json:"estimatePoint"`
	ActualLabour       float64        `json:"actualLabour"` // hours logged
	Tags               []tagView      `json:"tags"`
	CreateTime         int64          `json:"createTime"`
	UpdateTime         int64          `json:"updateTime"`
	FinishTime         nullInt        `json:"finishTime"`
	CustomFieldData    map[string]any `json:"customFieldData"`
}

// issueDetail is the answer of /issue/get, /issue/v2/get and
// /issue/get-by-issue-number.
type issueDetail struct {
	issueRow
	Description  string         `json:"description"`
	CreateBy     int64          `json:"createBy"`
	CreateByName string         `json:"createByName"`
	URL          string         `json:"url"`
	Data         map[string]any `json:"data"` // fieldCode -> value, plus fieldCode+"VO" expansions
}

// issueNumber is "<project key>-<number>".
func (st *store) issueNumber(is *Issue) string {
	return st.projects[is.ProjectID].Key + "-" + strconv.Itoa(is.Number)
}

// row renders an issue for lists; custom lists the fieldCodes whose values
// go into customFieldData.
func (st *store) row(is *Issue, custom ...string) issueRow {
	p := st.projects[is.ProjectID]
	ws := p.state(is.StatusID)
	typ, _ := findBy(allIssueTypes, func(t issueType) int64 { return t.ID }, is.TypeID)
	prio, _ := findBy(priorities, func(o option) int64 { return o.Value }, is.PriorityID)
	r := issueRow{
		ID:               is.ID,
		IssueNumber:      st.issueNumber(is),
		ProjectID:        p.ID,
		ProjectKey:       p.Key,
		ParentID:         nullInt(is.ParentID),
		Summary:          is.Summary,
		IssueTypeID:      is.TypeID,
		IssueTypeName:    typ.Name,
		StatusID:         ws.ID,
		StatusName:       ws.Name,
		StatusType:       ws.Category,
		PriorityID:       is.PriorityID,
		PriorityName:     prio.Name,
		AssigneeID:       nullInt(is.AssigneeID),
		AssigneeName:     nullStr(st.userName(is.AssigneeID)),
		OwnerID:          nullInt(is.OwnerID),
		OwnerName:        nullStr(st.userName(is.OwnerID)),
		SprintID:         nullInt(is.SprintID),
		EpicID:           nullInt(is.EpicID),
		ReleaseVersionID: nullInt(is.VersionID),
		StartDate:        nullInt(is.StartDate),
		DueDate:          nullInt(is.DueDate),
		EstimatePoint:    is.EstimatePoint,
		ActualLabour:     st.actualLabour(is.ID),
		Tags:             st.tagViews(is.Labels),
		CreateTime:       is.CreateTime,
		UpdateTime:       is.UpdateTime,
		FinishTime:       nullInt(is.FinishTime),
		CustomFieldData:  map[string]any{},
	}
	if sp := st.sprints[is.SprintID]; sp != nil {
		r.SprintName = nullStr(sp.Name)
	}
	if e := st.epics[is.EpicID]; e != nil {
		r.EpicName = nullStr(e.Summary)
	}
	if v := st.versions[is.VersionID]; v != nil {
		r.ReleaseVersionName = nullStr(v.Name)
	}
	for _, code := range custom {
		if d, ok := field(detailFields, code); ok {
			r.CustomFieldData[code] = d.get(is)
		}
	}
	return r
}

// detail renders an issue with its data map.
func (st *store) detail(is *Issue) issueDetail {
	p := st.projects[is.ProjectID]
	data := dataMap(st, p, detailFields, is)
	data["issueNumber"] = st.issueNumber(is)
	data["issueTypeId"] = is.TypeID
	data["issueTypeIdVO"] = srcIssueType.lookupRef(st, p, is.TypeID)
	return issueDetail{
		issueRow:     st.row(is),
		Description:  is.Description,
		CreateBy:     is.CreateBy,
		CreateByName: st.userName(is.CreateBy),
		URL:          fmt.Sprintf("%s/%s/issue/%s", webBase, p.Key, st.issueNumber(is)),
		Data:         data,
	}
}

// lookupRef names value v as a ref.
func (src *refSource) lookupRef(st *store, p *Project, v int64) ref {
	o, _ := src.lookup(st, p, v)
	return ref{ID: v, Name: o.Name, StateCategory: o.Category}
}

// tagViews renders tag ids.
func (st *store) tagViews(ids []int64) []tagView {
	out := []tagView{}
	for _, id := range ids {
		if t := st.tags[id]; t != nil {
			out = append(out, tagView{ID: t.ID, TagName: t.Name})
		}
	}
	return out
}

// clone returns a deep copy of is.
func (is *Issue) clone() *Issue {
	c := *is
	c.Labels = slices.Clone(is.Labels)
	c.Follows = slices.Clone(is.Follows)
	c.Relations = slices.Clone(is.Relations)
	c.Custom = maps.Clone(is.Custom)
	return &c
}

// draftIssue builds a validated new issue from a data map without storing it.
func (st *store) draftIssue(c *call, p *Project, typeID, parentID int64, data map[string]json.RawMessage) (*Issue, error) {
	now := c.ms()
	is := &Issue{
		ProjectID: p.ID, TypeID: typeID, ParentID: parentID,
		StatusID: p.initialState(), PriorityID: defaultPriority, OwnerID: c.me,
		CreateBy: c.me, CreateTime: now, UpdateTime: now, Custom: map[string]int64{},
	}
	if err := applyData(st, p, fieldsFor(typeID), is, data, true); err != nil {
		return nil, err
	}
	st.trackFinish(is, 0, now)
	return is, nil
}

// commitIssue stores a drafted issue with a new id and the project's next
// issue number.
func (st *store) commitIssue(is *Issue) {
	p := st.projects[is.ProjectID]
	is.ID = st.newID(kindIssue)
	is.Number = p.NextIssueNumber
	p.NextIssueNumber++
	st.issues[is.ID] = is
}

// writeIssue applies a data map to an existing issue, all or nothing.
func (st *store) writeIssue(c *call, is *Issue, data map[string]json.RawMessage) error {
	next := is.clone()
	if err := applyData(st, st.projects[is.ProjectID], fieldsFor(is.TypeID), next, data, false); err != nil {
		return err
	}
	before := is.StatusID
	*is = *next
	is.UpdateTime = c.ms()
	st.trackFinish(is, before, is.UpdateTime)
	return nil
}

// trackFinish sets FinishTime when the status enters the done category and
// clears it when it leaves.
func (st *store) trackFinish(is *Issue, before int64, now int64) {
	p := st.projects[is.ProjectID]
	if p.state(is.StatusID).Category != categoryDone {
		is.FinishTime = 0
		return
	}
	if was := p.state(before); was == nil || was.Category != categoryDone || is.FinishTime == 0 {
		is.FinishTime = now
	}
}

// touch records a change made outside the data map.
func (is *Issue) touch(c *call) { is.UpdateTime = c.ms() }

// createdIssue is the answer of /issue/add.
type createdIssue struct {
	ID          int64  `json:"id"`
	IssueNumber string `json:"issueNumber"`
}

// addIssue serves POST /issue/add.
func (st *store) addIssue(c *call) (any, error) {
	pid, tid, data := c.reqInt("projectId"), c.reqInt("issueTypeId"), c.reqObject("data")
	p, err := st.projectWithType(c, pid, tid, false)
	if err != nil {
		return nil, err
	}
	is, err := st.draftIssue(c, p, tid, 0, data)
	if err != nil {
		return nil, err
	}
	st.commitIssue(is)
	return createdIssue{ID: is.ID, IssueNumber: st.issueNumber(is)}, nil
}

// batchAddRow is a row of the /issue/batch-add answer.
type batchAddRow struct {
	Summary       string  `json:"summary"`
	Success       bool    `json:"success"`
	IssueID       nullInt `json:"issueId"`
	IssueNumber   nullStr `json:"issueNumber"`
	FailureReason nullStr `json:"failureReason"`
}

// batchAddIssues serves POST /issue/batch-add: rows fail one by one.
func (st *store) batchAddIssues(c *call) (any, error) {
	pid, tid, rows := c.reqInt("projectId"), c.reqInt("issueTypeId"), c.reqObjects("datas")
	if len(rows) > maxBatch {
		c.fail("datas takes at most %d rows", maxBatch)
	}
	p, err := st.projectWithType(c, pid, tid, false)
	if err != nil {
		return nil, err
	}
	out := make([]batchAddRow, 0, len(rows))
	for _, data := range rows {
		var summary string
		_ = json.Unmarshal(data["summary"], &summary)
		is, err := st.draftIssue(c, p, tid, 0, data)
		if err != nil {
			out = append(out, batchAddRow{Summary: summary, FailureReason: nullStr(err.Error())})
			continue
		}
		st.commitIssue(is)
		out = append(out, batchAddRow{Summary: summary, Success: true, IssueID: nullInt(is.ID), IssueNumber: nullStr(st.issueNumber(is))})
	}
	return out, nil
}

// batchRow is a row of the batch update and remove answers.
type batchRow struct {
	IssueID       int64   `json:"issueId"`
	Success       bool    `json:"success"`
	FailureReason nullStr `json:"failureReason"`
}

// batch runs fn on each issue id of the project, reporting per row.
func (st *store) batch(p *Project, ids []int64, fn func(is *Issue) error) ([]batchRow, error) {
	if len(ids) > maxBatch {
		return nil, badRequest("issueIds takes at most %d ids", maxBatch)
	}
	out := make([]batchRow, 0, len(ids))
	for _, id := range ids {
		is, err := st.issue(id)
		if err == nil && is.ProjectID != p.ID {
			err = badRequest("issue %d is not in project %s", id, p.Key)
		}
		if err == nil {
			err = fn(is)
		}
		row := batchRow{IssueID: id, Success: err == nil}
		if err != nil {
			row.FailureReason = nullStr(err.Error())
		}
		out = append(out, row)
	}
	return out, nil
}

// batchUpdateIssues serves PATCH /issue/batch-update.
func (st *store) batchUpdateIssues(c *call) (any, error) {
	pid, tid, ids, data := c.reqInt("projectId"), c.reqInt("issueTypeId"), c.reqInts("issueIds"), c.reqObject("data")
	p, err := st.projectWithType(c, pid, tid, true)
	if err != nil {
		return nil, err
	}
	return st.batch(p, ids, func(is *Issue) error {
		if is.TypeID != tid {
			return badRequest("issue %s is not of issue type %d", st.issueNumber(is), tid)
		}
		return st.writeIssue(c, is, data)
	})
}

// updateIssue serves PATCH /issue/update. Any status of the workflow is
// accepted: transitions are advisory.
func (st *store) updateIssue(c *call) (any, error) {
	id, data := c.reqInt("id"), c.reqObject("data")
	is, err := checkThenFind(c, id, st.issue)
	if err != nil {
		return nil, err
	}
	if err := st.writeIssue(c, is, data); err != nil {
		return nil, err
	}
	return done, nil
}

// getIssue serves GET /issue/get and /issue/v2/get.
func (st *store) getIssue(c *call) (any, error) {
	is, err := resolve(c, "id", st.issue)
	if err != nil {
		return nil, err
	}
	return st.detail(is), nil
}

// getIssueByNumber serves GET /issue/get-by-issue-number.
func (st *store) getIssueByNumber(c *call) (any, error) {
	number := c.reqString("issueNumber")
	is, err := checkThenFind(c, number, st.issueByNumber)
	if err != nil {
		return nil, err
	}
	return st.detail(is), nil
}

// issueByNumber finds a live issue by "KEY-N" (the key in any case).
func (st *store) issueByNumber(number string) (*Issue, error) {
	key, n, ok := strings.Cut(strings.TrimSpace(number), "-")
	num, err := strconv.Atoi(n)
	if !ok || err != nil || key == "" || num <= 0 {
		return nil, badRequest("issueNumber must look like KEY-123, got %q", number)
	}
	for _, is := range st.issues {
		if is.Number == num && is.DeleteTime == 0 && strings.EqualFold(st.projects[is.ProjectID].Key, key) {
			return is, nil
		}
	}
	return nil, notFound("issue", number)
}

// trash moves an issue and its live subtasks to the trash.
func (st *store) trash(c *call, is *Issue) {
	now := c.ms()
	for _, sub := range st.subtasks(is.ID) {
		sub.DeleteTime, sub.DeleteBy, sub.DeletedAlong = now, c.me, true
	}
	is.DeleteTime, is.DeleteBy, is.DeletedAlong = now, c.me, false
}

// removeIssue serves DELETE /issue/remove.
func (st *store) removeIssue(c *call) (any, error) {
	is, err := resolve(c, "id", st.issue)
	if err != nil {
		return nil, err
	}
	st.trash(c, is)
	return done, nil
}

// batchRemoveIssues serves DELETE /issue/batch-remove.
func (st *store) batchRemoveIssues(c *call) (any, error) {
	pid, ids := c.reqInt("projectId"), c.reqInts("issueIds")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	return st.batch(p, ids, func(is *Issue) error {
		st.trash(c, is)
		return nil
	})
}

// subtasks returns the live subtasks of an issue, by id.
func (st *store) subtasks(parent int64) []*Issue {
	return st.liveIssues(func(is *Issue) bool { return is.ParentID == parent })
}
