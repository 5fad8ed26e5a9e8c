package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// orgTools are the endpoints of the org module.
func orgTools() []Tool {
	return []Tool{
		{
			Name: "org_all_member_list", Title: "List organization users",
			Description: "Organization users, paged: user ids, names, emails, roles. key filters by name or email.",
			Endpoint:    get("/org/all-member-list"), Input: schemas.OrgAllMemberList{}, Effect: Read,
		},
		{
			Name: "org_enable_org_user", Title: "Enable organization user",
			Description: "Re-enable a disabled organization user; userId from org_all_member_list.",
			Endpoint:    post("/org/enable-org-user"), Input: schemas.OrgEnableOrgUser{}, Effect: Update,
		},
		{
			Name: "org_disable_org_user", Title: "Disable organization user",
			Description: "Disable an organization user; userId from org_all_member_list. Undo with org_enable_org_user.",
			Endpoint:    post("/org/disable-org-user"), Input: schemas.OrgDisableOrgUser{}, Effect: Delete,
		},
		{
			Name: "org_remove_org_user", Title: "Remove organization user",
			Description: "Remove a user from the organization; userId from org_all_member_list.",
			Endpoint:    del("/org/remove-org-user"), Input: schemas.OrgRemoveOrgUser{}, Effect: Delete,
		},
	}
}
