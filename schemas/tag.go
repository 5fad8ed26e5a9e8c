package schemas

// TagAdd is the input of tag_add.
type TagAdd struct {
	ProjectID int64  `json:"projectId" jsonschema:"required,minimum=1"`
	TagName   string `json:"tagName" jsonschema:"required,minLength=1"`
}

// TagUpdate is the input of tag_update.
type TagUpdate struct {
	ID      int64  `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Tag id"`
	TagName string `json:"tagName" jsonschema:"required,minLength=1" jsonschema_description:"New name"`
}

// TagRemove is the input of tag_remove.
type TagRemove struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Tag id"`
}

// TagList is the input of tag_list.
type TagList OnlyProjectID
