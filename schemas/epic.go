package schemas

// EpicFilterOptions is the input of epic_filter_options.
type EpicFilterOptions OnlyProjectID

// EpicPage is the input of epic_page.
type EpicPage struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1"`
	Keyword   string `json:"keyword,omitempty" jsonschema_description:"Title keyword"`
	Owner     int64  `json:"owner,omitempty" jsonschema:"minimum=1" jsonschema_description:"Owner user id (epic_filter_options)"`
	Status    int64  `json:"status,omitempty" jsonschema:"minimum=1" jsonschema_description:"Status id (epic_filter_options)"`
	Paging
}

// EpicPageIssue is the input of epic_page_issue.
type EpicPageIssue struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1"`
	ID        int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Epic id"`
	Paging
}

// EpicEpicFields is the input of epic_epic_fields.
type EpicEpicFields OnlyProjectID

// EpicEpicFieldInfo is the input of epic_epic_field_info.
type EpicEpicFieldInfo struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1"`
	FieldCode string `json:"fieldCode" jsonschema:"required,minLength=1" jsonschema_description:"Code from epic_epic_fields, e.g. priority"`
}

// EpicAdd is the input of epic_add.
type EpicAdd struct {
	ProjectID int64     `json:"projectId" jsonschema:"required,minimum=1"`
	Data      IssueData `json:"data" jsonschema:"required" jsonschema_description:"Field values by epic field code"`
}

// EpicUpdate is the input of epic_update.
type EpicUpdate struct {
	ID   int64     `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Epic id"`
	Data IssueData `json:"data" jsonschema:"required" jsonschema_description:"Only the field codes to change"`
}

// EpicRemove is the input of epic_remove.
type EpicRemove struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Epic id"`
}

// EpicDetail is the input of epic_detail.
type EpicDetail struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Epic id"`
}

// EpicRelationIssue is the input of epic_relation_issue.
type EpicRelationIssue struct {
	EpicID   int64   `json:"epicId" jsonschema:"required,minimum=1"`
	IssueIDs []int64 `json:"issueIds" jsonschema:"required,minItems=1,minimum=1"`
}
