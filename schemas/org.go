package schemas

// OrgAllMemberList is the input of org_all_member_list.
type OrgAllMemberList struct {
	Key string `json:"key,omitempty" jsonschema_description:"Search text: name or email"`
	Paging
}

// OrgEnableOrgUser is the input of org_enable_org_user.
type OrgEnableOrgUser struct {
	UserID int64 `json:"userId" jsonschema:"required,minimum=1"`
}

// OrgDisableOrgUser is the input of org_disable_org_user.
type OrgDisableOrgUser struct {
	UserID int64 `json:"userId" jsonschema:"required,minimum=1"`
}

// OrgRemoveOrgUser is the input of org_remove_org_user.
type OrgRemoveOrgUser struct {
	UserID int64 `json:"userId" jsonschema:"required,minimum=1"`
}
