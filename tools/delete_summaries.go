package tools

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"golang.org/x/sync/errgroup"
)

// The one-line questions a user confirms before a delete runs (see
// toolkit.Confirmer): what will go, by name, with what goes along with
// it — `Delete WEB-14 "Login button broken on Safari" and its 3
// subtasks?`. Each reads Leiga only when the question is asked. The other
// Delete tools are asked with toolkit.GenericSummary.

// deleteSummaries words the common deletes, by tool name.
var deleteSummaries = map[string]func(toolkit.Tool) toolkit.Tool{
	"issue_remove":         confirmWith(summarizeIssueRemove),
	"issue_batch_remove":   confirmWith(summarizeIssueBatchRemove),
	"comment_remove":       confirmWith(summarizeCommentRemove),
	"tag_remove":           confirmWith(summarizeTagRemove),
	"sprint_remove":        confirmWith(summarizeSprintRemove),
	"version_remove":       confirmWith(summarizeVersionRemove),
	"epic_remove":          confirmWith(summarizeEpicRemove),
	"webhook_delete":       confirmWith(summarizeWebhookDelete),
	"file_remove":          confirmWith(summarizeFileRemove),
	"org_remove_org_user":  confirmWith(summarizeOrgRemoveUser),
	"org_disable_org_user": confirmWith(summarizeOrgDisableUser),
	"user_remove_members":  confirmWith(summarizeUserRemoveMembers),
}

// confirmWith attaches a summary to a tool.
func confirmWith[T any](summary func(context.Context, *toolkit.Deps, *T) (string, error)) func(toolkit.Tool) toolkit.Tool {
	return func(t toolkit.Tool) toolkit.Tool { return toolkit.WithConfirm(t, summary) }
}

// withDeleteSummaries returns modules whose delete tools carry their
// summaries.
func withDeleteSummaries(modules []toolkit.Module) []toolkit.Module {
	out := make([]toolkit.Module, len(modules))
	for i, m := range modules {
		list := m.Tools
		m.Tools = func() []toolkit.Tool {
			tools := list()
			for j, t := range tools {
				if attach, ok := deleteSummaries[t.Name]; ok {
					tools[j] = attach(t)
				}
			}
			return tools
		}
		out[i] = m
	}
	return out
}

// quoted is a title for a question: cut as in bulk results (shortTitle),
// and quoted so that its text reads as data.
func quoted(s string) string {
	return fmt.Sprintf("%q", shortTitle(strings.TrimSpace(s)))
}

// pageTotal reads the total of a list answer.
func pageTotal(raw json.RawMessage) int64 {
	var p endpoints.Page[json.RawMessage]
	if json.Unmarshal(raw, &p) != nil {
		return 0
	}
	if p.HasTotal {
		return p.Total
	}
	return int64(len(p.Rows))
}

// issueAndSubtasks reads an issue and counts its subtasks.
func issueAndSubtasks(ctx context.Context, d *toolkit.Deps, id int64) (*endpoints.Issue, int64, error) {
	var is *endpoints.Issue
	var subs endpoints.Page[endpoints.Subtask]
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		is, err = d.Resolver.Issue(gctx, fmt.Sprint(id))
		return err
	})
	g.Go(func() (err error) {
		subs, err = endpoints.Call(gctx, d.API, endpoints.IssueListSubtask, schemas.IssueListSubtask{ID: id})
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	n := subs.Total
	if !subs.HasTotal {
		n = int64(len(subs.Rows))
	}
	return is, n, nil
}

func summarizeIssueRemove(ctx context.Context, d *toolkit.Deps, in *schemas.IssueRemove) (string, error) {
	is, subs, err := issueAndSubtasks(ctx, d, in.ID)
	if err != nil {
		return "", err
	}
	if subs > 0 {
		return fmt.Sprintf("Delete %s %s and its %s?", is.Number, quoted(is.Summary), reportCount(subs, "subtask")), nil
	}
	return fmt.Sprintf("Delete %s %s?", is.Number, quoted(is.Summary)), nil
}

// maxNamed is how many issues a batch question names.
const maxNamed = 3

func summarizeIssueBatchRemove(ctx context.Context, d *toolkit.Deps, in *schemas.IssueBatchRemove) (string, error) {
	issues := make([]*endpoints.Issue, len(in.IssueIDs))
	subs := make([]int64, len(in.IssueIDs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fanOut)
	for i, id := range in.IssueIDs {
		g.Go(func() (err error) {
			issues[i], subs[i], err = issueAndSubtasks(gctx, d, id)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return "", err
	}
	var named []string
	var total int64
	for i, is := range issues {
		total += subs[i]
		if i < maxNamed {
			named = append(named, is.Number+" "+quoted(is.Summary))
		}
	}
	list := strings.Join(named, ", ")
	if n := len(issues) - maxNamed; n > 0 {
		list += fmt.Sprintf(" and %d more", n)
	}
	line := fmt.Sprintf("Delete %s: %s", reportCount(len(issues), "issue"), list)
	if total > 0 {
		line += fmt.Sprintf(", with %s", reportCount(total, "subtask"))
	}
	return line + "?", nil
}

func summarizeCommentRemove(_ context.Context, _ *toolkit.Deps, in *schemas.CommentRemove) (string, error) {
	// Leiga reads comments only by issue: the id is all there is to show.
	return fmt.Sprintf("Delete comment %d?", in.ID), nil
}

func summarizeTagRemove(ctx context.Context, d *toolkit.Deps, in *schemas.TagRemove) (string, error) {
	projects, err := d.Resolver.Projects(ctx)
	if err != nil {
		return "", err
	}
	for _, p := range projects {
		tags, err := d.Resolver.Tags(ctx, p.ID)
		if err != nil {
			return "", err
		}
		for _, t := range tags {
			if t.ID != in.ID {
				continue
			}
			page, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, schemas.IssuePage{ProjectID: p.ID, SelectFields: map[string][]int64{"label": {t.ID}}, Paging: schemas.Paging{PageNumber: 1, PageSize: 1}})
			if err != nil {
				return "", err
			}
			return fmt.Sprintf("Delete tag %s of %s (on %s)?", quoted(t.Name), p.ProjectKey, reportCount(page.Total, "issue")), nil
		}
	}
	return fmt.Sprintf("Delete tag %d?", in.ID), nil
}

func summarizeSprintRemove(ctx context.Context, d *toolkit.Deps, in *schemas.SprintRemove) (string, error) {
	s, err := endpoints.Call(ctx, d.API, endpoints.SprintGet, schemas.SprintGet{ID: in.SprintID})
	if err != nil {
		return "", err
	}
	p := d.Resolver.ProjectByID(ctx, s.ProjectID)
	page, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, schemas.IssuePage{ProjectID: s.ProjectID, SelectFields: map[string][]int64{"sprint": {s.ID}}, Paging: schemas.Paging{PageNumber: 1, PageSize: 1}})
	if err != nil {
		return "", err
	}
	state := resolve.SprintStateOf(s.Status)
	if state != "" {
		state += ", "
	}
	return fmt.Sprintf("Delete sprint %s of %s (%sholding %s)?", quoted(s.Name), projectWord(p), state, reportCount(page.Total, "issue")), nil
}

func summarizeVersionRemove(ctx context.Context, d *toolkit.Deps, in *schemas.VersionRemove) (string, error) {
	v, err := endpoints.Call(ctx, d.API, endpoints.VersionDetail, schemas.VersionDetail{ID: in.ID})
	if err != nil {
		return "", err
	}
	raw, err := endpoints.Call(ctx, d.API, endpoints.VersionPageAssociate, schemas.VersionPageAssociate{ReleaseID: in.ID, Paging: schemas.Paging{PageNumber: 1, PageSize: 1}})
	if err != nil {
		return "", err
	}
	status := strings.ToLower(v.Status)
	if status != "" {
		status += ", "
	}
	return fmt.Sprintf("Delete version %s (%slinked to %s)?", quoted(v.Name), status, reportCount(pageTotal(raw), "issue")), nil
}

func summarizeEpicRemove(ctx context.Context, d *toolkit.Deps, in *schemas.EpicRemove) (string, error) {
	raw, err := endpoints.Call(ctx, d.API, endpoints.EpicDetail, schemas.EpicDetail{ID: in.ID})
	if err != nil {
		return "", err
	}
	var e struct {
		ProjectID endpoints.Int
		Summary   endpoints.Text
		Data      struct{ Summary endpoints.Text }
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		return "", fmt.Errorf("%s: %w", endpoints.EpicDetail, err)
	}
	title := string(e.Summary)
	if title == "" {
		title = string(e.Data.Summary)
	}
	issues, err := endpoints.Call(ctx, d.API, endpoints.EpicPageIssue, schemas.EpicPageIssue{ProjectID: int64(e.ProjectID), ID: in.ID, Paging: schemas.Paging{PageNumber: 1, PageSize: 1}})
	if err != nil {
		return "", err
	}
	p := d.Resolver.ProjectByID(ctx, int64(e.ProjectID))
	return fmt.Sprintf("Delete epic %s of %s (%s linked)?", quoted(title), projectWord(p), reportCount(pageTotal(issues), "issue")), nil
}

func summarizeWebhookDelete(ctx context.Context, d *toolkit.Deps, in *schemas.WebhookDelete) (string, error) {
	raw, err := endpoints.Call(ctx, d.API, endpoints.WebhookGet, schemas.WebhookGet{WebhookID: in.WebhookID})
	if err != nil {
		return "", err
	}
	var w struct {
		ProjectID endpoints.Int
		Name, URL endpoints.Text
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		return "", fmt.Errorf("%s: %w", endpoints.WebhookGet, err)
	}
	p := d.Resolver.ProjectByID(ctx, int64(w.ProjectID))
	return fmt.Sprintf("Delete webhook %s of %s, which posts to %s?", quoted(string(w.Name)), projectWord(p), quoted(string(w.URL))), nil
}

func summarizeFileRemove(_ context.Context, _ *toolkit.Deps, in *schemas.FileRemove) (string, error) {
	// Leiga lists files only by what they are attached to: the key is all there is.
	return fmt.Sprintf("Delete file %s?", quoted(in.FileKey)), nil
}

// orgMember names a member of the organisation by id: "Carol Nguyen
// <carol@acme.example>", or the id when no member has it.
func orgMember(ctx context.Context, d *toolkit.Deps, id int64) (string, error) {
	members, err := d.Resolver.OrgMembers(ctx)
	if err != nil {
		return "", err
	}
	for _, m := range members {
		if m.ID == id {
			if len(m.Aliases) > 0 && m.Aliases[0] != "" {
				return fmt.Sprintf("%s <%s>", m.Name, m.Aliases[0]), nil
			}
			return m.Name, nil
		}
	}
	return fmt.Sprintf("user %d", id), nil
}

func summarizeOrgRemoveUser(ctx context.Context, d *toolkit.Deps, in *schemas.OrgRemoveOrgUser) (string, error) {
	who, err := orgMember(ctx, d, in.UserID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Remove %s from the organisation?", who), nil
}

func summarizeOrgDisableUser(ctx context.Context, d *toolkit.Deps, in *schemas.OrgDisableOrgUser) (string, error) {
	who, err := orgMember(ctx, d, in.UserID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("Disable the account of %s?", who), nil
}

func summarizeUserRemoveMembers(ctx context.Context, d *toolkit.Deps, in *schemas.UserRemoveMembers) (string, error) {
	names := make([]string, 0, len(in.UserIDs))
	for _, id := range in.UserIDs {
		who, err := orgMember(ctx, d, id)
		if err != nil {
			return "", err
		}
		names = append(names, who)
	}
	p := d.Resolver.ProjectByID(ctx, in.ProjectID)
	return fmt.Sprintf("Remove %s from project %s?", strings.Join(names, ", "), projectWord(p)), nil
}

// projectWord names a project by key, else by id.
func projectWord(p resolve.Ref) string {
	if p.ProjectKey != "" {
		return p.ProjectKey
	}
	return fmt.Sprintf("project %d", p.ID)
}
