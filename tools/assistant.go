package tools

import (
	"context"
	"encoding/json"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// assistantTools are the workflow tools that work by names instead of ids:
// they resolve project keys, issue numbers, statuses, priorities, members
// ("me"), tags, sprints, epics, versions and dates (resolve.go, dates.go)
// and call several endpoints. Every write takes dry_run.
func assistantTools() []Tool {
	return []Tool{
		{
			Name: "create_issue", Title: "Create issue",
			Description: "Create an issue by names (project, type, assignee or me, labels, sprint, dates like friday); returns similar open issues instead unless check_duplicates=false.",
			Input:       schemas.CreateIssue{}, Effect: Create, Handler: handleCreateIssue,
		},
		{
			Name: "update_issue", Title: "Update issue",
			Description: "Change an issue by number: status (allowed transitions only), title, fields by name; \"none\" clears a field, labels replace.",
			Input:       schemas.UpdateIssue{}, Effect: Update, Handler: handleUpdateIssue,
		},
		{
			Name: "search_issues", Title: "Search issues",
			Description: "Find issues by title words, project (default all), status or todo/in_progress/done/open, assignee or me, labels, sprint, date ranges. Compact rows.",
			Input:       schemas.SearchIssues{}, Effect: Read, Handler: handleSearchIssues,
		},
		{
			Name: "my_issues", Title: "My issues",
			Description: "Issues assigned to me (LEIGA_USER), open ones unless include_done; compact rows.",
			Input:       schemas.MyIssues{}, Effect: Read, Handler: handleMyIssues,
		},
		{
			Name: "get_issue", Title: "Get issue",
			Description: "One issue by number (ABC-123) or id, compact, optionally with comments and subtasks.",
			Input:       schemas.GetIssue{}, Effect: Read, Handler: handleGetIssue,
		},
		{
			Name: "add_comment", Title: "Add comment",
			Description: "Comment on an issue by number, in Markdown; reply_to answers a comment.",
			Input:       schemas.AddComment{}, Effect: Create, Handler: handleAddComment,
		},
		{
			Name: "log_work", Title: "Log work",
			Description: "Log hours spent on an issue by number, on a date (default today).",
			Input:       schemas.LogWork{}, Effect: Create, Handler: handleLogWork,
		},
	}
}

// wouldSend is what a dry run reports instead of sending a write.
type wouldSend struct {
	Method string `json:"method"`
	Path   string `json:"path"`
	Body   any    `json:"body"`
}

// send performs a write (or a read sent as POST) and decodes its data.
func send(ctx context.Context, d *Deps, req leigaapi.Request) (jmap, any, error) {
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	v, err := decodeData(resp.Data)
	if err != nil {
		return nil, nil, err
	}
	return asMap(v), v, nil
}

// issueOf resolves the issue a workflow tool acts on (a number like ABC-123
// or an id) and returns the resolver it used.
func issueOf(ctx context.Context, d *Deps, q string) (*Resolver, *IssueInfo, error) {
	r, err := resolverOf(d)
	if err != nil {
		return nil, nil, err
	}
	is, err := r.Issue(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	return r, is, nil
}

// assistantResult shapes a workflow tool's answer (an object) like every
// other result: cleaned structured content, rendered text, notes.
func assistantResult(d *Deps, v any, notes ...string) (*mcp.CallToolResult, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	doc, err := decodeData(b)
	if err != nil {
		return nil, err
	}
	return shapeResult(d, structure(cleanText(doc)), len(b), notes), nil
}
