package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// tagTools are the endpoints of the tag module.
func tagTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "tag_add", Title: "Create tag",
			Description: "Create a tag (label) in a project.",
			Endpoint:    endpoints.TagAdd, Effect: toolkit.Create,
		},
		{
			Name: "tag_update", Title: "Rename tag",
			Description: "Rename a tag; id from tag_list.",
			Endpoint:    endpoints.TagUpdate, Effect: toolkit.Update,
		},
		{
			Name: "tag_remove", Title: "Remove tag",
			Description: "Delete a tag; id from tag_list.",
			Endpoint:    endpoints.TagRemove, Effect: toolkit.Delete,
		},
		{
			Name: "tag_list", Title: "List tags",
			Description: "A project's tags; their ids are the values of the issue field label.",
			Endpoint:    endpoints.TagList, Effect: toolkit.Read,
		},
	}
}
