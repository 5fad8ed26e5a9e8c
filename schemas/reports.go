package schemas

// Inputs of the report tools: read-only summaries of a project's work,
// each with a chart. Names as in the workflow tools.

// SprintReport is the input of sprint_report.
type SprintReport struct {
	Project string `json:"project" jsonschema:"required,minLength=1" jsonschema_description:"Project key or name"`
	Sprint  string `json:"sprint,omitempty" jsonschema_description:"Sprint name, current (default), next or previous"`
}

// WorkloadReport is the input of workload_report.
type WorkloadReport struct {
	Project string `json:"project" jsonschema:"required,minLength=1" jsonschema_description:"Project key or name"`
	Sprint  string `json:"sprint,omitempty" jsonschema_description:"Sprint name, current, next, previous, or none (backlog); default all open issues"`
}
