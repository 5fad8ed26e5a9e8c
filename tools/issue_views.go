package tools

import (
	"cmp"
	"fmt"
	"strconv"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/richtext"
)

// How the workflow tools show issues: a compact row in lists, a compact
// detail for one issue. Both read endpoints.Issue, the one decoder of the
// issue shape.

// compactIssue is an issue in lists: what a person scans for.
type compactIssue struct {
	Number   string `json:"number"`
	Title    string `json:"title"`
	Type     string `json:"type,omitempty"`
	Status   string `json:"status,omitempty"`
	Assignee string `json:"assignee,omitempty"`
	Priority string `json:"priority,omitempty"`
	Due      string `json:"due,omitempty"`

	updated int64
	created int64
	dueMs   int64
	prio    int64
	id      int64
}

// compactRow reads an issue list row.
func compactRow(is endpoints.Issue, projectKey string, loc *time.Location) compactIssue {
	c := compactIssue{
		Number: is.Number, Title: is.Summary, Type: is.TypeName, Status: is.StatusName, Assignee: is.AssigneeName,
		Priority: is.PriorityName, Due: resolve.FormatDate(is.DueDate, loc),
		updated: cmp.Or(is.UpdateTime, is.CreateTime), created: is.CreateTime, dueMs: is.DueDate, prio: is.PriorityID, id: is.ID,
	}
	if c.Number == "" {
		c.Number = "#" + strconv.FormatInt(is.ID, 10)
		if projectKey != "" {
			c.Number += " (" + projectKey + ")"
		}
	}
	return c
}

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
	Parent      string        `json:"parent,omitempty"`
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
	case "points":
		if v.Points != nil {
			return *v.Points
		}
		return nil
	case "description":
		return fmt.Sprintf("%d characters", len([]rune(v.Description)))
	}
	return nil
}

// maxDescription caps the description text of get_issue, in runes.
const maxDescription = 4000

// issueView is the compact detail of an issue.
func issueView(is *endpoints.Issue, loc *time.Location) issueDetail {
	v := issueDetail{
		ID: is.ID, Number: is.Number, URL: is.URL, Title: is.Summary, Type: is.TypeName, Status: is.StatusName,
		Priority: is.PriorityName, Assignee: is.AssigneeName, Owner: is.OwnerName, Sprint: is.SprintName,
		Epic: is.EpicName, Version: is.VersionName,
		Start:   resolve.FormatDate(is.StartDate, loc),
		Due:     resolve.FormatDate(is.DueDate, loc),
		Created: resolve.FormatDateTime(is.CreateTime, loc),
		Updated: resolve.FormatDateTime(is.UpdateTime, loc),
	}
	for _, t := range is.Tags {
		v.Labels = append(v.Labels, t.Name)
	}
	if is.Points.Set {
		pts := is.Points.Value
		v.Points = &pts
	}
	v.LoggedHours = is.LoggedHours.Value
	desc := richtext.HTMLToText(is.Description)
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

// maxCommentText caps the text of one comment in get_issue, in runes.
const maxCommentText = 1000

// readComment is the view of a comment and its replies.
func readComment(c endpoints.Comment, loc *time.Location) commentView {
	text := c.Plain
	if text == "" {
		text = richtext.HTMLToText(c.HTML)
	}
	if r := []rune(text); len(r) > maxCommentText {
		text = string(r[:maxCommentText]) + "…"
	}
	v := commentView{ID: c.ID, Author: c.Author, Text: text, Date: resolve.FormatDateTime(c.CreateTime, loc)}
	for _, rep := range c.Replies {
		v.Replies = append(v.Replies, readComment(rep, loc))
	}
	return v
}
