package tools

import (
	"strings"
	"testing"
)

// tagContract lists a contract case for every tag endpoint tool.
var tagContract = []contractCase{
	{"tag_add", `{"projectId":1,"tagName":"backend"}`, "POST", "/tag/add", "", `{"projectId":1,"tagName":"backend"}`},
	{"tag_update", `{"id":3,"tagName":"server"}`, "PATCH", "/tag/update", "", `{"id":3,"tagName":"server"}`},
	{"tag_remove", `{"id":9007199254740993}`, "DELETE", "/tag/remove", "", `{"id":9007199254740993}`},
	{"tag_list", `{"projectId":1}`, "POST", "/tag/list", "", `{"projectId":1}`},
}

func TestTagInvalidArgumentsSendNothing(t *testing.T) {
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"tag_add", `{"projectId":1}`, []string{`missing required field "tagName"`}},
		{"tag_add", `{"projectId":1,"tagName":""}`, []string{`field "tagName"`}},
		{"tag_update", `{"tagName":"x"}`, []string{`missing required field "id"`}},
		{"tag_update", `{"id":3,"name":"x"}`, []string{`unknown field "name"; valid fields: id, tagName`}},
		{"tag_remove", `{}`, []string{`missing required field "id"`}},
		{"tag_list", `{"projectId":"MOBILE"}`, []string{`field "projectId": expected integer, got string "MOBILE"`}},
	}
	for _, tt := range tests {
		t.Run(tt.tool+" "+tt.args, func(t *testing.T) {
			f, d := newFake(t)
			res := call(t, d, tt.tool, tt.args)
			if !res.IsError {
				t.Fatalf("want isError, got %s", text(res))
			}
			for _, w := range tt.want {
				if !strings.Contains(text(res), w) {
					t.Errorf("error %q does not contain %q", text(res), w)
				}
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("sent %d requests for invalid arguments", n)
			}
		})
	}
}
