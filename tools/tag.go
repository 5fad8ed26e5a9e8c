package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// tagTools are the endpoints of the tag module.
func tagTools() []Tool {
	return []Tool{
		{
			Name: "tag_add", Title: "Create tag",
			Description: "Create a tag (label) in a project.",
			Endpoint:    post("/tag/add"), Input: schemas.TagAdd{}, Effect: Create,
		},
		{
			Name: "tag_update", Title: "Rename tag",
			Description: "Rename a tag; id from tag_list.",
			Endpoint:    patch("/tag/update"), Input: schemas.TagUpdate{}, Effect: Update,
		},
		{
			Name: "tag_remove", Title: "Remove tag",
			Description: "Delete a tag; id from tag_list.",
			Endpoint:    del("/tag/remove"), Input: schemas.TagRemove{}, Effect: Delete,
		},
		{
			Name: "tag_list", Title: "List tags",
			Description: "A project's tags; their ids are the values of the issue field label.",
			Endpoint:    post("/tag/list"), Input: schemas.TagList{}, Effect: Read,
		},
	}
}
