package sandbox

import (
	"slices"
	"strings"
)

// versionView is a version in lists.
type versionView struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	Status       string  `json:"status"`
	StatusName   string  `json:"statusName"`
	StartDate    nullInt `json:"startDate"`
	PlanDate     nullInt `json:"planDate"`
	ReleasedDate nullInt `json:"releasedDate"`
	Description  string  `json:"description"`
	OwnerID      nullInt `json:"ownerId"`
	OwnerName    nullStr `json:"ownerName"`
	IssueCount   int     `json:"issueCount"`
	CreateTime   int64   `json:"createTime"`
}

// versionDetailView is the answer of /version/detail.
type versionDetailView struct {
	versionView
	TotalDays     *int64 `json:"totalDays"`     // planDate - startDate, in days
	DaysToRelease *int64 `json:"daysToRelease"` // until planDate; 0 once released
}

// versionView renders a version.
func (st *store) versionView(v *Version) versionView {
	status, _ := findBy(versionStatuses, func(s versionStatus) string { return s.Status }, v.Status)
	return versionView{
		ID: v.ID, Name: v.Name, Status: v.Status, StatusName: status.StatusName,
		StartDate: nullInt(v.StartDate), PlanDate: nullInt(v.PlanDate), ReleasedDate: nullInt(v.ReleasedDate),
		Description: v.Description, OwnerID: nullInt(v.OwnerID), OwnerName: nullStr(st.userName(v.OwnerID)),
		IssueCount: len(st.versionIssues(v.ID)), CreateTime: v.CreateTime,
	}
}

// versionIssues returns the live issues of a version.
func (st *store) versionIssues(id int64) []*Issue {
	return st.liveIssues(func(is *Issue) bool { return is.VersionID == id })
}

// versionStatusList serves GET /version/version-status-list.
func (st *store) versionStatusList(*call) (any, error) { return versionStatuses, nil }

// versionOwnerOptions serves GET /version/optional-owner-list: the active
// organisation members.
func (st *store) versionOwnerOptions(*call) (any, error) {
	type owner struct {
		ID     int64  `json:"id"`
		Name   string `json:"name"`
		Avatar string `json:"avatar"`
	}
	return mapList(st.userOptions(nil), func(o option) owner {
		return owner{ID: o.Value, Name: o.Name, Avatar: avatarURL(o.Value)}
	}), nil
}

// pageVersions serves POST /version/all-version.
func (st *store) pageVersions(c *call) (any, error) {
	name, _ := c.optString("name")
	statuses, owners := c.optStrings("statusList"), c.optInts("ownerIds")
	pg := c.page()
	for _, s := range statuses {
		if !slices.ContainsFunc(versionStatuses, func(vs versionStatus) bool { return vs.Status == s }) {
			c.fail("statusList must contain unreleased, released or archived, got %q", s)
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	name = strings.ToLower(strings.TrimSpace(name))
	found := filter(sorted(st.versions), func(v *Version) bool {
		return strings.Contains(strings.ToLower(v.Name), name) &&
			(len(statuses) == 0 || slices.Contains(statuses, v.Status)) &&
			(len(owners) == 0 || slices.Contains(owners, v.OwnerID))
	})
	return paginate(found, pg, st.versionView), nil
}

// versionFields reads the optional version fields onto v and validates it.
func (st *store) versionFields(c *call, v *Version) error {
	if name, ok := c.optString("name"); ok {
		v.Name = strings.TrimSpace(name)
	}
	if id, ok := c.optInt("ownerId"); ok {
		v.OwnerID = id
	}
	if d, ok := c.optInt("startDate"); ok {
		v.StartDate = d
	}
	if d, ok := c.optInt("planDate"); ok {
		v.PlanDate = d
	}
	if desc, ok := c.optString("description"); ok {
		v.Description = desc
	}
	if err := c.check(); err != nil {
		return err
	}
	if v.Name == "" {
		return badRequest("name must not be empty")
	}
	if v.OwnerID != 0 {
		if u, err := st.user(v.OwnerID); err != nil || u.Disabled {
			return notFound("active user", v.OwnerID)
		}
	}
	if err := checkDateOrder(v.StartDate, v.PlanDate, "planDate"); err != nil {
		return err
	}
	for _, other := range st.versions {
		if other.ID != v.ID && strings.EqualFold(other.Name, v.Name) {
			return conflict("version %q already exists", v.Name)
		}
	}
	return nil
}

// addVersion serves POST /version/add; the version starts unreleased.
func (st *store) addVersion(c *call) (any, error) {
	c.reqString("name")
	c.reqInt("ownerId")
	if err := c.check(); err != nil {
		return nil, err
	}
	v := &Version{Status: VersionUnreleased, CreateTime: c.ms()}
	if err := st.versionFields(c, v); err != nil {
		return nil, err
	}
	v.ID = st.newID(kindVersion)
	st.versions[v.ID] = v
	return created{ID: v.ID}, nil
}

// updateVersion serves PATCH /version/update.
func (st *store) updateVersion(c *call) (any, error) {
	id := c.reqInt("id")
	c.reqString("name")
	c.reqInt("ownerId")
	v, err := checkThenFind(c, id, st.version)
	if err != nil {
		return nil, err
	}
	next := *v
	if err := st.versionFields(c, &next); err != nil {
		return nil, err
	}
	*v = next
	return done, nil
}

// versionParam reads a version id parameter and resolves it.
func (st *store) versionParam(c *call, name string) (*Version, error) {
	return resolve(c, name, st.version)
}

// removeVersion serves DELETE /version/remove; its issues leave it.
func (st *store) removeVersion(c *call) (any, error) {
	v, err := st.versionParam(c, "id")
	if err != nil {
		return nil, err
	}
	for _, is := range st.issues {
		if is.VersionID == v.ID {
			is.VersionID = 0
		}
	}
	delete(st.versions, v.ID)
	return done, nil
}

// moveVersion is one lifecycle transition: allowed from the listed
// statuses, applied by apply.
func (st *store) moveVersion(c *call, verb string, from []string, apply func(v *Version)) (any, error) {
	return st.moveVersionAlso(c, verb, from, nil, apply)
}

// moveVersionAlso is moveVersion for a transition with more required
// parameters, read by also after the version id.
func (st *store) moveVersionAlso(c *call, verb string, from []string, also func(), apply func(v *Version)) (any, error) {
	id := c.reqInt("id")
	if also != nil {
		also()
	}
	v, err := checkThenFind(c, id, st.version)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(from, v.Status) {
		return nil, conflict("cannot %s version %s: it is %s", verb, v.Name, v.Status)
	}
	apply(v)
	return done, nil
}

// releaseVersion serves PATCH /version/release.
func (st *store) releaseVersion(c *call) (any, error) {
	var when int64
	return st.moveVersionAlso(c, "release", []string{VersionUnreleased}, func() { when = c.reqInt("releasedDate") }, func(v *Version) {
		v.Status, v.ReleasedDate = VersionReleased, when
	})
}

// unreleaseVersion serves PATCH /version/unrelease.
func (st *store) unreleaseVersion(c *call) (any, error) {
	return st.moveVersion(c, "unrelease", []string{VersionReleased}, func(v *Version) {
		v.Status, v.ReleasedDate = VersionUnreleased, 0
	})
}

// archiveVersion serves PATCH /version/archive.
func (st *store) archiveVersion(c *call) (any, error) {
	return st.moveVersion(c, "archive", []string{VersionUnreleased, VersionReleased}, func(v *Version) {
		v.Status = VersionArchived
	})
}

// unarchiveVersion serves PATCH /version/unarchive: back to released if it
// was released, else unreleased.
func (st *store) unarchiveVersion(c *call) (any, error) {
	return st.moveVersion(c, "unarchive", []string{VersionArchived}, func(v *Version) {
		v.Status = VersionUnreleased
		if v.ReleasedDate != 0 {
			v.Status = VersionReleased
		}
	})
}

// versionDetail serves GET /version/detail.
func (st *store) versionDetail(c *call) (any, error) {
	v, err := st.versionParam(c, "id")
	if err != nil {
		return nil, err
	}
	d := versionDetailView{versionView: st.versionView(v)}
	if v.StartDate != 0 && v.PlanDate != 0 {
		total := ceilDays(v.PlanDate - v.StartDate)
		d.TotalDays = &total
	}
	if v.PlanDate != 0 {
		left := int64(0)
		if v.Status == VersionUnreleased {
			left = ceilDays(v.PlanDate - c.ms())
		}
		d.DaysToRelease = &left
	}
	return d, nil
}

// versionIssueParams reads releaseId and issueId.
func (st *store) versionIssueParams(c *call) (*Version, *Issue, error) {
	vid, iid := c.reqInt("releaseId"), c.reqInt("issueId")
	v, err := checkThenFind(c, vid, st.version)
	if err != nil {
		return nil, nil, err
	}
	is, err := st.issue(iid)
	if err != nil {
		return nil, nil, err
	}
	return v, is, nil
}

// associateVersionIssue serves PATCH /version/associate-issue: the issue's
// releaseVersion field becomes this version.
func (st *store) associateVersionIssue(c *call) (any, error) {
	v, is, err := st.versionIssueParams(c)
	if err != nil {
		return nil, err
	}
	if v.Status == VersionArchived {
		return nil, conflict("version %s is archived", v.Name)
	}
	if is.ParentID != 0 {
		return nil, badRequest("issue %s is a subtask; subtasks follow their parent's version", st.issueNumber(is))
	}
	is.VersionID = v.ID
	is.touch(c)
	return done, nil
}

// disassociateVersionIssue serves PATCH /version/disassociate-issue; an
// issue that is not in the version is left alone.
func (st *store) disassociateVersionIssue(c *call) (any, error) {
	v, is, err := st.versionIssueParams(c)
	if err != nil {
		return nil, err
	}
	if is.VersionID == v.ID {
		is.VersionID = 0
		is.touch(c)
	}
	return done, nil
}

// pageVersionIssues serves POST /version/page-associate.
func (st *store) pageVersionIssues(c *call) (any, error) {
	pid, byProject := c.optInt("projectId")
	cat, byCategory := c.optInt("stateCategory")
	who, byAssignee := c.optInt("assigneeId")
	pg := c.page()
	v, err := st.versionParam(c, "releaseId")
	if err != nil {
		return nil, err
	}
	found := filter(st.versionIssues(v.ID), func(is *Issue) bool {
		return (!byProject || is.ProjectID == pid) && (!byAssignee || is.AssigneeID == who) &&
			(!byCategory || int64(st.projects[is.ProjectID].state(is.StatusID).Category) == cat)
	})
	return paginate(found, pg, func(is *Issue) issueRow { return st.row(is) }), nil
}
