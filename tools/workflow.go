package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// workflowTools are the endpoints of the workflow module.
func workflowTools() []Tool {
	return []Tool{
		{
			Name: "workflow_list", Title: "List project workflows",
			Description: "A project's workflows with states and issue types; id is the defId of workflow_list_next_state.",
			Endpoint:    post("/workflow/list"), Input: schemas.WorkflowList{}, Effect: Read,
		},
		{
			Name: "workflow_list_next_state", Title: "List next states",
			Description: "States an issue may move to from stateId; defId and stateId from workflow_list.",
			Endpoint:    post("/workflow/list/next-state"), Input: schemas.WorkflowListNextState{}, Effect: Read,
		},
	}
}
