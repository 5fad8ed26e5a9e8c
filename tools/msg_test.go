package tools

import (
	"strings"
	"testing"
)

// msgContract lists a contract case for every msg endpoint tool.
var msgContract = []contractCase{
	{"msg_list", `{"read":false,"category":["comment","responsible"]}`,
		"POST", "/msg/list", "", `{"read":false,"category":["comment","responsible"],"pageNumber":1,"pageSize":20}`},
	{"msg_list", `{"read":true,"category":["follow","automation_station_msg","sys"],"pageNumber":3,"pageSize":10}`,
		"POST", "/msg/list", "", `{"read":true,"category":["follow","automation_station_msg","sys"],"pageNumber":3,"pageSize":10}`},
}

func TestMsgCategoryRefused(t *testing.T) {
	f, d := newFake(t)
	res := call(t, d, "msg_list", `{"category":["all"]}`)
	want := `field "category[0]": got "all"; valid values: "comment", "follow", "responsible", "automation_station_msg", "sys"`
	if !res.IsError || !strings.Contains(text(res), want) {
		t.Errorf("result = %v %q, want isError containing %q", res.IsError, text(res), want)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests for invalid arguments", n)
	}
}
