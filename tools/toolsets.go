package tools

import (
	"slices"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Modules lists every toolset in the order tools are listed. Each domain
// file contributes its table.
//
// A toolset is a job, not an implementation: like github-mcp-server's
// "issues", the issue toolset also includes the workflow tools that work
// on issues by name (create_issue, update_issue, search_issues, my_issues,
// get_issue, log_work), and the comment toolset includes add_comment.
// Without them --toolsets issue served only id-based endpoints, so a model
// had to look up numeric ids for every project, type, status and person.
// Their home stays the workflow toolset, which the default set includes.
var Modules = []toolkit.Module{
	{Name: "org", Description: "Organisation members: list, enable, disable, remove", Tools: orgTools},
	{Name: "user", Description: "Project members: list, add, remove", Tools: userTools},
	{Name: "project", Description: "Projects: list, detail, templates, roles", Tools: projectTools},
	{Name: "issue", Description: "Issues: create, read, update, search, relations, subtasks, work logs, trash", Tools: issueTools,
		Also: []string{"create_issue", "update_issue", "search_issues", "my_issues", "get_issue", "log_work"}},
	{Name: "workflow", Description: "Assistant workflows by name (create, find, update, comment, log work) and workflow statuses", Tools: workflowToolset},
	{Name: "sprint", Description: "Sprints: create, update, list with counts", Tools: sprintTools},
	{Name: "epic", Description: "Epics: create, update, list, link issues", Tools: epicTools},
	{Name: "version", Description: "Versions: create, release, archive, link issues", Tools: versionTools},
	{Name: "tag", Description: "Tags (labels): create, rename, list, remove", Tools: tagTools},
	{Name: "comment", Description: "Comments: add, reply, edit, list, reactions", Tools: commentTools, Also: []string{"add_comment"}},
	{Name: "file", Description: "Files: upload, attach, list, download, remove", Tools: fileTools},
	{Name: "webhook", Description: "Webhooks: event types, create, update, list, remove", Tools: webhookTools},
	{Name: "msg", Description: "Personal messages (notifications)", Tools: msgTools},
	{Name: toolkit.ToolsetCatalog, Description: "Search, describe and call any Leiga tool (for clients with small tool limits)", Tools: catalogTools},
}

// Defaults is the curated "default" set served when no toolset is chosen:
// the workflow tools that work by names, the catalog meta-tools that reach
// everything else, and the everyday reads. Small enough for clients that
// cap their tool count, and with one tool per job: get_issue reads an
// issue, so no endpoint getter sits beside it.
var Defaults = toolkit.Defaults{
	Toolsets: []string{"workflow", toolkit.ToolsetCatalog},
	Tools: []string{
		"project_list", "issue_type_list", "sprint_list_with_count",
		"version_all_version", "epic_page", "comment_page", "tag_list",
	},
}

// NewRegistry builds and checks every leiga-mcp tool.
func NewRegistry() (*toolkit.Registry, error) {
	return toolkit.NewRegistry(withDeleteSummaries(Modules), Defaults)
}

// MustRegistry is NewRegistry for tests and tables known to be valid.
func MustRegistry() *toolkit.Registry {
	r, err := NewRegistry()
	if err != nil {
		panic(err)
	}
	return r
}

// workflowToolset joins Leiga's workflow endpoints (statuses, transitions),
// the workflow tools that work by names, which need them, and the reports.
func workflowToolset() []toolkit.Tool {
	return slices.Concat(assistantTools(), reportTools(), workflowTools())
}
