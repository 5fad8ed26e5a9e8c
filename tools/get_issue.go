package tools

import (
	"context"
	"fmt"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"golang.org/x/sync/errgroup"
)

// get_issue: one issue, compact, optionally with comments and subtasks.
func getIssueTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "get_issue", Title: "Get issue",
		Description: "One issue by number (ABC-123) or id, compact, optionally with comments and subtasks.",
		Effect:      toolkit.Read,
	}, handleGetIssue)
}

// maxComments caps the comment threads get_issue shows.
const maxComments = 20

func handleGetIssue(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.GetIssue) (*mcp.CallToolResult, error) {
	r := d.Resolver
	is, err := r.Issue(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	v := issueView(is, r.Location())
	v.URL = r.IssueLink(is)
	var notes []string
	g, gctx := errgroup.WithContext(ctx)
	if is.ParentID != 0 {
		g.Go(func() error {
			if parent, err := r.Issue(gctx, fmt.Sprint(is.ParentID)); err == nil {
				v.Parent = parent.Number
			}
			return nil
		})
	}
	if args.IncludeSubtasks {
		g.Go(func() error {
			page, err := endpoints.Call(gctx, d.API, endpoints.IssueListSubtask, schemas.IssueListSubtask{ID: is.ID})
			if err != nil {
				return fmt.Errorf("subtasks: %w", err)
			}
			v.Subtasks = []compactTask{}
			for _, s := range page.Rows {
				status := s.StatusName
				if status == "" && s.HasDone {
					status = map[bool]string{true: "done", false: "not done"}[s.Done]
				}
				v.Subtasks = append(v.Subtasks, compactTask{Number: s.Number, Title: s.Summary, Status: status, Assignee: s.AssigneeName})
			}
			return nil
		})
	}
	var commentNote string
	if args.IncludeComments {
		g.Go(func() error {
			in := schemas.CommentPage{CommentModule: "issue", LinkID: is.ID, Paging: schemas.Paging{PageNumber: 1, PageSize: maxComments}}
			page, err := endpoints.Call(gctx, d.API, endpoints.CommentPage, in)
			if err != nil {
				return fmt.Errorf("comments: %w", err)
			}
			v.Comments = []commentView{}
			for _, c := range page.Rows {
				v.Comments = append(v.Comments, readComment(c, r.Location()))
			}
			if page.HasTotal && int(page.Total) > len(v.Comments) {
				commentNote = fmt.Sprintf("Showing %d of %d comment threads; comment_page pages through the rest (linkId %d).", len(v.Comments), page.Total, is.ID)
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
	return toolkit.Result(ctx, d, v, notes...)
}
