package tools

import "testing"

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
	assertRefused(t, []refusal{
		{"user_project_user_list", `{}`, []string{`missing required field "projectId"`}},
		{"user_project_user_page", `{"projectId":1,"pageSize":101}`, []string{`field "pageSize"`}},
		{"user_add_members", `{"projectId":1}`, []string{`missing required field "userIds"`}},
		{"user_add_members", `{"projectId":1,"userIds":[]}`, []string{`field "userIds"`}},
		{"user_add_members", `{"projectId":1,"userIds":["ann"]}`, []string{`field "userIds[0]": expected integer, got string "ann"`}},
		{"user_remove_members", `{"userIds":[2]}`, []string{`missing required field "projectId"`}},
		{"user_remove_members", `{"projectId":1,"userIds":[0]}`, []string{`field "userIds[0]"`}},
	})
}
