package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// epicTools are the endpoints of the epic module.
func epicTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "epic_filter_options", Title: "Epic filter options",
			Description: "Status and owner ids for filtering epic_page.",
			Endpoint:    endpoints.EpicFilterOptions, Effect: toolkit.Read,
		},
		{
			Name: "epic_page", Title: "List epics",
			Description: "Page through a project's epics, filtered by keyword, owner or status.",
			Endpoint:    endpoints.EpicPage, Effect: toolkit.Read,
		},
		{
			Name: "epic_page_issue", Title: "List epic issues",
			Description: "Page through the issues linked to an epic; get id from epic_page.",
			Endpoint:    endpoints.EpicPageIssue, Effect: toolkit.Read,
		},
		{
			Name: "epic_epic_fields", Title: "List epic fields",
			Description: "A project's epic field codes, for the data of epic_add and epic_update.",
			Endpoint:    endpoints.EpicEpicFields, Effect: toolkit.Read,
		},
		{
			Name: "epic_epic_field_info", Title: "Get epic field detail",
			Description: "One epic field's detail and options (the values its data entry takes).",
			Endpoint:    endpoints.EpicEpicFieldInfo, Effect: toolkit.Read,
		},
		toolkit.WithCheck(toolkit.Tool{
			Name: "epic_add", Title: "Create epic",
			Description: "Create an epic in a project; data holds values by field code from epic_epic_fields.",
			Endpoint:    endpoints.EpicAdd, Effect: toolkit.Create,
		}, checkEpicAdd),
		toolkit.WithCheck(toolkit.Tool{
			Name: "epic_update", Title: "Update epic",
			Description: "Change an epic's fields by code (epic_epic_fields); get id from epic_page.",
			Endpoint:    endpoints.EpicUpdate, Effect: toolkit.Update,
		}, checkEpicUpdate),
		{
			Name: "epic_remove", Title: "Remove epic",
			Description: "Delete an epic; get id from epic_page.",
			Endpoint:    endpoints.EpicRemove, Effect: toolkit.Delete,
		},
		{
			Name: "epic_detail", Title: "Get epic",
			Description: "Epic detail by id, with its field values by code.",
			Endpoint:    endpoints.EpicDetail, Effect: toolkit.Read,
		},
		{
			Name: "epic_relation_issue", Title: "Add issues to epic",
			Description: "Link issues to an epic by issue id; get epicId from epic_page.",
			Endpoint:    endpoints.EpicRelationIssue, Effect: toolkit.Update,
		},
	}
}
