package sandbox

import "slices"

// relationRow is a row of /issue/relationship-list.
type relationRow struct {
	IssueID     int64  `json:"issueId"`
	IssueNumber string `json:"issueNumber"`
	Type        string `json:"type"`
	Summary     string `json:"summary"`
	ProjectID   int64  `json:"projectId"`
	StatusName  string `json:"statusName"`
	StatusType  int    `json:"statusType"`
}

// relationList serves GET /issue/relationship-list; relations to issues
// in the trash are hidden.
func (st *store) relationList(c *call) (any, error) {
	is, err := resolve(c, "id", st.issue)
	if err != nil {
		return nil, err
	}
	out := []relationRow{}
	for _, r := range is.Relations {
		other, err := st.issue(r.IssueID)
		if err != nil {
			continue
		}
		ws := st.projects[other.ProjectID].state(other.StatusID)
		out = append(out, relationRow{
			IssueID: other.ID, IssueNumber: st.issueNumber(other), Type: r.Type, Summary: other.Summary,
			ProjectID: other.ProjectID, StatusName: ws.Name, StatusType: ws.Category,
		})
	}
	return out, nil
}

// relationParams reads and resolves the parameters of the relation writes.
func (st *store) relationParams(c *call) (from, to *Issue, typ string, err error) {
	fid, tid, typ := c.reqInt("issueId"), c.reqInt("linkedIssueId"), c.reqString("type")
	if err := c.check(); err != nil {
		return nil, nil, "", err
	}
	if _, ok := relationInverse[typ]; !ok {
		return nil, nil, "", badRequest("type must be one of RELATES_TO, PARENT, CHILD, BLOCKS, IS_BLOCKS_BY, CAUSES, IS_CAUSED_BY, REPEAT, DUPLICATES, IS_DUPLICATES_BY")
	}
	if from, err = st.issue(fid); err != nil {
		return nil, nil, "", err
	}
	if to, err = st.issue(tid); err != nil {
		return nil, nil, "", err
	}
	if from == to {
		return nil, nil, "", badRequest("an issue cannot be related to itself")
	}
	return from, to, typ, nil
}

// addRelation serves POST /issue/add-relationship; the inverse relation is
// recorded on the linked issue. Adding an existing relation succeeds.
func (st *store) addRelation(c *call) (any, error) {
	from, to, typ, err := st.relationParams(c)
	if err != nil {
		return nil, err
	}
	if slices.Contains(from.Relations, Relation{Type: typ, IssueID: to.ID}) {
		return done, nil
	}
	from.link(typ, to.ID)
	to.link(relationInverse[typ], from.ID)
	from.touch(c)
	to.touch(c)
	return done, nil
}

// removeRelation serves POST /issue/remove-relationship, removing both
// sides. Removing a missing relation succeeds.
func (st *store) removeRelation(c *call) (any, error) {
	from, to, typ, err := st.relationParams(c)
	if err != nil {
		return nil, err
	}
	from.unlink(typ, to.ID)
	to.unlink(relationInverse[typ], from.ID)
	return done, nil
}
