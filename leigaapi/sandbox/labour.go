package sandbox

import (
	"cmp"
	"slices"
)

// labourRow is a row of /issue/labour-record/page.
type labourRow struct {
	ID           int64   `json:"id"`
	IssueID      int64   `json:"issueId"`
	IssueNumber  string  `json:"issueNumber"`
	Labour       float64 `json:"labour"`
	RecordTime   int64   `json:"recordTime"`
	Remarks      string  `json:"remarks"`
	CreateBy     int64   `json:"createBy"`
	CreateByName string  `json:"createByName"`
	CreateTime   int64   `json:"createTime"`
}

// labourAdded is the answer of /issue/labour-record/add: the catalog's
// {"success":true} plus the new record's id.
type labourAdded struct {
	Success bool  `json:"success"`
	ID      int64 `json:"id"`
}

// maxLabour is the most hours one record may hold.
const maxLabour = 24

// actualLabour sums the hours logged on an issue.
func (st *store) actualLabour(issueID int64) float64 {
	var sum float64
	for _, l := range st.labour {
		if l.IssueID == issueID {
			sum += l.Labour
		}
	}
	return sum
}

// checkLabour validates an hours value.
func checkLabour(c *call, hours float64) {
	if hours <= 0 || hours > maxLabour {
		c.fail("labour must be more than 0 and at most %d hours", maxLabour)
	}
}

// addLabour serves POST /issue/labour-record/add.
func (st *store) addLabour(c *call) (any, error) {
	iid, hours, when, remarks := c.reqInt("issueId"), c.reqNumber("labour"), c.reqInt("recordTime"), c.reqString("remarks")
	checkLabour(c, hours)
	is, err := checkThenFind(c, iid, st.issue)
	if err != nil {
		return nil, err
	}
	l := &LabourRecord{ID: st.newID(kindLabour), IssueID: is.ID, Labour: hours, RecordTime: when, Remarks: remarks, CreateBy: c.me, CreateTime: c.ms()}
	st.labour[l.ID] = l
	return labourAdded{Success: true, ID: l.ID}, nil
}

// updateLabour serves PATCH /issue/labour-record/update.
func (st *store) updateLabour(c *call) (any, error) {
	id := c.reqInt("id")
	hours, hasHours := c.optNumber("labour")
	when, hasWhen := c.optInt("recordTime")
	remarks, hasRemarks := c.optString("remarks")
	if hasHours {
		checkLabour(c, hours)
	}
	l, err := checkThenFind(c, id, st.labourRecord)
	if err != nil {
		return nil, err
	}
	if hasHours {
		l.Labour = hours
	}
	if hasWhen {
		l.RecordTime = when
	}
	if hasRemarks {
		l.Remarks = remarks
	}
	return done, nil
}

// removeLabour serves DELETE /issue/labour-record/delete.
func (st *store) removeLabour(c *call) (any, error) {
	l, err := resolve(c, "id", st.labourRecord)
	if err != nil {
		return nil, err
	}
	delete(st.labour, l.ID)
	return done, nil
}

// pageLabour serves POST /issue/labour-record/page, newest record first.
func (st *store) pageLabour(c *call) (any, error) {
	pid := c.reqInt("projectId")
	iid, byIssue := c.optInt("issueId")
	from, hasFrom := c.optInt("startDate")
	to, hasTo := c.optInt("endDate")
	who, byUser := c.optInt("createBy")
	pg := c.page()
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	records := filter(sorted(st.labour), func(l *LabourRecord) bool {
		is := st.issues[l.IssueID]
		return is.ProjectID == p.ID && is.DeleteTime == 0 &&
			(!byIssue || l.IssueID == iid) && (!byUser || l.CreateBy == who) &&
			(!hasFrom || l.RecordTime >= from) && (!hasTo || l.RecordTime <= to)
	})
	slices.SortFunc(records, func(a, b *LabourRecord) int {
		return -cmp.Or(cmp.Compare(a.RecordTime, b.RecordTime), cmp.Compare(a.ID, b.ID))
	})
	return paginate(records, pg, func(l *LabourRecord) labourRow {
		return labourRow{
			ID: l.ID, IssueID: l.IssueID, IssueNumber: st.issueNumber(st.issues[l.IssueID]), Labour: l.Labour,
			RecordTime: l.RecordTime, Remarks: l.Remarks, CreateBy: l.CreateBy, CreateByName: st.userName(l.CreateBy), CreateTime: l.CreateTime,
		}
	}), nil
}
