package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// issueTools are the endpoints of the issue module, in catalog order.
func issueTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "issue_type_list", Title: "List issue types",
			Description: "Issue types of a project (id, name, workflowId).",
			Endpoint:    endpoints.IssueTypeList, Effect: toolkit.Read,
		},
		{
			Name: "issue_issue_scheme", Title: "Get issue scheme",
			Description: "Create-form template for an issue type: field codes, required flags, options.",
			Endpoint:    endpoints.IssueIssueScheme, Effect: toolkit.Read,
		},
		{
			Name: "issue_issue_fields", Title: "List issue fields",
			Description: "Field names and codes of an issue type.",
			Endpoint:    endpoints.IssueIssueFields, Effect: toolkit.Read,
		},
		{
			Name: "issue_issue_field_info", Title: "Get issue field detail",
			Description: "One field's control type and option values (e.g. status ids); codes from issue_issue_fields.",
			Endpoint:    endpoints.IssueIssueFieldInfo, Effect: toolkit.Read,
		},
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_batch_add", Title: "Create issues in bulk",
			Description: "Create several issues of one type; reports success per row.",
			Endpoint:    endpoints.IssueBatchAdd, Effect: toolkit.Create,
		}, checkIssueBatchAdd),
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_add", Title: "Create issue by ids",
			Description: "Create one issue in a project; data holds field values by field code. Prefer create_issue: takes names.",
			Endpoint:    endpoints.IssueAdd, Effect: toolkit.Create,
		}, checkIssueAdd),
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_batch_update", Title: "Update issues in bulk",
			Description: "Set the same field values on several issues of one type.",
			Endpoint:    endpoints.IssueBatchUpdate, Effect: toolkit.Update,
		}, checkIssueBatchUpdate),
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_update", Title: "Update issue by id",
			Description: "Change fields of one issue by numeric id; status ids from workflow_list. Prefer update_issue: takes names.",
			Endpoint:    endpoints.IssueUpdate, Effect: toolkit.Update,
		}, checkIssueUpdate),
		{
			Name: "issue_v2_get", Title: "Get issue (v2)",
			Description: "Issue detail by numeric id, newer richer format. Prefer get_issue: compact.",
			Endpoint:    endpoints.IssueV2Get, Effect: toolkit.Read,
		},
		{
			Name: "issue_get", Title: "Get issue by id",
			Description: "Issue detail by numeric id, all raw fields. Prefer get_issue: compact.",
			Endpoint:    endpoints.IssueGet, Effect: toolkit.Read,
		},
		{
			Name: "issue_get_by_issue_number", Title: "Get issue by number",
			Description: "Issue detail by its number (ABC-123), all raw fields. Prefer get_issue: compact.",
			Endpoint:    endpoints.IssueGetByIssueNumber, Effect: toolkit.Read,
		},
		{
			Name: "issue_remove", Title: "Delete issue",
			Description: "Delete one issue (it goes to the trash; issue_trash_restore brings it back).",
			Endpoint:    endpoints.IssueRemove, Effect: toolkit.Delete,
		},
		{
			Name: "issue_batch_remove", Title: "Delete issues in bulk",
			Description: "Delete several issues of a project (they go to the trash).",
			Endpoint:    endpoints.IssueBatchRemove, Effect: toolkit.Delete,
		},
		{
			Name: "issue_page", Title: "Page issues of a project",
			Description: "Paged issue search in a project by keyword, status category and field values. Prefer search_issues: takes names.",
			Endpoint:    endpoints.IssuePage, Effect: toolkit.Read,
		},
		{
			Name: "issue_v2_page", Title: "Search issues (v2)",
			Description: "Paged issue search with option and number filters; also matches issues via their subtasks. Prefer search_issues: takes names.",
			Endpoint:    endpoints.IssueV2Page, Effect: toolkit.Read,
		},
		{
			Name: "issue_filter_condition_field", Title: "List issue filter fields",
			Description: "Fields a project's issues can be filtered on, with their custom field ids.",
			Endpoint:    endpoints.IssueFilterConditionField, Effect: toolkit.Read,
		},
		{
			Name: "issue_select_options", Title: "Get field options",
			Description: "Option values of custom fields; ids from issue_filter_condition_field.",
			Endpoint:    endpoints.IssueSelectOptions, Effect: toolkit.Read,
		},
		{
			Name: "issue_relationship_list", Title: "List issue relations",
			Description: "Issues linked to an issue, with the relation type.",
			Endpoint:    endpoints.IssueRelationshipList, Effect: toolkit.Read,
		},
		{
			Name: "issue_add_relationship", Title: "Link issues",
			Description: "Link two issues with a relation type.",
			Endpoint:    endpoints.IssueAddRelationship, Effect: toolkit.Create,
		},
		{
			Name: "issue_remove_relationship", Title: "Unlink issues",
			Description: "Remove a relation between two issues; see issue_relationship_list.",
			Endpoint:    endpoints.IssueRemoveRelationship, Effect: toolkit.Delete,
		},
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_batch_add_subtask", Title: "Add subtasks",
			Description: "Create subtasks under an issue; field codes from issue_list_subtask_field.",
			Endpoint:    endpoints.IssueBatchAddSubtask, Effect: toolkit.Create,
		}, checkSubtaskAdd),
		{
			Name: "issue_remove_subtask", Title: "Delete subtask",
			Description: "Delete a subtask of an issue.",
			Endpoint:    endpoints.IssueRemoveSubtask, Effect: toolkit.Delete,
		},
		toolkit.WithCheck(toolkit.Tool{
			Name: "issue_update_subtask", Title: "Update subtask",
			Description: "Change fields of a subtask; ids from issue_list_subtask.",
			Endpoint:    endpoints.IssueUpdateSubtask, Effect: toolkit.Update,
		}, checkSubtaskUpdate),
		{
			Name: "issue_list_subtask", Title: "List subtasks",
			Description: "Subtasks of an issue with assignee, dates and labour.",
			Endpoint:    endpoints.IssueListSubtask, Effect: toolkit.Read,
		},
		{
			Name: "issue_update_subtask_status", Title: "Complete subtask",
			Description: "Mark a subtask done or reopen it.",
			Endpoint:    endpoints.IssueUpdateSubtaskStatus, Effect: toolkit.Update,
		},
		{
			Name: "issue_list_subtask_field", Title: "List subtask fields",
			Description: "Editable subtask fields of a project, with options.",
			Endpoint:    endpoints.IssueListSubtaskField, Effect: toolkit.Read,
		},
		{
			Name: "issue_labour_record_add", Title: "Add work log by issue id",
			Description: "Record hours spent on an issue by id. Prefer log_work: takes issue numbers.",
			Endpoint:    endpoints.IssueLabourRecordAdd, Effect: toolkit.Create,
		},
		{
			Name: "issue_labour_record_update", Title: "Update work log",
			Description: "Change a labour record; ids from issue_labour_record_page.",
			Endpoint:    endpoints.IssueLabourRecordUpdate, Effect: toolkit.Update,
		},
		{
			Name: "issue_labour_record_delete", Title: "Delete work log",
			Description: "Delete a labour record; ids from issue_labour_record_page.",
			Endpoint:    endpoints.IssueLabourRecordDelete, Effect: toolkit.Delete,
		},
		{
			Name: "issue_labour_record_page", Title: "List work logs",
			Description: "Paged labour records of a project, by issue, date range or user.",
			Endpoint:    endpoints.IssueLabourRecordPage, Effect: toolkit.Read,
		},
		{
			Name: "issue_trash_select_options", Title: "Get trash filter options",
			Description: "Projects and users to filter the issue trash by (paid plans).",
			Endpoint:    endpoints.IssueTrashSelectOptions, Effect: toolkit.Read,
		},
		{
			Name: "issue_trash_page", Title: "List deleted issues",
			Description: "Paged deleted issues in the trash (paid plans).",
			Endpoint:    endpoints.IssueTrashPage, Effect: toolkit.Read,
		},
		{
			Name: "issue_trash_restore", Title: "Restore deleted issue",
			Description: "Restore an issue from the trash (paid plans); ids from issue_trash_page.",
			Endpoint:    endpoints.IssueTrashRestore, Effect: toolkit.Update,
		},
		{
			Name: "issue_page_finished", Title: "List finished issues",
			Description: "Paged issues finished in a time window, by project, sprint or assignee.",
			Endpoint:    endpoints.IssuePageFinished, Effect: toolkit.Read,
		},
	}
}
