package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// epicTools are the endpoints of the epic module.
func epicTools() []Tool {
	return []Tool{
		{
			Name: "epic_filter_options", Title: "Epic filter options",
			Description: "Status and owner ids for filtering epic_page.",
			Endpoint:    get("/epic/filter-options"), Input: schemas.EpicFilterOptions{}, Effect: Read,
		},
		{
			Name: "epic_page", Title: "List epics",
			Description: "Page through a project's epics, filtered by keyword, owner or status.",
			Endpoint:    post("/epic/page"), Input: schemas.EpicPage{}, Effect: Read,
		},
		{
			Name: "epic_page_issue", Title: "List epic issues",
			Description: "Page through the issues linked to an epic; get id from epic_page.",
			Endpoint:    post("/epic/page-issue"), Input: schemas.EpicPageIssue{}, Effect: Read,
		},
		{
			Name: "epic_epic_fields", Title: "List epic fields",
			Description: "A project's epic field codes, for the data of epic_add and epic_update.",
			Endpoint:    get("/epic/epic-fields"), Input: schemas.EpicEpicFields{}, Effect: Read,
		},
		{
			Name: "epic_epic_field_info", Title: "Get epic field detail",
			Description: "One epic field's detail and options (the values its data entry takes).",
			Endpoint:    get("/epic/epic-field-info"), Input: schemas.EpicEpicFieldInfo{}, Effect: Read,
		},
		{
			Name: "epic_add", Title: "Create epic",
			Description: "Create an epic in a project; data holds values by field code from epic_epic_fields.",
			Endpoint:    post("/epic/add"), Input: schemas.EpicAdd{}, Effect: Create,
		},
		{
			Name: "epic_update", Title: "Update epic",
			Description: "Change an epic's fields by code (epic_epic_fields); get id from epic_page.",
			Endpoint:    post("/epic/update"), Input: schemas.EpicUpdate{}, Effect: Update,
		},
		{
			Name: "epic_remove", Title: "Remove epic",
			Description: "Delete an epic; get id from epic_page.",
			Endpoint:    post("/epic/remove"), Input: schemas.EpicRemove{}, Effect: Delete,
		},
		{
			Name: "epic_detail", Title: "Get epic",
			Description: "Epic detail by id, with its field values by code.",
			Endpoint:    get("/epic/detail"), Input: schemas.EpicDetail{}, Effect: Read,
		},
		{
			Name: "epic_relation_issue", Title: "Add issues to epic",
			Description: "Link issues to an epic by issue id; get epicId from epic_page.",
			Endpoint:    post("/epic/relation-issue"), Input: schemas.EpicRelationIssue{}, Effect: Update,
		},
	}
}
