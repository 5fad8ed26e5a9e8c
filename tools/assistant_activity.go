package tools

import (
	"context"
	"errors"

	"github.com/mark3labs/mcp-go/mcp"
)

var errNotYet = errors.New("not implemented yet")

func handleCreateIssue(context.Context, *Deps, any) (*mcp.CallToolResult, error) {
	return nil, errNotYet
}
func handleUpdateIssue(context.Context, *Deps, any) (*mcp.CallToolResult, error) {
	return nil, errNotYet
}
func handleSearchIssues(context.Context, *Deps, any) (*mcp.CallToolResult, error) {
	return nil, errNotYet
}
func handleMyIssues(context.Context, *Deps, any) (*mcp.CallToolResult, error) { return nil, errNotYet }
func handleGetIssue(context.Context, *Deps, any) (*mcp.CallToolResult, error) { return nil, errNotYet }
func handleAddComment(context.Context, *Deps, any) (*mcp.CallToolResult, error) {
	return nil, errNotYet
}
func handleLogWork(context.Context, *Deps, any) (*mcp.CallToolResult, error) { return nil, errNotYet }
