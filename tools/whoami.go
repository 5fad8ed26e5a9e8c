package tools

import (
	"context"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// whoami: who "me" is, and how the server found out.
func whoAmITool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "whoami", Title: "Who am I",
		Description: "The Leiga user \"me\" stands for in assignee and my_issues, and how it was determined.",
		Effect:      toolkit.Read,
	}, handleWhoAmI)
}

// identityView is the answer of whoami.
type identityView struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email,omitempty"`
	Source string `json:"determined_by"`
}

func handleWhoAmI(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, _ *schemas.WhoAmI) (*mcp.CallToolResult, error) {
	id, err := d.Resolver.WhoAmI(ctx)
	if err != nil {
		return nil, err
	}
	return toolkit.Result(ctx, d, identityView{ID: id.User.ID, Name: id.User.Name, Email: id.Email, Source: id.Source})
}
