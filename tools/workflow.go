package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// workflowTools are the endpoints of the workflow module.
func workflowTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "workflow_list", Title: "List project workflows",
			Description: "A project's workflows with states and issue types; id is the defId of workflow_list_next_state.",
			Endpoint:    endpoints.WorkflowList, Effect: toolkit.Read,
		},
		{
			Name: "workflow_list_next_state", Title: "List next states",
			Description: "States an issue may move to from stateId; defId and stateId from workflow_list.",
			Endpoint:    endpoints.WorkflowListNextState, Effect: toolkit.Read,
		},
	}
}
