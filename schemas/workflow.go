package schemas

// WorkflowList is the input of workflow_list.
type WorkflowList struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1"`
}

// WorkflowListNextState is the input of workflow_list_next_state.
type WorkflowListNextState struct {
	DefID   int64 `json:"defId" jsonschema:"required,minimum=1" jsonschema_description:"Workflow id"`
	StateID int64 `json:"stateId" jsonschema:"required,minimum=1" jsonschema_description:"Current state id"`
}
