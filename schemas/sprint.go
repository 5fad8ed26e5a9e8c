package schemas

// SprintFields are the fields sprint_add and sprint_update set.
type SprintFields struct {
	Name      string `json:"name" jsonschema:"required,minLength=1"`
	StartDate Millis `json:"startDate,omitempty"`
	EndDate   Millis `json:"endDate,omitempty"`
	Goal      string `json:"goal,omitempty"`
	Assignee  int64  `json:"assignee,omitempty" jsonschema:"minimum=1" jsonschema_description:"Owner user id"`
}

// SprintAdd is the input of sprint_add.
type SprintAdd struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1"`
	SprintFields
}

// SprintUpdate is the input of sprint_update.
type SprintUpdate struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Sprint id"`
	SprintFields
}

// SprintRemove is the input of sprint_remove.
type SprintRemove struct {
	SprintID int64 `json:"sprintId" jsonschema:"required,minimum=1"`
}

// SprintGet is the input of sprint_get.
type SprintGet struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Sprint id"`
}

// SprintListWithCount is the input of sprint_list_with_count.
type SprintListWithCount OnlyProjectID
