package schemas

// Inputs of the workflow (assistant) tools. Unlike the endpoint tools they
// take names instead of ids (project key or name, ABC-123, status,
// priority, member name or "me", tag names, ...) and dates as words
// ("friday", "in 3 days", "+2w", YYYY-MM-DD), resolved server-side. Field
// names are snake_case; descriptions are kept short to save context.

// Default and maximum page sizes of the workflow lists.
const (
	DefaultListPageSize = 20
	MaxListPageSize     = 100
)

// ListPage is the paging of the workflow lists.
type ListPage struct {
	Page     int `json:"page,omitempty" jsonschema:"minimum=1" jsonschema_description:"From 1"`
	PageSize int `json:"page_size,omitempty" jsonschema:"minimum=1,maximum=100" jsonschema_description:"Default 20"`
}

// ApplyDefaults fills in page 1 and the default page size.
func (p *ListPage) ApplyDefaults() {
	if p.Page == 0 {
		p.Page = 1
	}
	if p.PageSize == 0 {
		p.PageSize = DefaultListPageSize
	}
}

// IssueFieldsByName are the issue fields set by name.
type IssueFieldsByName struct {
	Description string   `json:"description,omitempty" jsonschema_description:"Markdown"`
	Priority    string   `json:"priority,omitempty"`
	Assignee    string   `json:"assignee,omitempty" jsonschema_description:"Member name, email or me"`
	Labels      []string `json:"labels,omitempty" jsonschema_description:"Tag names"`
	Sprint      string   `json:"sprint,omitempty"`
	Epic        string   `json:"epic,omitempty" jsonschema_description:"Epic title"`
	Version     string   `json:"version,omitempty"`
	Due         string   `json:"due,omitempty" jsonschema_description:"Date: YYYY-MM-DD, today, friday, next friday, in 3 days, +2w, end of month"`
	Start       string   `json:"start,omitempty" jsonschema_description:"Date, as due"`
	Points      *float64 `json:"points,omitempty" jsonschema:"minimum=0" jsonschema_description:"Story points"`
	// Fields sets other fields by their display name, options by name:
	// {"Severity": "Major", "Estimate": "4h"}.
	Fields map[string]any `json:"fields,omitempty" jsonschema_description:"Other fields by display name, options by name, e.g. {\"Severity\": \"Major\"}"`
}

// CreateIssue is the input of create_issue.
type CreateIssue struct {
	Project string `json:"project" jsonschema:"required,minLength=1" jsonschema_description:"Project key, name or id"`
	Title   string `json:"title" jsonschema:"required,minLength=1"`
	Type    string `json:"type,omitempty" jsonschema_description:"Issue type (default Task)"`
	IssueFieldsByName
	CheckDuplicates *bool `json:"check_duplicates,omitempty" jsonschema_description:"Return similar open issues instead of creating (default true)"`
	DryRun          bool  `json:"dry_run,omitempty" jsonschema_description:"Preview; change nothing"`
}

// UpdateIssue is the input of update_issue.
type UpdateIssue struct {
	Issue  string `json:"issue" jsonschema:"required,minLength=1" jsonschema_description:"Issue number (ABC-123) or id"`
	Title  string `json:"title,omitempty"`
	Status string `json:"status,omitempty" jsonschema_description:"Status name"`
	IssueFieldsByName
	DryRun bool `json:"dry_run,omitempty" jsonschema_description:"Preview; change nothing"`
}

// IssueFilters are the filters search_issues and my_issues share. Every
// name is resolved in each searched project; one that matches nothing
// anywhere is an error listing the valid names.
type IssueFilters struct {
	Type     []string `json:"type,omitempty" jsonschema_description:"Issue type names, e.g. Bug"`
	Status   []string `json:"status,omitempty" jsonschema_description:"Status names, or todo, in_progress, done, open"`
	Priority []string `json:"priority,omitempty"`
	Labels   []string `json:"labels,omitempty" jsonschema_description:"Tag names (any)"`
	Sprint   string   `json:"sprint,omitempty" jsonschema_description:"Sprint name, current, next, previous, or none (backlog)"`
	Epic     string   `json:"epic,omitempty" jsonschema_description:"Epic title, or none"`
	Version  string   `json:"version,omitempty" jsonschema_description:"Version name, or none"`
	Created  string   `json:"created,omitempty" jsonschema_description:"Date range FROM..TO, a side optional: 2026-01-01..today"`
	Updated  string   `json:"updated,omitempty" jsonschema_description:"Date range, e.g. yesterday..today"`
	Due      string   `json:"due,omitempty" jsonschema_description:"Date range, e.g. ..yesterday (overdue)"`
	Sort     string   `json:"sort,omitempty" jsonschema:"enum=relevance,enum=priority,enum=updated,enum=created,enum=due" jsonschema_description:"Default relevance with text, else updated"`
}

// SearchIssues is the input of search_issues.
type SearchIssues struct {
	Text     string `json:"text,omitempty" jsonschema_description:"Words in the title or description, any order"`
	Project  string `json:"project,omitempty" jsonschema_description:"Project key or name (default all)"`
	Assignee string `json:"assignee,omitempty" jsonschema_description:"Member name, email, me, or none (unassigned)"`
	IssueFilters
	ListPage
}

// MyIssues is the input of my_issues.
type MyIssues struct {
	Project     string `json:"project,omitempty" jsonschema_description:"Project key or name (default all)"`
	IncludeDone bool   `json:"include_done,omitempty" jsonschema_description:"Also done issues (ignored when status is given)"`
	IssueFilters
	ListPage
}

// WhoAmI is the input of whoami (no arguments).
type WhoAmI struct{}

// GetSprint is the input of get_sprint.
type GetSprint struct {
	Project string `json:"project" jsonschema:"required,minLength=1" jsonschema_description:"Project key or name"`
	Sprint  string `json:"sprint,omitempty" jsonschema_description:"Sprint name, current (default), next or previous"`
	ListPage
}

// GetIssue is the input of get_issue.
type GetIssue struct {
	Issue           string `json:"issue" jsonschema:"required,minLength=1" jsonschema_description:"Issue number (ABC-123) or id"`
	IncludeComments bool   `json:"include_comments,omitempty"`
	IncludeSubtasks bool   `json:"include_subtasks,omitempty"`
}

// AddComment is the input of add_comment.
type AddComment struct {
	Issue   string `json:"issue" jsonschema:"required,minLength=1" jsonschema_description:"Issue number (ABC-123) or id"`
	Text    string `json:"text" jsonschema:"required,minLength=1" jsonschema_description:"Markdown"`
	ReplyTo int64  `json:"reply_to,omitempty" jsonschema:"minimum=1" jsonschema_description:"Comment id to reply to"`
	DryRun  bool   `json:"dry_run,omitempty" jsonschema_description:"Preview; change nothing"`
}

// LogWork is the input of log_work.
type LogWork struct {
	Issue   string  `json:"issue" jsonschema:"required,minLength=1" jsonschema_description:"Issue number (ABC-123) or id"`
	Hours   float64 `json:"hours" jsonschema:"required,exclusiveMinimum=0,maximum=24"`
	Date    string  `json:"date,omitempty" jsonschema_description:"Day worked (default today)"`
	Remarks string  `json:"remarks,omitempty" jsonschema_description:"What was done"`
	DryRun  bool    `json:"dry_run,omitempty" jsonschema_description:"Preview; change nothing"`
}
