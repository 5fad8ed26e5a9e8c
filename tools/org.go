package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// orgTools are the endpoints of the org module.
func orgTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "org_all_member_list", Title: "List organization users",
			Description: "Organization users, paged: user ids, names, emails, roles. key filters by name or email.",
			Endpoint:    endpoints.OrgAllMemberList, Effect: toolkit.Read,
		},
		{
			Name: "org_enable_org_user", Title: "Enable organization user",
			Description: "Re-enable a disabled organization user; userId from org_all_member_list.",
			Endpoint:    endpoints.OrgEnableOrgUser, Effect: toolkit.Update,
		},
		{
			Name: "org_disable_org_user", Title: "Disable organization user",
			Description: "Disable an organization user; userId from org_all_member_list. Undo with org_enable_org_user.",
			Endpoint:    endpoints.OrgDisableOrgUser, Effect: toolkit.Delete,
		},
		{
			Name: "org_remove_org_user", Title: "Remove organization user",
			Description: "Remove a user from the organization; userId from org_all_member_list.",
			Endpoint:    endpoints.OrgRemoveOrgUser, Effect: toolkit.Delete,
		},
	}
}
