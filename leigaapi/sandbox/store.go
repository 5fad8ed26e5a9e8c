package sandbox

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// store is the sandbox's mutable data. The Sandbox mutex guards it; every
// handler runs with it held.
type store struct {
	org      string
	me       int64 // Seed.CurrentUserID: the owner of ClientID and StaticToken
	users    map[int64]*User
	projects map[int64]*Project
	tags     map[int64]*Tag
	sprints  map[int64]*Sprint
	epics    map[int64]*Epic
	versions map[int64]*Version
	issues   map[int64]*Issue
	comments map[int64]*Comment
	labour   map[int64]*LabourRecord
	files    map[string]*File
	webhooks map[int64]*Webhook
	messages map[int64]*Message
	stateOf  map[int64]*Project // workflow state id -> project owning it
	next     [numKinds]int64    // last id handed out, per kind
	tokens   *tokenStore
}

// idKind names a sequence of ids.
type idKind int

// Id sequences.
const (
	kindProject idKind = iota
	kindWorkflow
	kindState
	kindTag
	kindSprint
	kindEpic
	kindVersion
	kindIssue
	kindComment
	kindLabour
	kindFile
	kindWebhook
	kindMessage
	numKinds
)

// idFloor is where each sequence starts when the seed has no higher id,
// so that ids of different kinds are easy to tell apart.
var idFloor = [numKinds]int64{
	kindProject: 100, kindWorkflow: 400, kindState: 40, kindTag: 500, kindSprint: 200,
	kindEpic: 300, kindVersion: 600, kindIssue: 10000, kindComment: 7000, kindLabour: 8000,
	kindFile: 9000, kindWebhook: 700, kindMessage: 800,
}

// newStore builds a store from a deep copy of seed, after checking it.
func newStore(seed *Seed) (*store, error) {
	s, err := seed.clone()
	if err != nil {
		return nil, err
	}
	st := &store{
		org:      s.Org,
		me:       s.CurrentUserID,
		users:    index(s.Users, func(u *User) int64 { return u.ID }),
		projects: index(s.Projects, func(p *Project) int64 { return p.ID }),
		tags:     index(s.Tags, func(t *Tag) int64 { return t.ID }),
		sprints:  index(s.Sprints, func(sp *Sprint) int64 { return sp.ID }),
		epics:    index(s.Epics, func(e *Epic) int64 { return e.ID }),
		versions: index(s.Versions, func(v *Version) int64 { return v.ID }),
		issues:   index(s.Issues, func(i *Issue) int64 { return i.ID }),
		comments: index(s.Comments, func(c *Comment) int64 { return c.ID }),
		labour:   index(s.LabourRecords, func(l *LabourRecord) int64 { return l.ID }),
		files:    index(s.Files, func(f *File) string { return f.Key }),
		webhooks: index(s.Webhooks, func(w *Webhook) int64 { return w.ID }),
		messages: index(s.Messages, func(m *Message) int64 { return m.ID }),
		stateOf:  map[int64]*Project{},
		tokens:   newTokenStore(),
	}
	for _, p := range s.Projects {
		for _, ws := range p.Workflow.States {
			st.stateOf[ws.ID] = p
		}
	}
	if err := checkSeed(s, st); err != nil {
		return nil, err
	}
	st.normalise(s)
	return st, nil
}

// index maps items by key.
func index[K comparable, V any](items []V, key func(V) K) map[K]V {
	m := make(map[K]V, len(items))
	for _, it := range items {
		m[key(it)] = it
	}
	return m
}

// normalise completes a checked seed: inverse relations, issue-number
// counters and id sequences.
func (st *store) normalise(s *Seed) {
	for _, is := range s.Issues {
		for _, r := range is.Relations {
			st.issues[r.IssueID].link(relationInverse[r.Type], is.ID)
		}
		if is.Custom == nil {
			is.Custom = map[string]int64{}
		}
		p := st.projects[is.ProjectID]
		p.NextIssueNumber = max(p.NextIssueNumber, is.Number+1)
	}
	for _, p := range s.Projects {
		p.NextIssueNumber = max(p.NextIssueNumber, 1)
	}
	st.next = idFloor
	bump := func(k idKind, id int64) { st.next[k] = max(st.next[k], id) }
	for _, p := range s.Projects {
		bump(kindProject, p.ID)
		bump(kindWorkflow, p.Workflow.ID)
		for _, ws := range p.Workflow.States {
			bump(kindState, ws.ID)
		}
	}
	bump(kindTag, maxKey(st.tags))
	bump(kindSprint, maxKey(st.sprints))
	bump(kindEpic, maxKey(st.epics))
	bump(kindVersion, maxKey(st.versions))
	bump(kindIssue, maxKey(st.issues))
	bump(kindComment, maxKey(st.comments))
	bump(kindLabour, maxKey(st.labour))
	for key := range st.files {
		if n, ok := strings.CutPrefix(key, filePrefix); ok {
			if id, err := strconv.ParseInt(n, 10, 64); err == nil {
				bump(kindFile, id)
			}
		}
	}
	bump(kindWebhook, maxKey(st.webhooks))
	bump(kindMessage, maxKey(st.messages))
}

// maxKey returns the highest id in m, 0 for an empty map.
func maxKey[V any](m map[int64]V) int64 {
	var top int64
	for id := range m {
		top = max(top, id)
	}
	return top
}

// newID returns the next id of kind k.
func (st *store) newID(k idKind) int64 {
	st.next[k]++
	return st.next[k]
}

// sorted returns the values of m ordered by key.
func sorted[K cmp.Ordered, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[k])
	}
	return out
}

// filter returns the elements of list that keep accepts.
func filter[V any](list []V, keep func(V) bool) []V {
	out := make([]V, 0, len(list))
	for _, v := range list {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

// mapList renders every element of list with view; never nil.
func mapList[V, R any](list []V, view func(V) R) []R {
	out := make([]R, 0, len(list))
	for _, v := range list {
		out = append(out, view(v))
	}
	return out
}

// find returns m[id] or a "kind id not found" error.
func find[V any](m map[int64]V, kind string, id int64) (V, error) {
	v, ok := m[id]
	if !ok {
		var zero V
		return zero, notFound(kind, id)
	}
	return v, nil
}

// Lookups of objects by id; unknown ids answer code "404".
func (st *store) project(id int64) (*Project, error) { return find(st.projects, "project", id) }
func (st *store) sprint(id int64) (*Sprint, error)   { return find(st.sprints, "sprint", id) }
func (st *store) epic(id int64) (*Epic, error)       { return find(st.epics, "epic", id) }
func (st *store) version(id int64) (*Version, error) { return find(st.versions, "version", id) }
func (st *store) tag(id int64) (*Tag, error)         { return find(st.tags, "tag", id) }
func (st *store) comment(id int64) (*Comment, error) { return find(st.comments, "comment", id) }
func (st *store) webhook(id int64) (*Webhook, error) { return find(st.webhooks, "webhook", id) }

// user returns an organisation member who has not been removed.
func (st *store) user(id int64) (*User, error) {
	u, ok := st.users[id]
	if !ok || u.Removed {
		return nil, notFound("user", id)
	}
	return u, nil
}

// issue returns an issue or subtask that is not in the trash.
func (st *store) issue(id int64) (*Issue, error) {
	is, ok := st.issues[id]
	if !ok || is.DeleteTime != 0 {
		return nil, notFound("issue", id)
	}
	return is, nil
}

// userName returns a user's display name, "" for none.
func (st *store) userName(id int64) string {
	if u, ok := st.users[id]; ok {
		return u.Name
	}
	return ""
}

// liveIssues returns the issues not in the trash that keep accepts, by id.
func (st *store) liveIssues(keep func(*Issue) bool) []*Issue {
	return filter(sorted(st.issues), func(is *Issue) bool { return is.DeleteTime == 0 && keep(is) })
}

// link adds a relation unless it exists.
func (is *Issue) link(typ string, other int64) {
	r := Relation{Type: typ, IssueID: other}
	if !slices.Contains(is.Relations, r) {
		is.Relations = append(is.Relations, r)
	}
}

// unlink removes a relation.
func (is *Issue) unlink(typ string, other int64) {
	is.Relations = slices.DeleteFunc(is.Relations, func(r Relation) bool { return r.Type == typ && r.IssueID == other })
}

// isMember reports whether user belongs to project p.
func (p *Project) isMember(user int64) bool {
	return slices.ContainsFunc(p.Members, func(m Member) bool { return m.UserID == user })
}

// state returns the workflow state id of p, or nil.
func (p *Project) state(id int64) *State {
	for i := range p.Workflow.States {
		if p.Workflow.States[i].ID == id {
			return &p.Workflow.States[i]
		}
	}
	return nil
}

// initialState is where new issues start: the first "not started" state.
func (p *Project) initialState() int64 {
	return p.firstState(categoryToDo)
}

// firstState returns the first state of a category, or the first state.
func (p *Project) firstState(category int) int64 {
	for _, ws := range p.Workflow.States {
		if ws.Category == category {
			return ws.ID
		}
	}
	return p.Workflow.States[0].ID
}

// resolve reads the required id parameter name and looks it up with find.
func resolve[V any](c *call, name string, find func(int64) (V, error)) (V, error) {
	return checkThenFind(c, c.reqInt(name), find)
}

// checkThenFind returns the call's first parameter error, else find(id).
// Handlers read all their parameters, then look up the first object with it.
func checkThenFind[K, V any](c *call, id K, find func(K) (V, error)) (V, error) {
	if err := c.check(); err != nil {
		var zero V
		return zero, err
	}
	return find(id)
}

// labourRecord returns a labour record.
func (st *store) labourRecord(id int64) (*LabourRecord, error) {
	return find(st.labour, "labour record", id)
}
