package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// userTools are the endpoints of the user module.
func userTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "user_project_user_list", Title: "List project members",
			Description: "All members of a project: user ids, names, roles; projectId from project_list.",
			Endpoint:    endpoints.UserProjectUserList, Effect: toolkit.Read,
		},
		{
			Name: "user_project_user_page", Title: "Page project members",
			Description: "Members of a project, paged, for very large projects; projectId from project_list. Prefer user_project_user_list: all at once.",
			Endpoint:    endpoints.UserProjectUserPage, Effect: toolkit.Read,
		},
		{
			Name: "user_add_members", Title: "Add project members",
			Description: "Add organization users to a project; userIds from org_all_member_list.",
			Endpoint:    endpoints.UserAddMembers, Effect: toolkit.Create,
		},
		{
			Name: "user_remove_members", Title: "Remove project members",
			Description: "Remove members from a project; userIds from user_project_user_list.",
			Endpoint:    endpoints.UserRemoveMembers, Effect: toolkit.Delete,
		},
	}
}
