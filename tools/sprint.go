package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// sprintTools are the endpoints of the sprint module.
func sprintTools() []Tool {
	return []Tool{
		{
			Name: "sprint_add", Title: "Create sprint",
			Description: "Create a sprint in a project; get projectId from project_list.",
			Endpoint:    post("/sprint/add"), Input: schemas.SprintAdd{}, Effect: Create,
		},
		{
			Name: "sprint_update", Title: "Update sprint",
			Description: "Change a sprint's name, dates, goal or owner; get id from sprint_list_with_count.",
			Endpoint:    patch("/sprint/update"), Input: schemas.SprintUpdate{}, Effect: Update,
		},
		{
			Name: "sprint_remove", Title: "Remove sprint",
			Description: "Delete a sprint; get sprintId from sprint_list_with_count.",
			Endpoint:    post("/sprint/remove"), Input: schemas.SprintRemove{}, Effect: Delete,
		},
		{
			Name: "sprint_get", Title: "Get sprint",
			Description: "Sprint detail by id: dates, status, goal, owner.",
			Endpoint:    get("/sprint/get"), Input: schemas.SprintGet{}, Effect: Read,
		},
		{
			Name: "sprint_list_with_count", Title: "List project sprints",
			Description: "All sprints of a project with issue counts and story points (not paged).",
			Endpoint:    post("/sprint/list-with-count"), Input: schemas.SprintListWithCount{}, Effect: Read,
		},
	}
}
