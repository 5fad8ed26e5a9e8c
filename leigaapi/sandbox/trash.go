package sandbox

import (
	"cmp"
	"slices"
	"strings"
)

// trashRow is a row of /issue/trash/page.
type trashRow struct {
	ID          int64  `json:"id"`
	IssueNumber string `json:"issueNumber"`
	Summary     string `json:"summary"`
	ProjectID   int64  `json:"projectId"`
	ProjectName string `json:"projectName"`
	IssueType   idName `json:"issueType"`
	DeleteBy    idName `json:"deleteBy"`
	DeleteTime  int64  `json:"deleteTime"`
}

// trashOptionsView is the answer of /issue/trash-select-options.
type trashOptionsView struct {
	DeleteByOptionList []idName `json:"deleteByOptionList"`
	ProjectOptionList  []idName `json:"projectOptionList"`
}

// trashed returns the issues in the trash, by id.
func (st *store) trashed() []*Issue {
	return filter(sorted(st.issues), func(is *Issue) bool { return is.DeleteTime != 0 })
}

// trashOptions serves POST /issue/trash-select-options: who deleted
// something, and the projects.
func (st *store) trashOptions(*call) (any, error) {
	out := trashOptionsView{DeleteByOptionList: []idName{}, ProjectOptionList: []idName{}}
	var who []int64
	for _, is := range st.trashed() {
		if !slices.Contains(who, is.DeleteBy) {
			who = append(who, is.DeleteBy)
		}
	}
	slices.Sort(who)
	for _, id := range who {
		out.DeleteByOptionList = append(out.DeleteByOptionList, idName{ID: id, Name: st.userName(id)})
	}
	for _, p := range sorted(st.projects) {
		out.ProjectOptionList = append(out.ProjectOptionList, idName{ID: p.ID, Name: p.Name})
	}
	return out, nil
}

// pageTrash serves POST /issue/trash/page, newest deletion first by
// default.
func (st *store) pageTrash(c *call) (any, error) {
	projects, deleteBys := c.optInts("projectIds"), c.optInts("deleteBys")
	summary, _ := c.optString("summary")
	from, hasFrom := c.optInt("startDeleteTime")
	to, hasTo := c.optInt("endDeleteTime")
	desc := c.descending("deleteTimeOrderBy")
	pg := c.page()
	if err := c.check(); err != nil {
		return nil, err
	}
	kw := strings.ToLower(strings.TrimSpace(summary))
	found := filter(st.trashed(), func(is *Issue) bool {
		return (len(projects) == 0 || slices.Contains(projects, is.ProjectID)) &&
			(len(deleteBys) == 0 || slices.Contains(deleteBys, is.DeleteBy)) &&
			strings.Contains(strings.ToLower(is.Summary), kw) &&
			(!hasFrom || is.DeleteTime >= from) && (!hasTo || is.DeleteTime <= to)
	})
	slices.SortFunc(found, func(a, b *Issue) int {
		r := cmp.Or(cmp.Compare(a.DeleteTime, b.DeleteTime), cmp.Compare(a.ID, b.ID))
		if desc {
			return -r
		}
		return r
	})
	return paginate(found, pg, func(is *Issue) trashRow {
		p := st.projects[is.ProjectID]
		typ, _ := findBy(allIssueTypes, func(t issueType) int64 { return t.ID }, is.TypeID)
		return trashRow{
			ID: is.ID, IssueNumber: st.issueNumber(is), Summary: is.Summary, ProjectID: p.ID, ProjectName: p.Name,
			IssueType: idName{ID: typ.ID, Name: typ.Name}, DeleteBy: idName{ID: is.DeleteBy, Name: st.userName(is.DeleteBy)},
			DeleteTime: is.DeleteTime,
		}
	}), nil
}

// restoreIssue serves POST /issue/trash/restore. An issue comes back with
// the subtasks that were trashed along with it; a subtask whose parent is
// still in the trash cannot come back alone.
func (st *store) restoreIssue(c *call) (any, error) {
	id := c.reqInt("id")
	if err := c.check(); err != nil {
		return nil, err
	}
	is, ok := st.issues[id]
	if !ok || is.DeleteTime == 0 {
		return nil, notFound("trashed issue", id)
	}
	if parent := st.issues[is.ParentID]; parent != nil && parent.DeleteTime != 0 {
		return nil, conflict("restore the parent issue %s first", st.issueNumber(parent))
	}
	for _, sub := range st.trashed() {
		if sub.ParentID == is.ID && sub.DeletedAlong && sub.DeleteTime == is.DeleteTime {
			sub.DeleteTime, sub.DeleteBy, sub.DeletedAlong = 0, 0, false
		}
	}
	is.DeleteTime, is.DeleteBy, is.DeletedAlong = 0, 0, false
	is.touch(c)
	return done, nil
}
