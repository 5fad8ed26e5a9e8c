package tools

import (
	"strings"
	"testing"
)

// sprintContract lists a contract case for every sprint endpoint tool.
var sprintContract = []contractCase{
	{"sprint_add", `{"projectId":1,"name":"Sprint 7","startDate":"2026-11-30","endDate":1767139200000,"goal":"Ship login","assignee":5}`,
		"POST", "/sprint/add", "", `{"projectId":1,"name":"Sprint 7","startDate":DUE,"endDate":1767139200000,"goal":"Ship login","assignee":5}`},
	{"sprint_update", `{"id":3,"name":"Sprint 7b","startDate":1764460800000,"endDate":"2026-11-30","goal":"Ship it","assignee":6}`,
		"PATCH", "/sprint/update", "", `{"id":3,"name":"Sprint 7b","startDate":1764460800000,"endDate":DUE,"goal":"Ship it","assignee":6}`},
	{"sprint_remove", `{"sprintId":3}`, "POST", "/sprint/remove", "", `{"sprintId":3}`},
	{"sprint_get", `{"id":9007199254740993}`, "GET", "/sprint/get", "id=9007199254740993", ""},
	{"sprint_list_with_count", `{"projectId":1}`, "POST", "/sprint/list-with-count", "", `{"projectId":1}`},
}

func TestSprintInvalidArgumentsSendNothing(t *testing.T) {
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"sprint_add", `{"projectId":1}`, []string{`missing required field "name"`}},
		{"sprint_add", `{"projectId":1,"name":""}`, []string{`field "name"`}},
		{"sprint_add", `{"projectId":1,"name":"S","startDate":"next week"}`, []string{`field "startDate"`}},
		{"sprint_add", `{"projectId":0,"name":"S"}`, []string{`field "projectId"`}},
		{"sprint_update", `{"id":3,"goal":"g"}`, []string{`missing required field "name"`}},
		{"sprint_remove", `{"id":3}`, []string{`missing required field "sprintId"`, `unknown field "id"; valid fields: sprintId`}},
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

func TestSprintEffects(t *testing.T) {
	reg := testRegistry()
	for name, want := range map[string]Effect{
		"sprint_add": Create, "sprint_update": Update, "sprint_remove": Delete,
		"sprint_get": Read, "sprint_list_with_count": Read,
	} {
		tool, ok := reg.Tool(name)
		if !ok {
			t.Errorf("no tool %s", name)
			continue
		}
		if tool.Effect != want {
			t.Errorf("%s: effect %s, want %s", name, tool.Effect, want)
		}
	}
}
