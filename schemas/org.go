package schemas

// OrgAllMemberList is the input of org_all_member_list.
type OrgAllMemberList struct {
	Key string `json:"key,omitempty" jsonschema_description:"Search text: name or email"`
	Paging
}

// OnlyUserID is the input of an organisation tool that takes nothing but a
// user id.
type OnlyUserID struct {
	UserID int64 `json:"userId" jsonschema:"required,minimum=1"`
}

// OrgEnableOrgUser is the input of org_enable_org_user.
type OrgEnableOrgUser OnlyUserID

// OrgDisableOrgUser is the input of org_disable_org_user.
type OrgDisableOrgUser OnlyUserID

// OrgRemoveOrgUser is the input of org_remove_org_user.
type OrgRemoveOrgUser OnlyUserID
