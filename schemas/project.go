package schemas

// ProjectProjectTemplate is the input of project_project_template (no arguments).
type ProjectProjectTemplate struct{}

// ProjectList is the input of project_list (no arguments).
type ProjectList struct{}

// ProjectProjectOverviewScheme is the input of project_project_overview_scheme.
type ProjectProjectOverviewScheme OnlyProjectID

// ProjectAdd is the input of project_add.
type ProjectAdd struct {
	ProjectName  string `json:"projectName" jsonschema:"required,minLength=1"`
	TemplateCode string `json:"templateCode" jsonschema:"required,minLength=1" jsonschema_description:"Template code, e.g. SCRUM"`
	LeaderID     int64  `json:"leaderId" jsonschema:"required,minimum=1" jsonschema_description:"Project leader user id"`
	Description  string `json:"description,omitempty"`
}

// ProjectUpdate is the input of project_update.
type ProjectUpdate struct {
	ID   int64          `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	Data map[string]any `json:"data,omitempty" jsonschema_description:"New values by fieldCode from project_project_overview_scheme"`
}

// ProjectGetByProjectKey is the input of project_get_by_project_key.
type ProjectGetByProjectKey struct {
	ProjectKey string `json:"projectKey" jsonschema:"required,minLength=1" jsonschema_description:"Project key, e.g. MOBILE"`
}

// ProjectGet is the input of project_get.
type ProjectGet OnlyProjectID

// ProjectRoleChange is the input of project_role_change.
type ProjectRoleChange struct {
	ProjectID  int64   `json:"projectId" jsonschema:"required,minimum=1"`
	UserID     int64   `json:"userId" jsonschema:"required,minimum=1" jsonschema_description:"Member user id"`
	RoleIDList []int64 `json:"roleIdList" jsonschema:"required,minItems=1,minimum=1" jsonschema_description:"Role ids; replace the current roles"`
}

// ProjectRoleType is the input of project_role_type (no arguments).
type ProjectRoleType struct{}
