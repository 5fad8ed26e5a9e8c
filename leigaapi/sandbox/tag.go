package sandbox

import (
	"slices"
	"strings"
)

// maxTagName is the longest tag name, in bytes.
const maxTagName = 64

// checkTagName rejects an over-long name or one the project already has.
func (st *store) checkTagName(projectID, self int64, name string) error {
	if len(name) > maxTagName {
		return badRequest("tagName must be at most %d characters", maxTagName)
	}
	for _, t := range st.tags {
		if t.ID != self && t.ProjectID == projectID && strings.EqualFold(t.Name, name) {
			return conflict("tag %q already exists", name)
		}
	}
	return nil
}

// addTag serves POST /tag/add.
func (st *store) addTag(c *call) (any, error) {
	pid, name := c.reqInt("projectId"), c.reqString("tagName")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if err := st.checkTagName(p.ID, 0, name); err != nil {
		return nil, err
	}
	t := &Tag{ID: st.newID(kindTag), ProjectID: p.ID, Name: name}
	st.tags[t.ID] = t
	return tagView{ID: t.ID, TagName: t.Name}, nil
}

// updateTag serves PATCH /tag/update.
func (st *store) updateTag(c *call) (any, error) {
	id, name := c.reqInt("id"), c.reqString("tagName")
	t, err := checkThenFind(c, id, st.tag)
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	if err := st.checkTagName(t.ProjectID, t.ID, name); err != nil {
		return nil, err
	}
	t.Name = name
	return done, nil
}

// removeTag serves DELETE /tag/remove; the tag leaves every issue and epic.
func (st *store) removeTag(c *call) (any, error) {
	t, err := resolve(c, "id", st.tag)
	if err != nil {
		return nil, err
	}
	drop := func(ids []int64) []int64 { return slices.DeleteFunc(ids, func(v int64) bool { return v == t.ID }) }
	for _, is := range st.issues {
		is.Labels = drop(is.Labels)
	}
	for _, e := range st.epics {
		e.Labels = drop(e.Labels)
	}
	delete(st.tags, t.ID)
	return done, nil
}

// listTags serves POST /tag/list.
func (st *store) listTags(c *call) (any, error) {
	p, err := st.projectParam(c)
	if err != nil {
		return nil, err
	}
	mine := filter(sorted(st.tags), func(t *Tag) bool { return t.ProjectID == p.ID })
	return mapList(mine, func(t *Tag) tagView { return tagView{ID: t.ID, TagName: t.Name} }), nil
}
