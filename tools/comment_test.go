package tools

import "testing"

// commentContract lists a contract case for every comment endpoint tool.
var commentContract = []contractCase{
	{"comment_add", `{"commentModule":"issue","linkId":7,"content":"<p>@Ann look</p>","plainContent":"@Ann look","commentId":3,"commentAttributes":{"commentAtInfos":[{"userId":11,"userName":"Ann","startPosition":0,"endPosition":4}]}}`,
		"POST", "/comment/add", "", `{"commentModule":"issue","linkId":7,"content":"<p>@Ann look</p>","plainContent":"@Ann look","commentId":3,"commentAttributes":{"commentAtInfos":[{"userId":11,"userName":"Ann","startPosition":0,"endPosition":4}]}}`},
	{"comment_update", `{"commentId":3,"content":"<p>Fixed</p>","plainContent":"Fixed"}`,
		"PATCH", "/comment/update", "", `{"commentId":3,"content":"<p>Fixed</p>","plainContent":"Fixed"}`},
	{"comment_remove", `{"id":3}`, "DELETE", "/comment/remove", "", `{"id":3}`},
	{"comment_page", `{"commentModule":"issue","linkId":7}`,
		"POST", "/comment/page", "", `{"commentModule":"issue","linkId":7,"pageNumber":1,"pageSize":20}`},
	{"comment_update_sticker_status", `{"linkModule":"issue","linkEntity":"comment","linkId":3,"stickerCode":"liga-OK","deleteFlag":0,"issueId":7}`,
		"PATCH", "/comment/update-sticker-status", "", `{"linkModule":"issue","linkEntity":"comment","linkId":3,"stickerCode":"liga-OK","deleteFlag":0,"issueId":7}`},
	{"comment_list_sticker", `{}`, "POST", "/comment/list-sticker", "", `{}`},
}

func TestCommentArgumentsRefused(t *testing.T) {
	assertRefused(t, []refusal{
		{"comment_add", `{"commentModule":"task","linkId":7,"content":"x"}`, []string{`field "commentModule": got "task"; valid values: "issue"`}},
		{"comment_add", `{"commentModule":"issue","linkId":7}`, []string{`missing required field "content"`}},
		{"comment_add", `{"commentModule":"issue","linkId":7,"content":""}`, []string{`field "content"`}},
		{"comment_add", `{"commentModule":"issue","linkId":7,"content":"x","commentAttributes":{"commentAtInfos":[{"userName":"Ann"}]}}`,
			[]string{`missing required field "commentAttributes.commentAtInfos[0].userId"`}},
		{"comment_page", `{"linkId":7}`, []string{`missing required field "commentModule"`}},
		{"comment_update_sticker_status", `{"linkId":3,"stickerCode":"liga-OK","deleteFlag":2,"issueId":7}`, []string{`field "deleteFlag": got 2; valid values: 0, 1`}},
		{"comment_update_sticker_status", `{"linkId":3,"stickerCode":"liga-OK","issueId":7}`, []string{`missing required field "deleteFlag"`}},
		{"comment_update_sticker_status", `{"linkModule":"epic","linkId":3,"stickerCode":"liga-OK","deleteFlag":1,"issueId":7}`, []string{`field "linkModule": got "epic"; valid values: "issue"`}},
		{"comment_remove", `{"id":0}`, []string{`field "id"`}},
	})
}
