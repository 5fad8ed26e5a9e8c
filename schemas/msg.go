package schemas

// MsgList is the input of msg_list.
type MsgList struct {
	Read     *bool    `json:"read,omitempty" jsonschema_description:"true: read only, false: unread only"`
	Category []string `json:"category,omitempty" jsonschema:"enum=comment,enum=follow,enum=responsible,enum=automation_station_msg,enum=sys" jsonschema_description:"comment: @me; follow: watched; responsible: assigned to me"`
	Paging
}
