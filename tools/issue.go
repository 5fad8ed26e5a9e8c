package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// issueTools are the endpoints of the issue module, in catalog order.
func issueTools() []Tool {
	return []Tool{
		{
			Name: "issue_type_list", Title: "List issue types",
			Description: "Issue types of a project (id, name, workflowId).",
			Endpoint:    get("/issue/type-list"), Input: schemas.IssueTypeList{}, Effect: Read,
		},
		{
			Name: "issue_issue_scheme", Title: "Get issue scheme",
			Description: "Create-form template for an issue type: field codes, required flags, options.",
			Endpoint:    get("/issue/issue-scheme"), Input: schemas.IssueIssueScheme{}, Effect: Read,
		},
		{
			Name: "issue_issue_fields", Title: "List issue fields",
			Description: "Field names and codes of an issue type.",
			Endpoint:    get("/issue/issue-fields"), Input: schemas.IssueIssueFields{}, Effect: Read,
		},
		{
			Name: "issue_issue_field_info", Title: "Get issue field detail",
			Description: "One field's control type and option values (e.g. status ids); codes from issue_issue_fields.",
			Endpoint:    get("/issue/issue-field-info"), Input: schemas.IssueIssueFieldInfo{}, Effect: Read,
		},
		{
			Name: "issue_batch_add", Title: "Create issues in bulk",
			Description: "Create several issues of one type; reports success per row.",
			Endpoint:    post("/issue/batch-add"), Input: schemas.IssueBatchAdd{}, Effect: Create,
		},
		{
			Name: "issue_add", Title: "Create issue",
			Description: "Create one issue in a project; data holds field values by field code.",
			Endpoint:    post("/issue/add"), Input: schemas.IssueAdd{}, Effect: Create,
		},
		{
			Name: "issue_batch_update", Title: "Update issues in bulk",
			Description: "Set the same field values on several issues of one type.",
			Endpoint:    patch("/issue/batch-update"), Input: schemas.IssueBatchUpdate{}, Effect: Update,
		},
		{
			Name: "issue_update", Title: "Update issue",
			Description: "Change fields of one issue by numeric id; status ids from workflow_list.",
			Endpoint:    patch("/issue/update"), Input: schemas.IssueUpdate{}, Effect: Update,
		},
		{
			Name: "issue_v2_get", Title: "Get issue (v2)",
			Description: "Issue detail by numeric id, newer richer format.",
			Endpoint:    get("/issue/v2/get"), Input: schemas.IssueV2Get{}, Effect: Read,
		},
		{
			Name: "issue_get", Title: "Get issue",
			Description: "Issue detail by numeric id.",
			Endpoint:    get("/issue/get"), Input: schemas.IssueGet{}, Effect: Read,
		},
		{
			Name: "issue_get_by_issue_number", Title: "Get issue by number",
			Description: "Issue detail by its number, e.g. ABC-123.",
			Endpoint:    get("/issue/get-by-issue-number"), Input: schemas.IssueGetByIssueNumber{}, Effect: Read,
		},
		{
			Name: "issue_remove", Title: "Delete issue",
			Description: "Delete one issue (it goes to the trash; issue_trash_restore brings it back).",
			Endpoint:    del("/issue/remove"), Input: schemas.IssueRemove{}, Effect: Delete,
		},
		{
			Name: "issue_batch_remove", Title: "Delete issues in bulk",
			Description: "Delete several issues of a project (they go to the trash).",
			Endpoint:    del("/issue/batch-remove"), Input: schemas.IssueBatchRemove{}, Effect: Delete,
		},
		{
			Name: "issue_page", Title: "Search issues",
			Description: "Paged issue search in a project by keyword, status category and field values.",
			Endpoint:    post("/issue/page"), Input: schemas.IssuePage{}, Effect: Read,
		},
		{
			Name: "issue_v2_page", Title: "Search issues (v2)",
			Description: "Paged issue search with option and number filters; also matches issues via their subtasks.",
			Endpoint:    post("/issue/v2/page"), Input: schemas.IssueV2Page{}, Effect: Read,
		},
		{
			Name: "issue_filter_condition_field", Title: "List issue filter fields",
			Description: "Fields a project's issues can be filtered on, with their custom field ids.",
			Endpoint:    post("/issue/filter-condition-field"), Input: schemas.IssueFilterConditionField{}, Effect: Read,
		},
		{
			Name: "issue_select_options", Title: "Get field options",
			Description: "Option values of custom fields; ids from issue_filter_condition_field.",
			Endpoint:    post("/issue/select-options"), Input: schemas.IssueSelectOptions{}, Effect: Read,
		},
		{
			Name: "issue_relationship_list", Title: "List issue relations",
			Description: "Issues linked to an issue, with the relation type.",
			Endpoint:    get("/issue/relationship-list"), Input: schemas.IssueRelationshipList{}, Effect: Read,
		},
		{
			Name: "issue_add_relationship", Title: "Link issues",
			Description: "Link two issues with a relation type.",
			Endpoint:    post("/issue/add-relationship"), Input: schemas.IssueAddRelationship{}, Effect: Create,
		},
		{
			Name: "issue_remove_relationship", Title: "Unlink issues",
			Description: "Remove a relation between two issues; see issue_relationship_list.",
			Endpoint:    post("/issue/remove-relationship"), Input: schemas.IssueRemoveRelationship{}, Effect: Delete,
		},
		{
			Name: "issue_batch_add_subtask", Title: "Add subtasks",
			Description: "Create subtasks under an issue; field codes from issue_list_subtask_field.",
			Endpoint:    post("/issue/batch-add-subtask"), Input: schemas.IssueBatchAddSubtask{}, Effect: Create,
		},
		{
			Name: "issue_remove_subtask", Title: "Delete subtask",
			Description: "Delete a subtask of an issue.",
			Endpoint:    del("/issue/remove-subtask"), Input: schemas.IssueRemoveSubtask{}, Effect: Delete,
		},
		{
			Name: "issue_update_subtask", Title: "Update subtask",
			Description: "Change fields of a subtask; ids from issue_list_subtask.",
			Endpoint:    patch("/issue/update-subtask"), Input: schemas.IssueUpdateSubtask{}, Effect: Update,
		},
		{
			Name: "issue_list_subtask", Title: "List subtasks",
			Description: "Subtasks of an issue with assignee, dates and labour.",
			Endpoint:    post("/issue/list-subtask"), Input: schemas.IssueListSubtask{}, Effect: Read,
		},
		{
			Name: "issue_update_subtask_status", Title: "Complete subtask",
			Description: "Mark a subtask done or reopen it.",
			Endpoint:    patch("/issue/update-subtask-status"), Input: schemas.IssueUpdateSubtaskStatus{}, Effect: Update,
		},
		{
			Name: "issue_list_subtask_field", Title: "List subtask fields",
			Description: "Editable subtask fields of a project, with options.",
			Endpoint:    post("/issue/list-subtask-field"), Input: schemas.IssueListSubtaskField{}, Effect: Read,
		},
		{
			Name: "issue_labour_record_add", Title: "Log work",
			Description: "Record hours spent on an issue.",
			Endpoint:    post("/issue/labour-record/add"), Input: schemas.IssueLabourRecordAdd{}, Effect: Create,
		},
		{
			Name: "issue_labour_record_update", Title: "Update work log",
			Description: "Change a labour record; ids from issue_labour_record_page.",
			Endpoint:    patch("/issue/labour-record/update"), Input: schemas.IssueLabourRecordUpdate{}, Effect: Update,
		},
		{
			Name: "issue_labour_record_delete", Title: "Delete work log",
			Description: "Delete a labour record; ids from issue_labour_record_page.",
			Endpoint:    del("/issue/labour-record/delete"), Input: schemas.IssueLabourRecordDelete{}, Effect: Delete,
		},
		{
			Name: "issue_labour_record_page", Title: "List work logs",
			Description: "Paged labour records of a project, by issue, date range or user.",
			Endpoint:    post("/issue/labour-record/page"), Input: schemas.IssueLabourRecordPage{}, Effect: Read,
		},
		{
			Name: "issue_trash_select_options", Title: "Get trash filter options",
			Description: "Projects and users to filter the issue trash by (paid plans).",
			Endpoint:    post("/issue/trash-select-options"), Input: schemas.IssueTrashSelectOptions{}, Effect: Read,
		},
		{
			Name: "issue_trash_page", Title: "List deleted issues",
			Description: "Paged deleted issues in the trash (paid plans).",
			Endpoint:    post("/issue/trash/page"), Input: schemas.IssueTrashPage{}, Effect: Read,
		},
		{
			Name: "issue_trash_restore", Title: "Restore deleted issue",
			Description: "Restore an issue from the trash (paid plans); ids from issue_trash_page.",
			Endpoint:    post("/issue/trash/restore"), Input: schemas.IssueTrashRestore{}, Effect: Update,
		},
		{
			Name: "issue_page_finished", Title: "List finished issues",
			Description: "Paged issues finished in a time window, by project, sprint or assignee.",
			Endpoint:    post("/issue/page-finished"), Input: schemas.IssuePageFinished{}, Effect: Read,
		},
	}
}
