package tools

import (
	"context"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// my_issues: the issues assigned to the current user.
func myIssuesTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "my_issues", Title: "My issues",
		Description: "Issues assigned to me (LEIGA_USER), open ones unless include_done; compact rows.",
		Effect:      toolkit.Read,
	}, handleMyIssues)
}

func handleMyIssues(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.MyIssues) (*mcp.CallToolResult, error) {
	q := &schemas.SearchIssues{Project: args.Project, Assignee: "me", IssueFilters: args.IssueFilters, ListPage: args.ListPage}
	if !args.IncludeDone && len(q.Status) == 0 {
		q.Status = []string{"open"}
	}
	return searchIssues(ctx, d, q)
}
