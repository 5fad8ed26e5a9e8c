package tools

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// Workflow tools on issue activity: add_comment and log_work.

func handleAddComment(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.AddComment)
	r, is, err := issueOf(ctx, d, args.Issue)
	if err != nil {
		return nil, err
	}
	content := markdownHTML(args.Text)
	body := map[string]any{"commentModule": "issue", "linkId": is.ID, "content": content, "plainContent": htmlText(content)}
	if args.ReplyTo != 0 {
		body["commentId"] = args.ReplyTo
	}
	if args.DryRun {
		return assistantResult(d, map[string]any{"dry_run": true, "issue": is.Number, "would_send": wouldSend{"POST", "/comment/add", body}},
			"Dry run: no comment was added. Call again without dry_run to post it.")
	}
	m, _, err := send(ctx, d, leigaapi.Request{Method: "POST", Path: "/comment/add", Body: body})
	if err != nil {
		return nil, err
	}
	out := map[string]any{"id": m.id("id", "commentId"), "issue": is.Number, "url": r.issueLink(is)}
	if args.ReplyTo != 0 {
		out["reply_to"] = args.ReplyTo
	}
	return assistantResult(d, out)
}

func handleLogWork(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.LogWork)
	r, is, err := issueOf(ctx, d, args.Issue)
	if err != nil {
		return nil, err
	}
	day := cmp.Or(strings.TrimSpace(args.Date), "today")
	ms, err := DateMillis(day, r.Now(), r.Location())
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	remarks := cmp.Or(strings.TrimSpace(args.Remarks), "Work on "+is.Number)
	body := map[string]any{"issueId": is.ID, "labour": args.Hours, "recordTime": ms, "remarks": remarks}
	out := map[string]any{"issue": is.Number, "hours": args.Hours, "date": FormatDate(ms, r.Location()), "remarks": remarks}
	if args.DryRun {
		out["dry_run"], out["would_send"] = true, wouldSend{"POST", "/issue/labour-record/add", body}
		return assistantResult(d, out, "Dry run: no work was logged. Call again without dry_run to log it.")
	}
	m, _, err := send(ctx, d, leigaapi.Request{Method: "POST", Path: "/issue/labour-record/add", Body: body})
	if err != nil {
		return nil, err
	}
	if id := m.id("id"); id != 0 {
		out["id"] = id
	}
	return assistantResult(d, out)
}
