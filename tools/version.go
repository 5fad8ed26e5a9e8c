package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// versionTools are the endpoints of the version module.
func versionTools() []Tool {
	return []Tool{
		{
			Name: "version_version_status_list", Title: "List version statuses",
			Description: "Version status codes and names, for the statusList of version_all_version.",
			Endpoint:    get("/version/version-status-list"), Input: schemas.VersionVersionStatusList{}, Effect: Read,
		},
		{
			Name: "version_optional_owner_list", Title: "List version owner options",
			Description: "Users who can own a version: the ownerId values.",
			Endpoint:    get("/version/optional-owner-list"), Input: schemas.VersionOptionalOwnerList{}, Effect: Read,
		},
		{
			Name: "version_all_version", Title: "List versions",
			Description: "Page through the organisation's versions, filtered by name, status or owner.",
			Endpoint:    post("/version/all-version"), Input: schemas.VersionAllVersion{}, Effect: Read,
		},
		{
			Name: "version_add", Title: "Create version",
			Description: "Create a release version (organisation-wide, no project).",
			Endpoint:    post("/version/add"), Input: schemas.VersionAdd{}, Effect: Create,
		},
		{
			Name: "version_update", Title: "Update version",
			Description: "Change a version's name, owner, dates or description; get id from version_all_version.",
			Endpoint:    patch("/version/update"), Input: schemas.VersionUpdate{}, Effect: Update,
		},
		{
			Name: "version_remove", Title: "Remove version",
			Description: "Delete a version; get id from version_all_version.",
			Endpoint:    del("/version/remove"), Input: schemas.VersionRemove{}, Effect: Delete,
		},
		{
			Name: "version_release", Title: "Release version",
			Description: "Mark a version released, optionally on a given date.",
			Endpoint:    patch("/version/release"), Input: schemas.VersionRelease{}, Effect: Update,
		},
		{
			Name: "version_unrelease", Title: "Cancel version release",
			Description: "Set a released version back to unreleased.",
			Endpoint:    patch("/version/unrelease"), Input: schemas.VersionUnrelease{}, Effect: Update,
		},
		{
			Name: "version_archive", Title: "Archive version",
			Description: "Archive a version; version_unarchive undoes it.",
			Endpoint:    patch("/version/archive"), Input: schemas.VersionArchive{}, Effect: Update,
		},
		{
			Name: "version_unarchive", Title: "Unarchive version",
			Description: "Restore an archived version.",
			Endpoint:    patch("/version/unarchive"), Input: schemas.VersionUnarchive{}, Effect: Update,
		},
		{
			Name: "version_detail", Title: "Get version",
			Description: "Version detail by id: status, dates, days to release.",
			Endpoint:    get("/version/detail"), Input: schemas.VersionDetail{}, Effect: Read,
		},
		{
			Name: "version_associate_issue", Title: "Add issue to version",
			Description: "Link one issue to a version.",
			Endpoint:    patch("/version/associate-issue"), Input: schemas.VersionAssociateIssue{}, Effect: Update,
		},
		{
			Name: "version_disassociate_issue", Title: "Remove issue from version",
			Description: "Unlink one issue from a version; the issue itself is kept.",
			Endpoint:    patch("/version/disassociate-issue"), Input: schemas.VersionDisassociateIssue{}, Effect: Update,
		},
		{
			Name: "version_page_associate", Title: "List version issues",
			Description: "Page through the issues linked to a version.",
			Endpoint:    post("/version/page-associate"), Input: schemas.VersionPageAssociate{}, Effect: Read,
		},
	}
}
