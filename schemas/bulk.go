package schemas

// MaxBulkIssues is how many issues one bulk_update_issues call may select.
const MaxBulkIssues = 100

// BulkUpdateIssues is the input of bulk_update_issues: the issues, by
// number or by the filters of search_issues, and one set of changes by
// name. It previews unless dry_run is false.
type BulkUpdateIssues struct {
	Issues   []string `json:"issues,omitempty" jsonschema_description:"Issue numbers, instead of filters"`
	Text     string   `json:"text,omitempty" jsonschema_description:"Title words"`
	Project  string   `json:"project,omitempty" jsonschema_description:"Project key or name"`
	Assignee string   `json:"assignee,omitempty" jsonschema_description:"Current assignee, me or none"`
	IssueFilters
	Set    BulkChanges `json:"set" jsonschema:"required" jsonschema_description:"Changes by name"`
	DryRun *bool       `json:"dry_run,omitempty" jsonschema_description:"Default true (preview); false applies"`
}

// BulkChanges are the changes bulk_update_issues applies to every
// selected issue. Labels are added and removed, never replaced.
type BulkChanges struct {
	Status       string   `json:"status,omitempty" jsonschema_description:"Status name"`
	Sprint       string   `json:"sprint,omitempty" jsonschema_description:"Name, current, next or none"`
	Assignee     string   `json:"assignee,omitempty" jsonschema_description:"Name, me or none"`
	Priority     string   `json:"priority,omitempty"`
	AddLabels    []string `json:"add_labels,omitempty"`
	RemoveLabels []string `json:"remove_labels,omitempty"`
	Due          string   `json:"due,omitempty" jsonschema_description:"Date or none"`
}

// Empty reports whether no change is asked for.
func (c BulkChanges) Empty() bool {
	return c.Status == "" && c.Sprint == "" && c.Assignee == "" && c.Priority == "" &&
		len(c.AddLabels) == 0 && len(c.RemoveLabels) == 0 && c.Due == ""
}

// Preview reports whether the call only previews (dry_run unset or true).
func (b *BulkUpdateIssues) Preview() bool { return b.DryRun == nil || *b.DryRun }

// Search is the search_issues query that selects the issues.
func (b *BulkUpdateIssues) Search() *SearchIssues {
	return &SearchIssues{Text: b.Text, Project: b.Project, Assignee: b.Assignee, IssueFilters: b.IssueFilters}
}

// Filtered reports whether any filter (not issue numbers) selects issues.
func (b *BulkUpdateIssues) Filtered() bool {
	f := b.IssueFilters
	return b.Text != "" || b.Project != "" || b.Assignee != "" || len(f.Type) > 0 || len(f.Status) > 0 ||
		len(f.Priority) > 0 || len(f.Labels) > 0 || f.Sprint != "" || f.Epic != "" || f.Version != "" ||
		f.Created != "" || f.Updated != "" || f.Due != ""
}
