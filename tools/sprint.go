package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// sprintTools are the endpoints of the sprint module.
func sprintTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "sprint_add", Title: "Create sprint",
			Description: "Create a sprint in a project; get projectId from project_list.",
			Endpoint:    endpoints.SprintAdd, Effect: toolkit.Create,
		},
		{
			Name: "sprint_update", Title: "Update sprint",
			Description: "Change a sprint's name, dates, goal or owner; get id from sprint_list_with_count.",
			Endpoint:    endpoints.SprintUpdate, Effect: toolkit.Update,
		},
		{
			Name: "sprint_remove", Title: "Remove sprint",
			Description: "Delete a sprint; get sprintId from sprint_list_with_count.",
			Endpoint:    endpoints.SprintRemove, Effect: toolkit.Delete,
		},
		{
			Name: "sprint_get", Title: "Get sprint",
			Description: "Sprint detail by id: dates, status, goal, owner.",
			Endpoint:    endpoints.SprintGet, Effect: toolkit.Read,
		},
		{
			Name: "sprint_list_with_count", Title: "List project sprints",
			Description: "All sprints of a project with issue counts and story points (not paged).",
			Endpoint:    endpoints.SprintListWithCount, Effect: toolkit.Read,
		},
	}
}
