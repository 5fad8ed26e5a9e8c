package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// commentTools are the endpoints of the comment module.
func commentTools() []Tool {
	return []Tool{
		{
			Name: "comment_add", Title: "Add comment",
			Description: "Comment on an issue; with commentId it replies to that comment.",
			Endpoint:    post("/comment/add"), Input: schemas.CommentAdd{}, Effect: Create,
		},
		{
			Name: "comment_update", Title: "Edit comment",
			Description: "Replace a comment's text; get commentId from comment_page.",
			Endpoint:    patch("/comment/update"), Input: schemas.CommentUpdate{}, Effect: Update,
		},
		{
			Name: "comment_remove", Title: "Remove comment",
			Description: "Delete a comment by id (commentId from comment_page).",
			Endpoint:    del("/comment/remove"), Input: schemas.CommentRemove{}, Effect: Delete,
		},
		{
			Name: "comment_page", Title: "List comments",
			Description: "Comments on an issue, with replies and reactions.",
			Endpoint:    post("/comment/page"), Input: schemas.CommentPage{}, Effect: Read,
		},
		{
			Name: "comment_update_sticker_status", Title: "React to comment",
			Description: "Add or remove a sticker reaction on a comment; codes from comment_list_sticker.",
			Endpoint:    patch("/comment/update-sticker-status"), Input: schemas.CommentUpdateStickerStatus{}, Effect: Update,
		},
		{
			Name: "comment_list_sticker", Title: "List comment stickers",
			Description: "Sticker (reaction) codes usable on comments.",
			Endpoint:    post("/comment/list-sticker"), Input: schemas.CommentListSticker{}, Effect: Read,
		},
	}
}
