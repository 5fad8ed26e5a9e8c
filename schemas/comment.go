package schemas

// CommentAdd is the input of comment_add.
type CommentAdd struct {
	CommentModule     string             `json:"commentModule" jsonschema:"required,enum=issue"`
	LinkID            int64              `json:"linkId" jsonschema:"required,minimum=1" jsonschema_description:"Issue id"`
	Content           string             `json:"content" jsonschema:"required,minLength=1" jsonschema_description:"Comment body, HTML or text"`
	PlainContent      string             `json:"plainContent,omitempty" jsonschema_description:"Plain-text version"`
	CommentID         int64              `json:"commentId,omitempty" jsonschema:"minimum=1" jsonschema_description:"Comment to reply to"`
	CommentAttributes *CommentAttributes `json:"commentAttributes,omitempty" jsonschema_description:"Mentions"`
}

// CommentAttributes holds the mentions of a new comment.
type CommentAttributes struct {
	CommentAtInfos []CommentAtInfo `json:"commentAtInfos,omitempty" jsonschema_description:"Mentioned users"`
}

// CommentAtInfo is one mentioned user; positions are offsets in content.
type CommentAtInfo struct {
	UserID        int64  `json:"userId" jsonschema:"required,minimum=1"`
	UserName      string `json:"userName,omitempty"`
	StartPosition *int   `json:"startPosition,omitempty" jsonschema:"minimum=0" jsonschema_description:"Mention start offset in content"`
	EndPosition   *int   `json:"endPosition,omitempty" jsonschema:"minimum=0" jsonschema_description:"Mention end offset"`
}

// CommentUpdate is the input of comment_update.
type CommentUpdate struct {
	CommentID    int64  `json:"commentId" jsonschema:"required,minimum=1"`
	Content      string `json:"content" jsonschema:"required,minLength=1" jsonschema_description:"New body, HTML or text"`
	PlainContent string `json:"plainContent,omitempty" jsonschema_description:"Plain-text version"`
}

// CommentRemove is the input of comment_remove.
type CommentRemove struct {
	ID int64 `json:"id" jsonschema:"required,minimum=1" jsonschema_description:"Comment id"`
}

// CommentPage is the input of comment_page.
type CommentPage struct {
	CommentModule string `json:"commentModule" jsonschema:"required,enum=issue"`
	LinkID        int64  `json:"linkId" jsonschema:"required,minimum=1" jsonschema_description:"Issue id"`
	Paging
}

// CommentUpdateStickerStatus is the input of comment_update_sticker_status.
type CommentUpdateStickerStatus struct {
	LinkModule  string `json:"linkModule,omitempty" jsonschema:"enum=issue"`
	LinkEntity  string `json:"linkEntity,omitempty" jsonschema_description:"e.g. comment"`
	LinkID      int64  `json:"linkId" jsonschema:"required,minimum=1" jsonschema_description:"Comment id"`
	StickerCode string `json:"stickerCode" jsonschema:"required,minLength=1" jsonschema_description:"From comment_list_sticker"`
	DeleteFlag  int    `json:"deleteFlag" jsonschema:"required,enum=0,enum=1" jsonschema_description:"0 adds the reaction, 1 removes it"`
	IssueID     int64  `json:"issueId" jsonschema:"required,minimum=1" jsonschema_description:"Issue owning the comment"`
}

// CommentListSticker is the input of comment_list_sticker (no arguments).
type CommentListSticker struct{}
