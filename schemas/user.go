package schemas

// UserProjectUserList is the input of user_project_user_list.
type UserProjectUserList struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1"`
	Keyword   string `json:"keyword,omitempty" jsonschema_description:"Search text: name or email"`
}

// UserProjectUserPage is the input of user_project_user_page.
type UserProjectUserPage struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1"`
	Keyword   string `json:"keyword,omitempty" jsonschema_description:"Search text: name or email"`
	Paging
}

// UserAddMembers is the input of user_add_members.
type UserAddMembers struct {
	ProjectID int64   `json:"projectId" jsonschema:"required,minimum=1"`
	UserIDs   []int64 `json:"userIds" jsonschema:"required,minItems=1,minimum=1" jsonschema_description:"Organization user ids"`
}

// UserRemoveMembers is the input of user_remove_members.
type UserRemoveMembers struct {
	ProjectID int64   `json:"projectId" jsonschema:"required,minimum=1"`
	UserIDs   []int64 `json:"userIds" jsonschema:"required,minItems=1,minimum=1"`
}
