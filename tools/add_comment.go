package tools

import (
	"context"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/richtext"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// add_comment: a comment on an issue by number, written in Markdown.
func addCommentTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "add_comment", Title: "Add comment",
		Description: "Comment on an issue by number, in Markdown; reply_to answers a comment.",
		Effect:      toolkit.Create,
	}, handleAddComment)
}

func handleAddComment(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.AddComment) (*mcp.CallToolResult, error) {
	r := d.Resolver
	is, err := r.IssueRef(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	content := richtext.MarkdownToHTML(args.Text)
	in := schemas.CommentAdd{CommentModule: "issue", LinkID: is.ID, Content: content, PlainContent: richtext.HTMLToText(content), CommentID: args.ReplyTo}
	if args.DryRun {
		sent, err := endpoints.CommentAdd.Preview(in)
		if err != nil {
			return nil, err
		}
		return toolkit.Result(ctx, d, map[string]any{"dry_run": true, "issue": is.Number, "would_send": sent},
			"Dry run: no comment was added. Call again without dry_run to post it.")
	}
	made, err := endpoints.Call(ctx, d.API, endpoints.CommentAdd, in)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"id": made.ID, "issue": is.Number, "url": r.IssueLink(is)}
	if args.ReplyTo != 0 {
		out["reply_to"] = args.ReplyTo
	}
	return toolkit.Result(ctx, d, out)
}
