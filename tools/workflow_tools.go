package tools

import "github.com/leiga-mcp/leiga-mcp/tools/toolkit"

// assistantTools are the workflow tools that work by names instead of ids:
// they resolve project keys, issue numbers, statuses, priorities, members
// ("me"), tags, sprints, epics, versions and dates (package resolve) and
// call several endpoints. Every write takes dry_run. Each is defined with
// its handler in its own file.
func assistantTools() []toolkit.Tool {
	return []toolkit.Tool{
		createIssueTool(),
		updateIssueTool(),
		bulkUpdateIssuesTool(),
		searchIssuesTool(),
		myIssuesTool(),
		getIssueTool(),
		addCommentTool(),
		logWorkTool(),
		getSprintTool(),
		whoAmITool(),
	}
}
