package tools

import "testing"

// projectContract lists a contract case for every project endpoint tool.
var projectContract = []contractCase{
	{"project_project_template", `{}`, "GET", "/project/project-template", "", ""},
	{"project_list", `{}`, "GET", "/project/list", "", ""},
	{"project_project_overview_scheme", `{"projectId":1}`, "GET", "/project/project-overview-scheme", "projectId=1", ""},
	{"project_add", `{"projectName":"Mobile","templateCode":"SCRUM","leaderId":7,"description":"iOS and Android"}`,
		"POST", "/project/add", "", `{"projectName":"Mobile","templateCode":"SCRUM","leaderId":7,"description":"iOS and Android"}`},
	{"project_update", `{"id":1,"data":{"projectName":"Mobile 2","leader":7,"customfield_3":["a","b"]}}`,
		"PATCH", "/project/update", "", `{"id":1,"data":{"projectName":"Mobile 2","leader":7,"customfield_3":["a","b"]}}`},
	{"project_get_by_project_key", `{"projectKey":"MOBILE"}`, "GET", "/project/get-by-project-key", "projectKey=MOBILE", ""},
	{"project_get", `{"projectId":9007199254740993}`, "GET", "/project/get", "projectId=9007199254740993", ""},
	{"project_role_change", `{"projectId":1,"userId":2,"roleIdList":[3,4]}`, "POST", "/project/role-change", "", `{"projectId":1,"userId":2,"roleIdList":[3,4]}`},
	{"project_role_type", `{}`, "GET", "/project/role-type", "", ""},
}

func TestProjectInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"project_project_overview_scheme", `{}`, []string{`missing required field "projectId"`}},
		{"project_add", `{"projectName":"Mobile","leaderId":7}`, []string{`missing required field "templateCode"`}},
		{"project_add", `{"projectName":"","templateCode":"SCRUM","leaderId":7}`, []string{`field "projectName"`}},
		{"project_add", `{"projectName":"Mobile","templateCode":"SCRUM","leaderId":7,"leader":7}`, []string{`unknown field "leader"; valid fields: description, leaderId, projectName, templateCode`}},
		{"project_update", `{"data":{"projectName":"x"}}`, []string{`missing required field "id"`}},
		{"project_update", `{"id":1,"data":["projectName"]}`, []string{`field "data": expected object, got array`}},
		{"project_get", `{"projectId":0}`, []string{`field "projectId"`}},
		{"project_get_by_project_key", `{"projectKey":""}`, []string{`field "projectKey"`}},
		{"project_role_change", `{"projectId":1,"userId":2}`, []string{`missing required field "roleIdList"`}},
		{"project_role_change", `{"projectId":1,"userId":2,"roleIdList":[]}`, []string{`field "roleIdList"`}},
		{"project_role_type", `{"projectId":1}`, []string{`unknown field "projectId"`}},
	})
}

// The guessed POST /project/role-type entry of the catalog stays unexposed.
func TestProjectGuessedRoleTypeNotExposed(t *testing.T) {
	for _, tool := range testRegistry().Tools() {
		if tool.Endpoint != nil && tool.Endpoint.String() == "POST /project/role-type" {
			t.Errorf("tool %s exposes the guessed endpoint POST /project/role-type", tool.Name)
		}
	}
}
