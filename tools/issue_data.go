package tools

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Checks of the field codes in the data maps of issue writes, before
// anything is sent: the API's data map is open, and a project's real codes
// come from its fields (Get Issue Fields, cached). A code the project does
// not have is refused, naming the valid codes; a misspelt code is never
// sent. The common codes every project has pass without a look-up.

// checkIssueCodes refuses the codes of data that the issue type's fields
// lack; field names the argument in messages.
func checkIssueCodes(ctx context.Context, d *toolkit.Deps, projectID, typeID int64, field string, data schemas.IssueData) error {
	unknown := uncommonCodes(data)
	if len(unknown) == 0 {
		return nil
	}
	if d.Resolver == nil {
		return fmt.Errorf("%s: cannot check field codes %s: this server has no resolver", field, strings.Join(unknown, ", "))
	}
	fields, err := d.Resolver.Fields(ctx, projectID, typeID)
	if err != nil {
		return fmt.Errorf("%s: reading the project's fields to check %s: %w", field, strings.Join(unknown, ", "), err)
	}
	return refuseCodes("", field, unknown, fields)
}

// refuseCodes is the error for codes missing from fields, or nil.
func refuseCodes(tool, field string, unknown []string, fields []endpoints.FieldInfo) error {
	valid := make([]string, 0, len(fields))
	for _, f := range fields {
		valid = append(valid, f.Code)
	}
	var problems []string
	for _, code := range unknown {
		if !slices.Contains(valid, code) {
			problems = append(problems, fmt.Sprintf("unknown field code %q in %s; valid codes: %s", code, field, strings.Join(valid, ", ")))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &toolkit.ArgumentError{Tool: tool, Problems: problems}
}

// uncommonCodes lists the codes of data that not every project has.
func uncommonCodes(data schemas.IssueData) []string {
	var out []string
	for code := range data {
		if !schemas.CommonCodes(code) {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

func checkIssueAdd(ctx context.Context, d *toolkit.Deps, in *schemas.IssueAdd) error {
	return named("issue_add", checkIssueCodes(ctx, d, in.ProjectID, in.IssueTypeID, "data", in.Data))
}

func checkIssueBatchAdd(ctx context.Context, d *toolkit.Deps, in *schemas.IssueBatchAdd) error {
	for i, data := range in.Datas {
		if err := checkIssueCodes(ctx, d, in.ProjectID, in.IssueTypeID, fmt.Sprintf("datas[%d]", i), data); err != nil {
			return named("issue_batch_add", err)
		}
	}
	return nil
}

func checkIssueBatchUpdate(ctx context.Context, d *toolkit.Deps, in *schemas.IssueBatchUpdate) error {
	return named("issue_batch_update", checkIssueCodes(ctx, d, in.ProjectID, in.IssueTypeID, "data", in.Data))
}

// checkIssueUpdate reads the issue (only when data holds codes not every
// project has) to check them against its project and type.
func checkIssueUpdate(ctx context.Context, d *toolkit.Deps, in *schemas.IssueUpdate) error {
	if len(uncommonCodes(in.Data)) == 0 || d.Resolver == nil {
		return nil
	}
	is, err := d.Resolver.Issue(ctx, fmt.Sprint(in.ID))
	if err != nil {
		return err
	}
	return named("issue_update", checkIssueCodes(ctx, d, is.ProjectID, is.TypeID, "data", in.Data))
}

// customCode is the shape of a custom field's code.
var customCode = regexp.MustCompile(`^customfield_\w+$`)

// checkShapeOfCodes refuses codes that are neither common nor shaped like
// a custom field, for data maps whose fields cannot be listed by id alone
// (subtasks, epic updates).
func checkShapeOfCodes(tool, field string, data schemas.IssueData) error {
	var problems []string
	for _, code := range uncommonCodes(data) {
		if !customCode.MatchString(code) {
			problems = append(problems, fmt.Sprintf("unknown field code %q in %s; use one of %s or customfield_N", code, field, strings.Join(schemas.CommonCodeNames(), ", ")))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &toolkit.ArgumentError{Tool: tool, Problems: problems}
}

func checkSubtaskAdd(_ context.Context, _ *toolkit.Deps, in *schemas.IssueBatchAddSubtask) error {
	for i, data := range in.Datas {
		if err := checkShapeOfCodes("issue_batch_add_subtask", fmt.Sprintf("datas[%d]", i), data); err != nil {
			return err
		}
	}
	return nil
}

func checkSubtaskUpdate(_ context.Context, _ *toolkit.Deps, in *schemas.IssueUpdateSubtask) error {
	return checkShapeOfCodes("issue_update_subtask", "data", in.Data)
}

// checkEpicAdd checks the codes against the project's epic fields.
func checkEpicAdd(ctx context.Context, d *toolkit.Deps, in *schemas.EpicAdd) error {
	unknown := uncommonCodes(in.Data)
	if len(unknown) == 0 {
		return nil
	}
	page, err := endpoints.Call(ctx, d.API, endpoints.EpicEpicFields, schemas.EpicEpicFields{ProjectID: in.ProjectID})
	if err != nil {
		return fmt.Errorf("data: reading the project's epic fields to check %s: %w", strings.Join(unknown, ", "), err)
	}
	return refuseCodes("epic_add", "data", unknown, page.Rows)
}

func checkEpicUpdate(_ context.Context, _ *toolkit.Deps, in *schemas.EpicUpdate) error {
	return checkShapeOfCodes("epic_update", "data", in.Data)
}

// named gives an argument error the tool's name.
func named(tool string, err error) error {
	if ae, ok := err.(*toolkit.ArgumentError); ok {
		ae.Tool = tool
	}
	return err
}
