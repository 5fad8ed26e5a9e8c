package tools

import "testing"

// orgContract lists a contract case for every org endpoint tool.
var orgContract = []contractCase{
	{"org_all_member_list", `{}`, "GET", "/org/all-member-list", "pageNumber=1&pageSize=20", ""},
	{"org_enable_org_user", `{"userId":9007199254740993}`, "POST", "/org/enable-org-user", "", `{"userId":9007199254740993}`},
	{"org_disable_org_user", `{"userId":12}`, "POST", "/org/disable-org-user", "", `{"userId":12}`},
	{"org_remove_org_user", `{"userId":12}`, "DELETE", "/org/remove-org-user", "", `{"userId":12}`},
}

func TestOrgMemberListQuery(t *testing.T) {
	f, d := newFake(t)
	res := call(t, d, "org_all_member_list", `{"key":"ann lee","pageNumber":3,"pageSize":50}`)
	if res.IsError {
		t.Fatal(text(res))
	}
	if got := f.requests()[0].Query; got != "key=ann+lee&pageNumber=3&pageSize=50" {
		t.Errorf("query = %s", got)
	}
}

func TestOrgInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"org_all_member_list", `{"pageSize":500}`, []string{`field "pageSize"`}},
		{"org_all_member_list", `{"pageNumber":0}`, []string{`field "pageNumber"`}},
		{"org_enable_org_user", `{}`, []string{`missing required field "userId"`}},
		{"org_disable_org_user", `{"userId":0}`, []string{`field "userId"`}},
		{"org_remove_org_user", `{}`, []string{`missing required field "userId"`}},
		{"org_remove_org_user", `{"userId":"twelve"}`, []string{`field "userId": expected integer, got string`}},
	})
}

func TestOrgAnnotations(t *testing.T) {
	reg := testRegistry()
	for name, destructive := range map[string]bool{
		"org_enable_org_user": false, "org_disable_org_user": true, "org_remove_org_user": true,
	} {
		tool, _ := reg.Tool(name)
		if tool.ReadOnly() || tool.Destructive() != destructive || !tool.Idempotent() {
			t.Errorf("%s: readOnly=%t destructive=%t idempotent=%t", name, tool.ReadOnly(), tool.Destructive(), tool.Idempotent())
		}
	}
}
