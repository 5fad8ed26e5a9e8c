package tools

import (
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
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
	assertRefused(t, []refusal{
		{"sprint_add", `{"projectId":1}`, []string{`missing required field "name"`}},
		{"sprint_add", `{"projectId":1,"name":""}`, []string{`field "name"`}},
		{"sprint_add", `{"projectId":1,"name":"S","startDate":"some day"}`, []string{`field "startDate"`}},
		{"sprint_add", `{"projectId":0,"name":"S"}`, []string{`field "projectId"`}},
		{"sprint_update", `{"id":3,"goal":"g"}`, []string{`missing required field "name"`}},
		{"sprint_remove", `{"id":3}`, []string{`missing required field "sprintId"`, `unknown field "id"; valid fields: sprintId`}},
	})
}

func TestSprintEffects(t *testing.T) {
	assertEffects(t, "sprint", map[string]toolkit.Effect{
		"sprint_add": toolkit.Create, "sprint_update": toolkit.Update, "sprint_remove": toolkit.Delete,
		"sprint_get": toolkit.Read, "sprint_list_with_count": toolkit.Read,
	})
}
