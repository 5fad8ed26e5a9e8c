package tools

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
	"golang.org/x/sync/errgroup"
)

// get_issue: one issue, compact, optionally with comments and subtasks.

// issueDetail is the compact view of one issue.
type issueDetail struct {
	ID          int64         `json:"id"`
	Number      string        `json:"number"`
	URL         string        `json:"url,omitempty"`
	Title       string        `json:"title"`
	Type        string        `json:"type,omitempty"`
	Status      string        `json:"status,omitempty"`
	Priority    string        `json:"priority,omitempty"`
	Assignee    string        `json:"assignee,omitempty"`
	Owner       string        `json:"owner,omitempty"`
	Labels      []string      `json:"labels,omitempty"`
	Sprint      string        `json:"sprint,omitempty"`
	Epic        string        `json:"epic,omitempty"`
	Version     string        `json:"version,omitempty"`
	Start       string        `json:"start,omitempty"`
	Due         string        `json:"due,omitempty"`
	Points      *float64      `json:"points,omitempty"`
	LoggedHours float64       `json:"logged_hours,omitempty"`
	ParentID    int64         `json:"parent_id,omitempty"`
	Created     string        `json:"created,omitempty"`
	Updated     string        `json:"updated,omitempty"`
	Description string        `json:"description,omitempty"`
	Subtasks    []compactTask `json:"subtasks,omitempty"`
	Comments    []commentView `json:"comments,omitempty"`
}

// field returns the current value of an update_issue field, for changes.
func (v issueDetail) field(name string) any {
	switch name {
	case "title":
		return v.Title
	case "status":
		return v.Status
	case "priority":
		return v.Priority
	case "assignee":
		return v.Assignee
	case "labels":
		return v.Labels
	case "sprint":
		return v.Sprint
	case "epic":
		return v.Epic
	case "version":
		return v.Version
	case "due":
		return v.Due
	case "start":
		return v.Start
	case "description":
		return fmt.Sprintf("%d characters", len([]rune(v.Description)))
	}
	return nil
}

// maxDescription caps the description text of get_issue, in runes.
const maxDescription = 4000

// issueView reads an issue detail: the list-row fields Leiga puts at the
// top level, else the data map's *VO expansions.
func issueView(is *IssueInfo, loc *time.Location) issueDetail {
	m := is.Detail
	data := m.obj("data")
	name := func(top, code string) string {
		return cmp.Or(m.str(top), data.obj(code+"VO").str("name"), m.obj(code).str("name"))
	}
	dateOf := func(code string) string { return FormatDate(cmp.Or(m.id(code), data.id(code)), loc) }
	when := func(code string) string { return formatDateTime(m.id(code), loc) }
	v := issueDetail{
		ID: is.ID, Number: is.Number, URL: is.URL, Title: is.Summary,
		Type:     cmp.Or(is.TypeName, data.obj("issueTypeIdVO").str("name")),
		Status:   is.StatusName,
		Priority: name("priorityName", "priority"),
		Assignee: name("assigneeName", "assignee"),
		Owner:    name("ownerName", "owner"),
		Sprint:   name("sprintName", "sprint"),
		Epic:     name("epicName", "epic"),
		Version:  name("releaseVersionName", "releaseVersion"),
		Start:    dateOf("startDate"),
		Due:      dateOf("dueDate"),
		Created:  when("createTime"),
		Updated:  when("updateTime"),
	}
	for _, t := range asList(m["tags"]) {
		v.Labels = append(v.Labels, asMap(t).str("tagName", "name"))
	}
	if v.Labels == nil {
		for _, t := range asList(data["labelVO"]) {
			v.Labels = append(v.Labels, asMap(t).str("name", "tagName"))
		}
	}
	if pts, ok := m.num("estimatePoint"); ok {
		v.Points = &pts
	} else if pts, ok := data.num("estimatePoint"); ok {
		v.Points = &pts
	}
	v.LoggedHours, _ = m.num("actualLabour")
	v.ParentID = m.id("parentId")
	desc := htmlText(cmp.Or(m.str("description"), data.str("description")))
	if r := []rune(desc); len(r) > maxDescription {
		desc = string(r[:maxDescription]) + fmt.Sprintf("… [%d more characters]", len(r)-maxDescription)
	}
	v.Description = desc
	return v
}

// compactTask is a subtask in get_issue.
type compactTask struct {
	Number   string `json:"number"`
	Title    string `json:"title"`
	Status   string `json:"status,omitempty"`
	Assignee string `json:"assignee,omitempty"`
}

// commentView is a comment in get_issue.
type commentView struct {
	ID      int64         `json:"id"`
	Author  string        `json:"author,omitempty"`
	Date    string        `json:"date,omitempty"`
	Text    string        `json:"text"`
	Replies []commentView `json:"replies,omitempty"`
}

// Limits of get_issue's comments.
const (
	maxComments    = 20
	maxCommentText = 1000
)

func handleGetIssue(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.GetIssue)
	r, is, err := issueOf(ctx, d, args.Issue)
	if err != nil {
		return nil, err
	}
	v := issueView(is, r.Location())
	v.URL = r.issueLink(is)
	var notes []string
	g, gctx := errgroup.WithContext(ctx)
	if args.IncludeSubtasks {
		g.Go(func() error {
			_, raw, err := send(gctx, d, leigaapi.Request{Method: "POST", Path: "/issue/list-subtask", Body: map[string]any{"id": is.ID}, Idempotent: true})
			if err != nil {
				return fmt.Errorf("subtasks: %w", err)
			}
			v.Subtasks = []compactTask{}
			for _, row := range asList(raw) {
				s := asMap(row)
				status := cmp.Or(s.str("statusName"), s.obj("statusVO").str("name"))
				if status == "" && s["done"] != nil {
					status = map[bool]string{true: "done", false: "not done"}[s.flag("done")]
				}
				v.Subtasks = append(v.Subtasks, compactTask{Number: s.str("issueNumber"), Title: s.str("summary"), Status: status, Assignee: s.str("assigneeName")})
			}
			return nil
		})
	}
	var commentNote string
	if args.IncludeComments {
		g.Go(func() error {
			body := map[string]any{"commentModule": "issue", "linkId": is.ID, "pageNumber": 1, "pageSize": maxComments}
			m, _, err := send(gctx, d, leigaapi.Request{Method: "POST", Path: "/comment/page", Body: body, Idempotent: true})
			if err != nil {
				return fmt.Errorf("comments: %w", err)
			}
			v.Comments = []commentView{}
			for _, row := range asList(m) {
				v.Comments = append(v.Comments, readComment(asMap(row), r.Location()))
			}
			if total, ok := toInt64(m["total"]); ok && int(total) > len(v.Comments) {
				commentNote = fmt.Sprintf("Showing %d of %d comment threads; comment_page pages through the rest (linkId %d).", len(v.Comments), total, is.ID)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if commentNote != "" {
		notes = append(notes, commentNote)
	}
	return assistantResult(d, v, notes...)
}

// readComment reads a /comment/page row and its replies.
func readComment(c jmap, loc *time.Location) commentView {
	text := c.str("plainContent")
	if text == "" {
		text = htmlText(c.str("content"))
	}
	if r := []rune(text); len(r) > maxCommentText {
		text = string(r[:maxCommentText]) + "…"
	}
	v := commentView{
		ID:     c.id("commentId", "id"),
		Author: cmp.Or(c.obj("commentUser").str("userName", "name"), c.str("createByName", "userName")),
		Text:   text,
	}
	v.Date = formatDateTime(c.id("createTime"), loc)
	for _, rep := range asList(c["subReplies"]) {
		v.Replies = append(v.Replies, readComment(asMap(rep), loc))
	}
	return v
}
