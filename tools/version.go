package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// versionTools are the endpoints of the version module.
func versionTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "version_version_status_list", Title: "List version statuses",
			Description: "Version status codes and names, for the statusList of version_all_version.",
			Endpoint:    endpoints.VersionVersionStatusList, Effect: toolkit.Read,
		},
		{
			Name: "version_optional_owner_list", Title: "List version owner options",
			Description: "Users who can own a version: the ownerId values.",
			Endpoint:    endpoints.VersionOptionalOwnerList, Effect: toolkit.Read,
		},
		{
			Name: "version_all_version", Title: "List versions",
			Description: "Page through the organisation's versions, filtered by name, status or owner.",
			Endpoint:    endpoints.VersionAllVersion, Effect: toolkit.Read,
		},
		{
			Name: "version_add", Title: "Create version",
			Description: "Create a release version (organisation-wide, no project).",
			Endpoint:    endpoints.VersionAdd, Effect: toolkit.Create,
		},
		{
			Name: "version_update", Title: "Update version",
			Description: "Change a version's name, owner, dates or description; get id from version_all_version.",
			Endpoint:    endpoints.VersionUpdate, Effect: toolkit.Update,
		},
		{
			Name: "version_remove", Title: "Remove version",
			Description: "Delete a version; get id from version_all_version.",
			Endpoint:    endpoints.VersionRemove, Effect: toolkit.Delete,
		},
		{
			Name: "version_release", Title: "Release version",
			Description: "Mark a version released, optionally on a given date.",
			Endpoint:    endpoints.VersionRelease, Effect: toolkit.Update,
		},
		{
			Name: "version_unrelease", Title: "Cancel version release",
			Description: "Set a released version back to unreleased.",
			Endpoint:    endpoints.VersionUnrelease, Effect: toolkit.Update,
		},
		{
			Name: "version_archive", Title: "Archive version",
			Description: "Archive a version; version_unarchive undoes it.",
			Endpoint:    endpoints.VersionArchive, Effect: toolkit.Update,
		},
		{
			Name: "version_unarchive", Title: "Unarchive version",
			Description: "Restore an archived version.",
			Endpoint:    endpoints.VersionUnarchive, Effect: toolkit.Update,
		},
		{
			Name: "version_detail", Title: "Get version",
			Description: "Version detail by id: status, dates, days to release.",
			Endpoint:    endpoints.VersionDetail, Effect: toolkit.Read,
		},
		{
			Name: "version_associate_issue", Title: "Add issue to version",
			Description: "Link one issue to a version. Prefer update_issue (version): takes names.",
			Endpoint:    endpoints.VersionAssociateIssue, Effect: toolkit.Update,
		},
		{
			Name: "version_disassociate_issue", Title: "Remove issue from version",
			Description: "Unlink one issue from a version; the issue itself is kept.",
			Endpoint:    endpoints.VersionDisassociateIssue, Effect: toolkit.Update,
		},
		{
			Name: "version_page_associate", Title: "List version issues",
			Description: "Page through the issues linked to a version.",
			Endpoint:    endpoints.VersionPageAssociate, Effect: toolkit.Read,
		},
	}
}
