package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// commentTools are the endpoints of the comment module.
func commentTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "comment_add", Title: "Add comment by issue id",
			Description: "Comment on an issue by id; with commentId it replies to that comment. Prefer add_comment: takes Markdown and issue numbers.",
			Endpoint:    endpoints.CommentAdd, Effect: toolkit.Create,
		},
		{
			Name: "comment_update", Title: "Edit comment",
			Description: "Replace a comment's text; get commentId from comment_page.",
			Endpoint:    endpoints.CommentUpdate, Effect: toolkit.Update,
		},
		{
			Name: "comment_remove", Title: "Remove comment",
			Description: "Delete a comment by id (commentId from comment_page).",
			Endpoint:    endpoints.CommentRemove, Effect: toolkit.Delete,
		},
		{
			Name: "comment_page", Title: "List comments",
			Description: "Comments on an issue, with replies and reactions.",
			Endpoint:    endpoints.CommentPage, Effect: toolkit.Read,
		},
		{
			Name: "comment_update_sticker_status", Title: "React to comment",
			Description: "Add or remove a sticker reaction on a comment; codes from comment_list_sticker.",
			Endpoint:    endpoints.CommentUpdateStickerStatus, Effect: toolkit.Update,
		},
		{
			Name: "comment_list_sticker", Title: "List comment stickers",
			Description: "Sticker (reaction) codes usable on comments.",
			Endpoint:    endpoints.CommentListSticker, Effect: toolkit.Read,
		},
	}
}
