package tools

import (
	"strings"
	"testing"
)

// userContract lists a contract case for every user endpoint tool.
var userContract = []contractCase{
	{"user_project_user_list", `{"projectId":1,"keyword":"ann"}`, "GET", "/user/project-user-list", "keyword=ann&projectId=1", ""},
	{"user_project_user_page", `{"projectId":1}`, "GET", "/user/project-user-page", "pageNumber=1&pageSize=20&projectId=1", ""},
	{"user_add_members", `{"projectId":1,"userIds":[2,9007199254740993]}`, "POST", "/user/add-members", "", `{"projectId":1,"userIds":[2,9007199254740993]}`},
	{"user_remove_members", `{"projectId":1,"userIds":[2]}`, "DELETE", "/user/remove-members", "", `{"projectId":1,"userIds":[2]}`},
}

func TestUserProjectUserPageQuery(t *testing.T) {
	f, d := newFake(t)
	res := call(t, d, "user_project_user_page", `{"projectId":1,"keyword":"bo","pageNumber":2,"pageSize":5}`)
	if res.IsError {
		t.Fatal(text(res))
	}
	if got := f.requests()[0].Query; got != "keyword=bo&pageNumber=2&pageSize=5&projectId=1" {
		t.Errorf("query = %s", got)
	}
}

func TestUserInvalidArgumentsSendNothing(t *testing.T) {
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"user_project_user_list", `{}`, []string{`missing required field "projectId"`}},
		{"user_project_user_page", `{"projectId":1,"pageSize":101}`, []string{`field "pageSize"`}},
		{"user_add_members", `{"projectId":1}`, []string{`missing required field "userIds"`}},
		{"user_add_members", `{"projectId":1,"userIds":[]}`, []string{`field "userIds"`}},
		{"user_add_members", `{"projectId":1,"userIds":["ann"]}`, []string{`field "userIds[0]": expected integer, got string "ann"`}},
		{"user_remove_members", `{"userIds":[2]}`, []string{`missing required field "projectId"`}},
		{"user_remove_members", `{"projectId":1,"userIds":[0]}`, []string{`field "userIds[0]"`}},
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
