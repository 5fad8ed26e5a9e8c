package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// userTools are the endpoints of the user module.
func userTools() []Tool {
	return []Tool{
		{
			Name: "user_project_user_list", Title: "List project members",
			Description: "All members of a project: user ids, names, roles; projectId from project_list.",
			Endpoint:    get("/user/project-user-list"), Input: schemas.UserProjectUserList{}, Effect: Read,
		},
		{
			Name: "user_project_user_page", Title: "Page project members",
			Description: "Members of a project, paged; projectId from project_list.",
			Endpoint:    get("/user/project-user-page"), Input: schemas.UserProjectUserPage{}, Effect: Read,
		},
		{
			Name: "user_add_members", Title: "Add project members",
			Description: "Add organization users to a project; userIds from org_all_member_list.",
			Endpoint:    post("/user/add-members"), Input: schemas.UserAddMembers{}, Effect: Create,
		},
		{
			Name: "user_remove_members", Title: "Remove project members",
			Description: "Remove members from a project; userIds from user_project_user_list.",
			Endpoint:    del("/user/remove-members"), Input: schemas.UserRemoveMembers{}, Effect: Delete,
		},
	}
}
