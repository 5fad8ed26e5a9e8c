package tools

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// log_work: hours spent on an issue by number, on a day.
func logWorkTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "log_work", Title: "Log work",
		Description: "Log hours spent on an issue by number (2, 1.5, 90m, 1h30m), on a date (default today).",
		Effect:      toolkit.Create,
	}, handleLogWork)
}

func handleLogWork(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.LogWork) (*mcp.CallToolResult, error) {
	r := d.Resolver
	is, err := r.IssueRef(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	day := cmp.Or(strings.TrimSpace(args.Date), "today")
	ms, err := resolve.DateMillis(day, r.Now(), r.Location())
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	remarks := cmp.Or(strings.TrimSpace(args.Remarks), "Work on "+is.Number)
	in := schemas.IssueLabourRecordAdd{IssueID: is.ID, Labour: args.Hours, RecordTime: schemas.Millis(ms), Remarks: remarks}
	out := map[string]any{"issue": is.Number, "hours": args.Hours, "date": resolve.FormatDate(ms, r.Location()), "remarks": remarks}
	if args.DryRun {
		sent, err := endpoints.IssueLabourRecordAdd.Preview(in)
		if err != nil {
			return nil, err
		}
		out["dry_run"], out["would_send"] = true, sent
		return toolkit.Result(ctx, d, out, "Dry run: no work was logged. Call again without dry_run to log it.")
	}
	made, err := endpoints.Call(ctx, d.API, endpoints.IssueLabourRecordAdd, in)
	if err != nil {
		return nil, err
	}
	if made.ID != 0 {
		out["id"] = made.ID
	}
	return toolkit.Result(ctx, d, out)
}
