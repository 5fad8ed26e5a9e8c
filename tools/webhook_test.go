package tools

import "testing"

// webhookContract lists a contract case for every webhook endpoint tool.
var webhookContract = []contractCase{
	{"webhook_list_types", `{"projectId":5}`, "GET", "/webhook/list-types", "projectId=5", ""},
	{"webhook_list_events", `{"projectId":5}`, "GET", "/webhook/list-events", "projectId=5", ""},
	{"webhook_add", `{"projectId":5,"name":"CI","url":"https://ci.example.com/hook","type":"leiga","state":"enabled","signature":"s3cr3t-sig","eventIds":[1,2]}`,
		"POST", "/webhook/add", "", `{"projectId":5,"name":"CI","url":"https://ci.example.com/hook","type":"leiga","state":"enabled","signature":"s3cr3t-sig","eventIds":[1,2]}`},
	{"webhook_delete", `{"webhookId":9}`, "DELETE", "/webhook/delete", "", `{"webhookId":9}`},
	{"webhook_update", `{"webhookId":9,"name":"CI 2","url":"http://ci.example.com/h2","type":"leiga","state":"disabled","signature":"new-sig","eventIds":[3]}`,
		"PATCH", "/webhook/update", "", `{"webhookId":9,"name":"CI 2","url":"http://ci.example.com/h2","type":"leiga","state":"disabled","signature":"new-sig","eventIds":[3]}`},
	{"webhook_get", `{"webhookId":9}`, "GET", "/webhook/get", "webhookId=9", ""},
	{"webhook_page", `{"projectId":5,"name":"CI","createByIdSet":[11,12],"type":["leiga"],"state":"enabled","createTimeOrderBy":"ASC","pageNumber":2,"pageSize":50}`,
		"POST", "/webhook/page", "", `{"projectId":5,"name":"CI","createByIdSet":[11,12],"type":["leiga"],"state":"enabled","createTimeOrderBy":"ASC","pageNumber":2,"pageSize":50}`},
	{"webhook_page", `{"projectId":5}`, "POST", "/webhook/page", "", `{"projectId":5,"pageNumber":1,"pageSize":20}`},
}

func TestWebhookArgumentsRefused(t *testing.T) {
	assertRefused(t, []refusal{
		{"webhook_add", `{"projectId":5,"name":"CI","url":"https://x.example/h"}`, []string{`missing required field "type"`}},
		{"webhook_add", `{"projectId":5,"name":"CI","url":"ftp://x.example/h","type":"leiga"}`, []string{`field "url"`}},
		{"webhook_add", `{"projectId":5,"name":"CI","url":"https://x.example/h","type":"leiga","state":"on"}`, []string{`field "state": got "on"; valid values: "enabled", "disabled"`}},
		{"webhook_add", `{"projectId":5,"name":"CI","url":"https://x.example/h","type":"leiga","eventIds":["push"]}`, []string{`field "eventIds[0]": expected integer`}},
		{"webhook_update", `{"name":"CI"}`, []string{`missing required field "webhookId"`}},
		{"webhook_page", `{"projectId":5,"createTimeOrderBy":"desc"}`, []string{`field "createTimeOrderBy": got "desc"; valid values: "ASC", "DESC"`}},
		{"webhook_page", `{"projectId":5,"pageSize":500}`, []string{`field "pageSize"`}},
		{"webhook_list_types", `{}`, []string{`missing required field "projectId"`}},
	})
}
