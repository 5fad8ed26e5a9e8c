package schemas

// IssueTypeList is the input of issue_type_list.
type IssueTypeList struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
}

// ProjectIssueType names a project and one of its issue types.
type ProjectIssueType struct {
	ProjectID   int64 `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueTypeID int64 `json:"issueTypeId" jsonschema:"required,minimum=1" jsonschema_description:"Issue type id (issue_type_list)"`
}

// IssueIssueScheme is the input of issue_issue_scheme.
type IssueIssueScheme ProjectIssueType

// IssueIssueFields is the input of issue_issue_fields.
type IssueIssueFields ProjectIssueType

// IssueIssueFieldInfo is the input of issue_issue_field_info.
type IssueIssueFieldInfo struct {
	ProjectIssueType
	FieldCode string `json:"fieldCode" jsonschema:"required,minLength=1" jsonschema_description:"Field code, e.g. status or customfield_3"`
}

// IssueBatchAdd is the input of issue_batch_add.
type IssueBatchAdd struct {
	ProjectID   int64       `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueTypeID int64       `json:"issueTypeId" jsonschema:"required,minimum=1" jsonschema_description:"Issue type id for every row"`
	Datas       []IssueData `json:"datas" jsonschema:"required,minItems=1" jsonschema_description:"One field map per issue; summary required"`
}

// IssueAdd is the input of issue_add.
type IssueAdd struct {
	ProjectIssueType
	Data IssueData `json:"data" jsonschema:"required" jsonschema_description:"Field values by field code; summary is required"`
}

// IssueBatchUpdate is the input of issue_batch_update.
type IssueBatchUpdate struct {
	ProjectID   int64     `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueTypeID int64     `json:"issueTypeId" jsonschema:"required,minimum=1" jsonschema_description:"Issue type id of the issues"`
	IssueIDs    []int64   `json:"issueIds" jsonschema:"required,minItems=1,minimum=1" jsonschema_description:"Issue ids"`
	Data        IssueData `json:"data" jsonschema:"required" jsonschema_description:"Field values applied to every issue"`
}

// IssueUpdate is the input of issue_update.
type IssueUpdate struct {
	ID   int64     `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Issue id (not the number)"`
	Data IssueData `json:"data" jsonschema:"required" jsonschema_description:"Only the fields to change"`
}

// OnlyIssueID is the input of an issue tool that takes nothing but the
// issue's id.
type OnlyIssueID struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Issue id"`
}

// IssueV2Get is the input of issue_v2_get.
type IssueV2Get OnlyIssueID

// IssueGet is the input of issue_get.
type IssueGet OnlyIssueID

// IssueGetByIssueNumber is the input of issue_get_by_issue_number.
type IssueGetByIssueNumber struct {
	IssueNumber string `json:"issueNumber" jsonschema:"required,pattern=^[A-Za-z][A-Za-z0-9_]*-[0-9]+$" jsonschema_description:"Issue number, e.g. ABC-123"`
}

// IssueRemove is the input of issue_remove.
type IssueRemove OnlyIssueID

// IssueBatchRemove is the input of issue_batch_remove.
type IssueBatchRemove struct {
	ProjectID int64   `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueIDs  []int64 `json:"issueIds" jsonschema:"required,minItems=1,minimum=1" jsonschema_description:"Issue ids"`
}

// IssuePage is the input of issue_page.
type IssuePage struct {
	ProjectID              int64                `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	Summary                string               `json:"summary,omitempty" jsonschema_description:"Title keyword"`
	SelectFields           map[string][]int64   `json:"selectFields,omitempty" jsonschema_description:"fieldCode → option ids to match"`
	DateFields             map[string]DateRange `json:"dateFields,omitempty" jsonschema_description:"fieldCode → [start, end] dates; null leaves an end open"`
	ShowedCustomFieldCodes []string             `json:"showedCustomFieldCodes,omitempty" jsonschema_description:"Custom field codes to add to rows"`
	StatusTypes            []int                `json:"statusTypes,omitempty" jsonschema:"enum=2,enum=3,enum=4" jsonschema_description:"2 not started, 3 in progress, 4 done"`
	OrderBy                string               `json:"orderBy,omitempty" jsonschema:"enum=createTime,enum=updateTime"`
	Sort                   string               `json:"sort,omitempty" jsonschema:"enum=ASC,enum=DESC" jsonschema_description:"Default DESC"`
	Paging
}

// IssueV2Page is the input of issue_v2_page.
type IssueV2Page struct {
	ProjectID              int64               `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	Summary                string              `json:"summary,omitempty" jsonschema_description:"Title keyword"`
	ShowedCustomFieldCodes []string            `json:"showedCustomFieldCodes,omitempty" jsonschema_description:"Custom field codes to add to rows"`
	OrderBy                string              `json:"orderBy,omitempty" jsonschema:"enum=createTime,enum=updateTime"`
	Sort                   string              `json:"sort,omitempty" jsonschema:"enum=ASC,enum=DESC" jsonschema_description:"Default DESC"`
	StatusTypes            []int               `json:"statusTypes,omitempty" jsonschema:"enum=2,enum=3,enum=4" jsonschema_description:"2 not started, 3 in progress, 4 done"`
	SelectFilter           []IssueSelectFilter `json:"selectFilter,omitempty" jsonschema_description:"Filters on option fields"`
	NumberFilter           []IssueNumberFilter `json:"numberFilter,omitempty" jsonschema_description:"Filters on number fields"`
	Paging
}

// IssueSelectFilter is one option-field filter of issue_v2_page.
type IssueSelectFilter struct {
	FieldCode string  `json:"fieldCode" jsonschema:"required,minLength=1" jsonschema_description:"Field code, e.g. customfield_1"`
	IDs       []int64 `json:"ids,omitempty" jsonschema_description:"Option ids"`
	Operator  string  `json:"operator,omitempty" jsonschema:"enum=contains,enum=notContains,enum=blank,enum=notBlank" jsonschema_description:"Default contains"`
}

// IssueNumberFilter is one number-field filter of issue_v2_page.
type IssueNumberFilter struct {
	FieldCode string            `json:"fieldCode" jsonschema:"required,minLength=1"`
	Value     *float64          `json:"value,omitempty" jsonschema_description:"For operators other than inRange"`
	Range     *IssueNumberRange `json:"range,omitempty" jsonschema_description:"Bounds for inRange"`
	Operator  string            `json:"operator,omitempty" jsonschema:"enum=equals,enum=notEqual,enum=greaterThan,enum=lessThan,enum=inRange,enum=blank,enum=notBlank" jsonschema_description:"Default equals"`
}

// IssueNumberRange is the inRange bounds of an IssueNumberFilter.
type IssueNumberRange struct {
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
}

// IssueFilterConditionField is the input of issue_filter_condition_field.
type IssueFilterConditionField struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
}

// IssueSelectOptions is the input of issue_select_options.
type IssueSelectOptions struct {
	ProjectID      int64   `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	CustomFiledIDs []int64 `json:"customFiledIds" jsonschema:"required,minItems=1,minimum=1" jsonschema_description:"Custom field ids (API spelling 'Filed')"`
}

// IssueRelationshipList is the input of issue_relationship_list.
type IssueRelationshipList OnlyIssueID

// IssueAddRelationship is the input of issue_add_relationship.
type IssueAddRelationship struct {
	IssueID       int64  `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Source issue id"`
	LinkedIssueID int64  `json:"linkedIssueId" jsonschema:"required,minimum=1" jsonschema_description:"Other issue id"`
	Type          string `json:"type" jsonschema:"required,enum=RELATES_TO,enum=PARENT,enum=CHILD,enum=BLOCKS,enum=IS_BLOCKS_BY,enum=CAUSES,enum=IS_CAUSED_BY,enum=REPEAT,enum=DUPLICATES,enum=IS_DUPLICATES_BY" jsonschema_description:"What the source is to the other issue"`
}

// IssueRemoveRelationship is the input of issue_remove_relationship.
type IssueRemoveRelationship struct {
	IssueID       int64  `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Source issue id"`
	LinkedIssueID int64  `json:"linkedIssueId" jsonschema:"required,minimum=1" jsonschema_description:"Other issue id"`
	Type          string `json:"type" jsonschema:"required,enum=RELATES_TO,enum=PARENT,enum=CHILD,enum=BLOCKS,enum=IS_BLOCKS_BY,enum=CAUSES,enum=IS_CAUSED_BY,enum=REPEAT,enum=DUPLICATES,enum=IS_DUPLICATES_BY" jsonschema_description:"Relation type as listed"`
}

// IssueBatchAddSubtask is the input of issue_batch_add_subtask.
type IssueBatchAddSubtask struct {
	IssueID int64       `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Parent issue id"`
	Datas   []IssueData `json:"datas" jsonschema:"required,minItems=1" jsonschema_description:"One field map per subtask; summary required"`
}

// IssueRemoveSubtask is the input of issue_remove_subtask.
type IssueRemoveSubtask struct {
	IssueID   int64 `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Parent issue id"`
	SubTaskID int64 `json:"subTaskId" jsonschema:"required,minimum=1" jsonschema_description:"Subtask id"`
}

// IssueUpdateSubtask is the input of issue_update_subtask.
type IssueUpdateSubtask struct {
	ID   int64     `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Subtask id"`
	Data IssueData `json:"data" jsonschema:"required" jsonschema_description:"Only the fields to change"`
}

// IssueListSubtask is the input of issue_list_subtask.
type IssueListSubtask struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Parent issue id"`
}

// IssueUpdateSubtaskStatus is the input of issue_update_subtask_status.
type IssueUpdateSubtaskStatus struct {
	ID        int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Subtask id"`
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	Done      bool  `json:"done" jsonschema:"required" jsonschema_description:"true marks done, false reopens"`
}

// IssueListSubtaskField is the input of issue_list_subtask_field.
type IssueListSubtaskField struct {
	ProjectID   int64 `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueTypeID int64 `json:"issueTypeId" jsonschema:"required,minimum=1" jsonschema_description:"Issue type id"`
}

// IssueLabourRecordAdd is the input of issue_labour_record_add.
type IssueLabourRecordAdd struct {
	IssueID    int64   `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Issue id"`
	Labour     float64 `json:"labour" jsonschema:"required,exclusiveMinimum=0" jsonschema_description:"Hours spent, e.g. 1.5"`
	RecordTime Millis  `json:"recordTime" jsonschema:"required" jsonschema_description:"When the work was done"`
	Remarks    string  `json:"remarks" jsonschema:"required,minLength=1"`
}

// IssueLabourRecordUpdate is the input of issue_labour_record_update.
type IssueLabourRecordUpdate struct {
	ID         int64   `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Labour record id"`
	Labour     float64 `json:"labour,omitempty" jsonschema:"exclusiveMinimum=0" jsonschema_description:"Hours"`
	RecordTime Millis  `json:"recordTime,omitempty" jsonschema_description:"When the work was done"`
	Remarks    string  `json:"remarks,omitempty"`
}

// IssueLabourRecordDelete is the input of issue_labour_record_delete.
type IssueLabourRecordDelete struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Labour record id"`
}

// IssueLabourRecordPage is the input of issue_labour_record_page.
type IssueLabourRecordPage struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1" jsonschema_description:"Project id"`
	IssueID   int64  `json:"issueId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only this issue"`
	StartDate Millis `json:"startDate,omitempty" jsonschema_description:"Range start"`
	EndDate   Millis `json:"endDate,omitempty" jsonschema_description:"Range end"`
	CreateBy  int64  `json:"createBy,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only records logged by this user id"`
	View             // no source documents paging for this list
}

// IssueTrashSelectOptions is the input of issue_trash_select_options (no arguments).
type IssueTrashSelectOptions struct{}

// IssueTrashPage is the input of issue_trash_page.
type IssueTrashPage struct {
	ProjectIDs        []int64 `json:"projectIds,omitempty" jsonschema:"minimum=1"`
	Summary           string  `json:"summary,omitempty" jsonschema_description:"Title keyword"`
	DeleteBys         []int64 `json:"deleteBys,omitempty" jsonschema:"minimum=1" jsonschema_description:"User ids who deleted"`
	StartDeleteTime   Millis  `json:"startDeleteTime,omitempty" jsonschema_description:"Deleted after"`
	EndDeleteTime     Millis  `json:"endDeleteTime,omitempty" jsonschema_description:"Deleted before"`
	DeleteTimeOrderBy string  `json:"deleteTimeOrderBy,omitempty" jsonschema:"enum=ASC,enum=DESC" jsonschema_description:"Default DESC"`
	View                      // no source documents paging for this list
}

// IssueTrashRestore is the input of issue_trash_restore.
type IssueTrashRestore struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Deleted issue id (issue_trash_page)"`
}

// IssuePageFinished is the input of issue_page_finished.
type IssuePageFinished struct {
	ProjectIDs  []int64 `json:"projectIds,omitempty" jsonschema:"minimum=1"`
	SprintIDs   []int64 `json:"sprintIds,omitempty" jsonschema:"minimum=1"`
	AssigneeIDs []int64 `json:"assigneeIds,omitempty" jsonschema:"minimum=1" jsonschema_description:"Assignee user ids"`
	After       Millis  `json:"after,omitempty" jsonschema_description:"Finished after"`
	Before      Millis  `json:"before,omitempty" jsonschema_description:"Finished before"`
	Paging
}
