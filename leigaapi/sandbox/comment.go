package sandbox

import (
	"cmp"
	"slices"
	"strings"
)

// commentModule is the only module comments attach to.
const commentModule = "issue"

// commentUser is the author of a comment.
type commentUser struct {
	UserID       int64  `json:"userId"`
	UserName     string `json:"userName"`
	HeadPortrait string `json:"headPortrait"`
}

// stickerView is a reaction on a comment.
type stickerView struct {
	StickerCode string  `json:"stickerCode"`
	StickerDesc string  `json:"stickerDesc"`
	Count       int     `json:"count"`
	UserIDs     []int64 `json:"userIds"`
}

// commentRow is a comment in /comment/page, replies nested.
type commentRow struct {
	CommentID     int64         `json:"commentId"`
	ParentID      nullInt       `json:"parentId"`
	Content       string        `json:"content"`
	PlainContent  string        `json:"plainContent"`
	CreateTime    int64         `json:"createTime"`
	UpdateTime    int64         `json:"updateTime"`
	DeleteFlag    int           `json:"deleteFlag"`
	CommentUser   commentUser   `json:"commentUser"`
	Mentions      []idName      `json:"mentions"`
	SubReplies    []commentRow  `json:"subReplies"`
	Files         []fileView    `json:"files"`
	StickerVOList []stickerView `json:"stickerVOList"`
}

// commentPage is the answer of /comment/page.
type commentPage struct {
	Total  int          `json:"total"`
	Extend commentCount `json:"extend"`
	List   []commentRow `json:"list"`
}

// commentCount counts comments and replies.
type commentCount struct {
	TotalCommentNo int `json:"totalCommentNo"`
}

// atInfo is one mention in commentAttributes.commentAtInfos.
type atInfo struct {
	UserID        int64  `json:"userId"`
	UserName      string `json:"userName"`
	StartPosition int    `json:"startPosition"`
	EndPosition   int    `json:"endPosition"`
}

// commentAttributes is the commentAttributes parameter.
type commentAttributes struct {
	CommentAtInfos []atInfo `json:"commentAtInfos"`
}

// commentTarget reads commentModule and linkId and resolves the issue.
func (st *store) commentTarget(c *call) (*Issue, error) {
	module, id := c.reqString("commentModule"), c.reqInt("linkId")
	if err := c.check(); err != nil {
		return nil, err
	}
	if module != commentModule {
		return nil, badRequest("commentModule must be %q", commentModule)
	}
	return st.issue(id)
}

// commentRow renders a comment and its replies.
func (st *store) commentRow(cm *Comment) commentRow {
	r := commentRow{
		CommentID: cm.ID, ParentID: nullInt(cm.ParentID), Content: cm.Content, PlainContent: cm.PlainContent,
		CreateTime: cm.CreateTime, UpdateTime: cm.UpdateTime,
		CommentUser:   commentUser{UserID: cm.CreateBy, UserName: st.userName(cm.CreateBy), HeadPortrait: avatarURL(cm.CreateBy)},
		Mentions:      mapList(cm.Mentions, func(id int64) idName { return idName{ID: id, Name: st.userName(id)} }),
		SubReplies:    mapList(st.replies(cm.ID), st.commentRow),
		Files:         mapList(st.linkedFiles(FileLink{Module: commentModule, Entity: "comment", ID: cm.ID}), st.fileView),
		StickerVOList: []stickerView{},
	}
	for _, s := range stickers {
		if users := cm.Stickers[s.StickerCode]; len(users) > 0 {
			r.StickerVOList = append(r.StickerVOList, stickerView{s.StickerCode, s.StickerDesc, len(users), users})
		}
	}
	return r
}

// replies returns the replies to a comment, oldest first.
func (st *store) replies(parent int64) []*Comment {
	return filter(sorted(st.comments), func(cm *Comment) bool { return cm.ParentID == parent })
}

// addComment serves POST /comment/add. commentId makes the comment a
// reply (to the top-level comment of a thread); mentioned users get an
// "at" message.
func (st *store) addComment(c *call) (any, error) {
	content := c.reqString("content")
	plain, _ := c.optString("plainContent")
	parentID, isReply := c.optInt("commentId")
	attrs, _ := param[commentAttributes](c, "commentAttributes", false)
	is, err := st.commentTarget(c)
	if err != nil {
		return nil, err
	}
	cm := &Comment{IssueID: is.ID, Content: content, PlainContent: plain, CreateBy: c.me, CreateTime: c.ms(), UpdateTime: c.ms()}
	if isReply {
		parent, err := st.comment(parentID)
		if err != nil {
			return nil, err
		}
		if parent.IssueID != is.ID {
			return nil, badRequest("comment %d belongs to another issue", parentID)
		}
		cm.ParentID = cmp.Or(parent.ParentID, parent.ID)
	}
	for _, at := range attrs.CommentAtInfos {
		if _, err := st.user(at.UserID); err != nil {
			return nil, err
		}
		if !slices.Contains(cm.Mentions, at.UserID) {
			cm.Mentions = append(cm.Mentions, at.UserID)
		}
	}
	if cm.PlainContent == "" {
		cm.PlainContent = stripTags(content)
	}
	cm.ID = st.newID(kindComment)
	st.comments[cm.ID] = cm
	for _, uid := range cm.Mentions {
		st.notify(c, uid, "comment", "at", st.issueNumber(is)+" "+is.Summary, cm.PlainContent)
	}
	return created{ID: cm.ID}, nil
}

// stripTags turns rich text into plain text.
func stripTags(s string) string {
	var b strings.Builder
	inTag := false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// updateComment serves PATCH /comment/update.
func (st *store) updateComment(c *call) (any, error) {
	id, content := c.reqInt("commentId"), c.reqString("content")
	plain, hasPlain := c.optString("plainContent")
	cm, err := checkThenFind(c, id, st.comment)
	if err != nil {
		return nil, err
	}
	cm.Content, cm.UpdateTime = content, c.ms()
	cm.PlainContent = stripTags(content)
	if hasPlain {
		cm.PlainContent = plain
	}
	return done, nil
}

// removeComment serves DELETE /comment/remove, with its replies.
func (st *store) removeComment(c *call) (any, error) {
	cm, err := resolve(c, "id", st.comment)
	if err != nil {
		return nil, err
	}
	for _, r := range st.replies(cm.ID) {
		delete(st.comments, r.ID)
	}
	delete(st.comments, cm.ID)
	return done, nil
}

// pageComments serves POST /comment/page: top-level comments oldest first,
// replies nested; extend.totalCommentNo counts replies too.
func (st *store) pageComments(c *call) (any, error) {
	pg := c.page()
	is, err := st.commentTarget(c)
	if err != nil {
		return nil, err
	}
	all := filter(sorted(st.comments), func(cm *Comment) bool { return cm.IssueID == is.ID })
	top := filter(all, func(cm *Comment) bool { return cm.ParentID == 0 })
	p := paginate(top, pg, st.commentRow)
	return commentPage{Total: p.Total, Extend: commentCount{TotalCommentNo: len(all)}, List: p.List}, nil
}

// setSticker serves PATCH /comment/update-sticker-status: deleteFlag 0
// adds the calling user's reaction, 1 removes it.
func (st *store) setSticker(c *call) (any, error) {
	id, code, flag, iid := c.reqInt("linkId"), c.reqString("stickerCode"), c.reqInt("deleteFlag"), c.reqInt("issueId")
	if flag != 0 && flag != 1 {
		c.fail("deleteFlag must be 0 or 1")
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(stickers, func(s sticker) bool { return s.StickerCode == code }) {
		return nil, notFound("sticker", code)
	}
	if _, err := st.issue(iid); err != nil {
		return nil, err
	}
	cm, err := st.comment(id)
	if err != nil {
		return nil, err
	}
	if cm.IssueID != iid {
		return nil, badRequest("comment %d does not belong to issue %d", id, iid)
	}
	users := slices.DeleteFunc(cm.Stickers[code], func(u int64) bool { return u == c.me })
	if flag == 0 {
		users = append(users, c.me)
	}
	if cm.Stickers == nil {
		cm.Stickers = map[string][]int64{}
	}
	cm.Stickers[code] = users
	if len(users) == 0 {
		delete(cm.Stickers, code)
	}
	return done, nil
}

// stickerList serves POST /comment/list-sticker.
func (st *store) stickerList(*call) (any, error) { return stickers, nil }
