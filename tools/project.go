package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// projectTools are the endpoints of the project module.
func projectTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "project_project_template", Title: "List project templates",
			Description: "Project templates; a template's code is the templateCode of project_add.",
			Endpoint:    endpoints.ProjectProjectTemplate, Effect: toolkit.Read,
		},
		{
			Name: "project_list", Title: "List projects",
			Description: "All projects you can see: id, key, name. Start here to find a projectId.",
			Endpoint:    endpoints.ProjectList, Effect: toolkit.Read,
		},
		{
			Name: "project_project_overview_scheme", Title: "Get project overview fields",
			Description: "A project's overview fields; their fieldCodes are the data keys of project_update.",
			Endpoint:    endpoints.ProjectProjectOverviewScheme, Effect: toolkit.Read,
		},
		{
			Name: "project_add", Title: "Create project",
			Description: "Create a project; templateCode from project_project_template, leaderId from org_all_member_list.",
			Endpoint:    endpoints.ProjectAdd, Effect: toolkit.Create,
		},
		{
			Name: "project_update", Title: "Update project",
			Description: "Change a project's overview fields, keyed by fieldCode from project_project_overview_scheme.",
			Endpoint:    endpoints.ProjectUpdate, Effect: toolkit.Update,
		},
		{
			Name: "project_get_by_project_key", Title: "Get project by key",
			Description: "Project detail by its key (e.g. MOBILE).",
			Endpoint:    endpoints.ProjectGetByProjectKey, Effect: toolkit.Read,
		},
		{
			Name: "project_get", Title: "Get project",
			Description: "Project detail by numeric id.",
			Endpoint:    endpoints.ProjectGet, Effect: toolkit.Read,
		},
		{
			Name: "project_role_change", Title: "Change member roles",
			Description: "Replace a project member's roles; role ids from project_role_type, userId from user_project_user_list.",
			Endpoint:    endpoints.ProjectRoleChange, Effect: toolkit.Update,
		},
		{
			Name: "project_role_type", Title: "List project roles",
			Description: "Roles that can be given to project members: id, code, name.",
			Endpoint:    endpoints.ProjectRoleType, Effect: toolkit.Read,
		},
	}
}
