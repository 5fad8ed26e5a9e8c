package schemas

// VersionVersionStatusList is the input of version_version_status_list (no arguments).
type VersionVersionStatusList struct{}

// VersionOptionalOwnerList is the input of version_optional_owner_list (no arguments).
type VersionOptionalOwnerList struct{}

// VersionAllVersion is the input of version_all_version.
type VersionAllVersion struct {
	Name       string   `json:"name,omitempty" jsonschema_description:"Name keyword"`
	StatusList []string `json:"statusList,omitempty" jsonschema_description:"Status codes (version_version_status_list)"`
	OwnerIDs   []int64  `json:"ownerIds,omitempty" jsonschema:"minimum=1"`
	Paging
}

// VersionFields are the optional fields version_add and version_update set.
type VersionFields struct {
	StartDate   Millis `json:"startDate,omitempty"`
	PlanDate    Millis `json:"planDate,omitempty" jsonschema_description:"Planned release date"`
	Description string `json:"description,omitempty"`
}

// VersionAdd is the input of version_add.
type VersionAdd struct {
	Name    string `json:"name" jsonschema:"required,minLength=1"`
	OwnerID int64  `json:"ownerId" jsonschema:"required,minimum=1" jsonschema_description:"User id (version_optional_owner_list)"`
	VersionFields
}

// VersionUpdate is the input of version_update.
type VersionUpdate struct {
	ID      int64  `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Version id"`
	Name    string `json:"name" jsonschema:"required,minLength=1"`
	OwnerID int64  `json:"ownerId" jsonschema:"required,minimum=1" jsonschema_description:"User id (version_optional_owner_list)"`
	VersionFields
}

// OnlyVersionID is the input of a version tool that takes nothing but the
// version's id.
type OnlyVersionID struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Version id"`
}

// VersionRemove is the input of version_remove.
type VersionRemove OnlyVersionID

// VersionRelease is the input of version_release.
type VersionRelease struct {
	ID           int64  `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Version id"`
	ReleasedDate Millis `json:"releasedDate" jsonschema:"required"`
}

// VersionUnrelease is the input of version_unrelease.
type VersionUnrelease OnlyVersionID

// VersionArchive is the input of version_archive.
type VersionArchive OnlyVersionID

// VersionUnarchive is the input of version_unarchive.
type VersionUnarchive OnlyVersionID

// VersionDetail is the input of version_detail.
type VersionDetail OnlyVersionID

// VersionIssue names a version and an issue linked to it, or to link.
type VersionIssue struct {
	ReleaseID int64 `json:"releaseId" jsonschema:"required,minimum=1" jsonschema_description:"Version id"`
	IssueID   int64 `json:"issueId" jsonschema:"required,minimum=1"`
}

// VersionAssociateIssue is the input of version_associate_issue.
type VersionAssociateIssue VersionIssue

// VersionDisassociateIssue is the input of version_disassociate_issue.
type VersionDisassociateIssue VersionIssue

// VersionPageAssociate is the input of version_page_associate.
type VersionPageAssociate struct {
	ReleaseID     int64 `json:"releaseId" jsonschema:"required,minimum=1" jsonschema_description:"Version id"`
	ProjectID     int64 `json:"projectId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Only issues of this project"`
	StateCategory int   `json:"stateCategory,omitempty" jsonschema:"enum=2,enum=3,enum=4" jsonschema_description:"2 not started, 3 in progress, 4 done"`
	AssigneeID    int64 `json:"assigneeId,omitempty" jsonschema:"minimum=1"`
	Paging
}
