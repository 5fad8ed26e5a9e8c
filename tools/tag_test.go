package tools

import "testing"

// tagContract lists a contract case for every tag endpoint tool.
var tagContract = []contractCase{
	{"tag_add", `{"projectId":1,"tagName":"backend"}`, "POST", "/tag/add", "", `{"projectId":1,"tagName":"backend"}`},
	{"tag_update", `{"id":3,"tagName":"server"}`, "PATCH", "/tag/update", "", `{"id":3,"tagName":"server"}`},
	{"tag_remove", `{"id":9007199254740993}`, "DELETE", "/tag/remove", "", `{"id":9007199254740993}`},
	{"tag_list", `{"projectId":1}`, "POST", "/tag/list", "", `{"projectId":1}`},
}

func TestTagInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"tag_add", `{"projectId":1}`, []string{`missing required field "tagName"`}},
		{"tag_add", `{"projectId":1,"tagName":""}`, []string{`field "tagName"`}},
		{"tag_update", `{"tagName":"x"}`, []string{`missing required field "id"`}},
		{"tag_update", `{"id":3,"name":"x"}`, []string{`unknown field "name"; valid fields: id, tagName`}},
		{"tag_remove", `{}`, []string{`missing required field "id"`}},
		{"tag_list", `{"projectId":"MOBILE"}`, []string{`field "projectId": expected integer, got string "MOBILE"`}},
	})
}
