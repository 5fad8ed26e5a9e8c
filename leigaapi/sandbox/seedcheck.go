package sandbox

import (
	"errors"
	"fmt"
	"slices"
)

// checker collects seed problems.
type checker struct{ errs []error }

// expect records a problem unless ok.
func (ck *checker) expect(ok bool, format string, args ...any) {
	if !ok && len(ck.errs) < 20 {
		ck.errs = append(ck.errs, fmt.Errorf(format, args...))
	}
}

// unique records a problem for each key seen twice.
func unique[V any, K comparable](ck *checker, what string, items []V, key func(V) K) {
	seen := map[K]bool{}
	for _, it := range items {
		k := key(it)
		ck.expect(!seen[k], "duplicate %s %v", what, k)
		seen[k] = true
	}
}

// hasOption reports whether v is one of opts.
func hasOption(opts []option, v int64) bool {
	return slices.ContainsFunc(opts, func(o option) bool { return o.Value == v })
}

// checkSeed verifies that every reference in s resolves in st (the index
// of s) and that values are in range.
func checkSeed(s *Seed, st *store) error {
	ck := &checker{}
	u, ok := st.users[s.CurrentUserID]
	ck.expect(ok && !u.Disabled && !u.Removed, "currentUserId %d is not an active user", s.CurrentUserID)
	unique(ck, "user id", s.Users, func(u *User) int64 { return u.ID })
	unique(ck, "project id", s.Projects, func(p *Project) int64 { return p.ID })
	unique(ck, "project key", s.Projects, func(p *Project) string { return p.Key })
	unique(ck, "tag id", s.Tags, func(t *Tag) int64 { return t.ID })
	unique(ck, "sprint id", s.Sprints, func(sp *Sprint) int64 { return sp.ID })
	unique(ck, "epic id", s.Epics, func(e *Epic) int64 { return e.ID })
	unique(ck, "version id", s.Versions, func(v *Version) int64 { return v.ID })
	unique(ck, "version name", s.Versions, func(v *Version) string { return v.Name })
	unique(ck, "issue id", s.Issues, func(i *Issue) int64 { return i.ID })
	unique(ck, "issue number", s.Issues, func(i *Issue) string { return fmt.Sprint(i.ProjectID, "-", i.Number) })
	unique(ck, "comment id", s.Comments, func(c *Comment) int64 { return c.ID })
	unique(ck, "labour record id", s.LabourRecords, func(l *LabourRecord) int64 { return l.ID })
	unique(ck, "file key", s.Files, func(f *File) string { return f.Key })
	unique(ck, "webhook id", s.Webhooks, func(w *Webhook) int64 { return w.ID })
	unique(ck, "message id", s.Messages, func(m *Message) int64 { return m.ID })
	var states []State
	for _, p := range s.Projects {
		checkProject(ck, st, p)
		states = append(states, p.Workflow.States...)
	}
	unique(ck, "workflow state id", states, func(ws State) int64 { return ws.ID })
	for _, t := range s.Tags {
		ck.expect(st.projects[t.ProjectID] != nil, "tag %d: unknown project %d", t.ID, t.ProjectID)
	}
	for _, sp := range s.Sprints {
		ck.expect(st.projects[sp.ProjectID] != nil, "sprint %d: unknown project %d", sp.ID, sp.ProjectID)
		ck.expect(sp.Status >= SprintNotStarted && sp.Status <= SprintClosed, "sprint %d: status must be 1, 2 or 3", sp.ID)
		ck.expect(sp.AssigneeID == 0 || st.users[sp.AssigneeID] != nil, "sprint %d: unknown assignee %d", sp.ID, sp.AssigneeID)
	}
	for _, e := range s.Epics {
		checkEpic(ck, st, e)
	}
	for _, v := range s.Versions {
		ck.expect(slices.ContainsFunc(versionStatuses, func(vs versionStatus) bool { return vs.Status == v.Status }), "version %d: unknown status %q", v.ID, v.Status)
		ck.expect(v.OwnerID == 0 || st.users[v.OwnerID] != nil, "version %d: unknown owner %d", v.ID, v.OwnerID)
	}
	for _, is := range s.Issues {
		checkIssue(ck, st, is)
	}
	for _, c := range s.Comments {
		ck.expect(st.issues[c.IssueID] != nil, "comment %d: unknown issue %d", c.ID, c.IssueID)
		parent := st.comments[c.ParentID]
		ck.expect(c.ParentID == 0 || (parent != nil && parent.IssueID == c.IssueID && parent.ParentID == 0), "comment %d: parent %d must be a top-level comment of the same issue", c.ID, c.ParentID)
		ck.expect(st.users[c.CreateBy] != nil, "comment %d: unknown author %d", c.ID, c.CreateBy)
	}
	for _, l := range s.LabourRecords {
		ck.expect(st.issues[l.IssueID] != nil, "labour record %d: unknown issue %d", l.ID, l.IssueID)
		ck.expect(st.users[l.CreateBy] != nil, "labour record %d: unknown user %d", l.ID, l.CreateBy)
	}
	for _, f := range s.Files {
		ck.expect(f.Key != "" && f.Name != "", "file %q: key and name are required", f.Key)
		for _, l := range f.Links {
			ck.expect(st.linkTarget(l) == nil, "file %s: bad link %+v", f.Key, l)
		}
	}
	for _, w := range s.Webhooks {
		ck.expect(st.projects[w.ProjectID] != nil, "webhook %d: unknown project %d", w.ID, w.ProjectID)
		ck.expect(validWebhookType(w.Type), "webhook %d: unknown type %q", w.ID, w.Type)
		ck.expect(w.State == "enabled" || w.State == "disabled", "webhook %d: state must be enabled or disabled", w.ID)
		for _, id := range w.EventIDs {
			ck.expect(validWebhookEvent(id), "webhook %d: unknown event %d", w.ID, id)
		}
	}
	for _, m := range s.Messages {
		ck.expect(st.users[m.ReceiverID] != nil, "message %d: unknown receiver %d", m.ID, m.ReceiverID)
		ck.expect(m.TriggerID == 0 || st.users[m.TriggerID] != nil, "message %d: unknown trigger %d", m.ID, m.TriggerID)
		ck.expect(slices.Contains(msgCategories, m.Category), "message %d: unknown category %q", m.ID, m.Category)
	}
	return errors.Join(ck.errs...)
}

// checkProject checks a project's leader, members and workflow.
func checkProject(ck *checker, st *store, p *Project) {
	ck.expect(p.Key != "" && p.Name != "", "project %d: key and name are required", p.ID)
	ck.expect(st.users[p.LeaderID] != nil, "project %d: unknown leader %d", p.ID, p.LeaderID)
	ck.expect(p.isMember(p.LeaderID), "project %d: the leader must be a member", p.ID)
	ck.expect(hasOption(projectCategories, p.Category), "project %d: unknown category %d", p.ID, p.Category)
	ck.expect(slices.ContainsFunc(templates, func(t template) bool { return t.Code == p.TemplateCode }), "project %d: unknown template %q", p.ID, p.TemplateCode)
	for _, m := range p.Members {
		ck.expect(st.users[m.UserID] != nil, "project %d: unknown member %d", p.ID, m.UserID)
		for _, r := range m.RoleIDs {
			ck.expect(isProjectRole(r), "project %d: member %d has unknown project role %d", p.ID, m.UserID, r)
		}
	}
	ck.expect(len(p.Workflow.States) > 0, "project %d: the workflow needs states", p.ID)
	ck.expect(slices.ContainsFunc(p.Workflow.States, func(ws State) bool { return ws.Category == categoryToDo }), "project %d: the workflow needs a state of category 2", p.ID)
	for _, ws := range p.Workflow.States {
		ck.expect(ws.Category >= categoryToDo && ws.Category <= categoryDone, "state %d: category must be 2, 3 or 4", ws.ID)
		for _, n := range ws.Next {
			ck.expect(p.state(n) != nil, "state %d: next state %d is not in the workflow", ws.ID, n)
		}
	}
}

// checkEpic checks an epic's references.
func checkEpic(ck *checker, st *store, e *Epic) {
	p := st.projects[e.ProjectID]
	if p == nil {
		ck.expect(false, "epic %d: unknown project %d", e.ID, e.ProjectID)
		return
	}
	ck.expect(p.state(e.StatusID) != nil, "epic %d: status %d is not in the project workflow", e.ID, e.StatusID)
	ck.expect(e.PriorityID == 0 || hasOption(priorities, e.PriorityID), "epic %d: unknown priority %d", e.ID, e.PriorityID)
	ck.expect(e.OwnerID == 0 || st.users[e.OwnerID] != nil, "epic %d: unknown owner %d", e.ID, e.OwnerID)
	checkRefs(ck, st, p, fmt.Sprintf("epic %d", e.ID), e.Labels, e.Follows)
}

// checkRefs checks tag and follower ids.
func checkRefs(ck *checker, st *store, p *Project, what string, labels, follows []int64) {
	for _, id := range labels {
		t := st.tags[id]
		ck.expect(t != nil && t.ProjectID == p.ID, "%s: tag %d is not a tag of project %d", what, id, p.ID)
	}
	for _, id := range follows {
		ck.expect(st.users[id] != nil, "%s: unknown follower %d", what, id)
	}
}

// checkIssue checks an issue's references.
func checkIssue(ck *checker, st *store, is *Issue) {
	what := fmt.Sprintf("issue %d", is.ID)
	p := st.projects[is.ProjectID]
	if p == nil {
		ck.expect(false, "%s: unknown project %d", what, is.ProjectID)
		return
	}
	ck.expect(is.Number > 0, "%s: number must be positive", what)
	ck.expect(is.Summary != "", "%s: summary is required", what)
	parent := st.issues[is.ParentID]
	if is.ParentID != 0 {
		ck.expect(parent != nil && parent.ProjectID == is.ProjectID && parent.ParentID == 0, "%s: parent %d must be a top-level issue of the same project", what, is.ParentID)
		ck.expect(is.TypeID == typeSubtask, "%s: a subtask must have type %d", what, typeSubtask)
	} else {
		ck.expect(slices.ContainsFunc(issueTypes, func(t issueType) bool { return t.ID == is.TypeID }), "%s: unknown issue type %d", what, is.TypeID)
	}
	ck.expect(p.state(is.StatusID) != nil, "%s: status %d is not in the project workflow", what, is.StatusID)
	ck.expect(hasOption(priorities, is.PriorityID), "%s: unknown priority %d", what, is.PriorityID)
	ck.expect(is.AssigneeID == 0 || st.users[is.AssigneeID] != nil, "%s: unknown assignee %d", what, is.AssigneeID)
	ck.expect(is.OwnerID == 0 || st.users[is.OwnerID] != nil, "%s: unknown owner %d", what, is.OwnerID)
	ck.expect(st.users[is.CreateBy] != nil, "%s: unknown creator %d", what, is.CreateBy)
	checkRefs(ck, st, p, what, is.Labels, is.Follows)
	sp := st.sprints[is.SprintID]
	ck.expect(is.SprintID == 0 || (sp != nil && sp.ProjectID == p.ID), "%s: sprint %d is not a sprint of the project", what, is.SprintID)
	ep := st.epics[is.EpicID]
	ck.expect(is.EpicID == 0 || (ep != nil && ep.ProjectID == p.ID), "%s: epic %d is not an epic of the project", what, is.EpicID)
	ck.expect(is.VersionID == 0 || st.versions[is.VersionID] != nil, "%s: unknown version %d", what, is.VersionID)
	for code, v := range is.Custom {
		ck.expect(code == severityField && hasOption(severityOptions, v), "%s: bad custom value %s=%d", what, code, v)
	}
	for _, r := range is.Relations {
		_, known := relationInverse[r.Type]
		ck.expect(known, "%s: unknown relation type %q", what, r.Type)
		ck.expect(r.IssueID != is.ID && st.issues[r.IssueID] != nil, "%s: relation to unknown issue %d", what, r.IssueID)
	}
}

// isProjectRole reports whether id is a role /project/role-change accepts.
func isProjectRole(id int64) bool {
	return slices.ContainsFunc(roles, func(r role) bool { return r.ID == id && r.AuthType != 1 })
}
