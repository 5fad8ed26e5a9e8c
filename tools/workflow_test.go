package tools

import (
	"strings"
	"testing"
)

// workflowContract lists a contract case for every workflow endpoint tool.
var workflowContract = []contractCase{
	{"workflow_list", `{"projectId":1}`, "POST", "/workflow/list", "", `{"projectId":1}`},
	{"workflow_list_next_state", `{"defId":5,"stateId":9007199254740993}`, "POST", "/workflow/list/next-state", "", `{"defId":5,"stateId":9007199254740993}`},
}

func TestWorkflowInvalidArgumentsSendNothing(t *testing.T) {
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"workflow_list", `{}`, []string{`missing required field "projectId"`}},
		{"workflow_list_next_state", `{"stateId":2}`, []string{`missing required field "defId"`}},
		{"workflow_list_next_state", `{"defId":5}`, []string{`missing required field "stateId"`}},
		{"workflow_list_next_state", `{"defId":5,"stateId":-1}`, []string{`field "stateId"`}},
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

// Workflow calls are POSTs that only read: they must stay visible under --read-only.
func TestWorkflowToolsAreReadOnly(t *testing.T) {
	tools, err := testRegistry().Select(Selection{Toolsets: []string{"workflow"}, ReadOnly: true})
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
