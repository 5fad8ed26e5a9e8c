package tools

import (
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// workflowContract lists a contract case for every workflow endpoint tool.
var workflowContract = []contractCase{
	{"workflow_list", `{"projectId":1}`, "POST", "/workflow/list", "", `{"projectId":1}`},
	{"workflow_list_next_state", `{"defId":5,"stateId":9007199254740993}`, "POST", "/workflow/list/next-state", "", `{"defId":5,"stateId":9007199254740993}`},
}

func TestWorkflowInvalidArgumentsSendNothing(t *testing.T) {
	assertRefused(t, []refusal{
		{"workflow_list", `{}`, []string{`missing required field "projectId"`}},
		{"workflow_list_next_state", `{"stateId":2}`, []string{`missing required field "defId"`}},
		{"workflow_list_next_state", `{"defId":5}`, []string{`missing required field "stateId"`}},
		{"workflow_list_next_state", `{"defId":5,"stateId":-1}`, []string{`field "stateId"`}},
	})
}

// Workflow calls are POSTs that only read: they must stay visible under --read-only.
func TestWorkflowToolsAreReadOnly(t *testing.T) {
	tools, err := testRegistry().Select(toolkit.Selection{Toolsets: []string{"workflow"}, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	visible := map[string]bool{}
	for _, tool := range tools {
		visible[tool.Name] = true
	}
	for _, name := range []string{"workflow_list", "workflow_list_next_state"} {
		if !visible[name] {
			t.Errorf("%s is hidden under --read-only", name)
		}
	}
}
