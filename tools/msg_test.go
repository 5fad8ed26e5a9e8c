package tools

import "testing"

// msgContract lists a contract case for every msg endpoint tool.
var msgContract = []contractCase{
	{"msg_list", `{"read":false,"category":["comment","responsible"]}`,
		"POST", "/msg/list", "", `{"read":false,"category":["comment","responsible"],"pageNumber":1,"pageSize":20}`},
	{"msg_list", `{"read":true,"category":["follow","automation_station_msg","sys"],"pageNumber":3,"pageSize":10}`,
		"POST", "/msg/list", "", `{"read":true,"category":["follow","automation_station_msg","sys"],"pageNumber":3,"pageSize":10}`},
}

func TestMsgCategoryRefused(t *testing.T) {
	assertRefused(t, []refusal{
		{"msg_list", `{"category":["all"]}`, []string{`field "category[0]": got "all"; valid values: "comment", "follow", "responsible", "automation_station_msg", "sys"`}},
	})
}
