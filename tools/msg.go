package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// msgTools are the endpoints of the msg module.
func msgTools() []Tool {
	return []Tool{
		{
			Name: "msg_list", Title: "List my messages",
			Description: "Your notifications (mentions, watched, assigned, system), by read flag and category.",
			Endpoint:    post("/msg/list"), Input: schemas.MsgList{}, Effect: Read,
		},
	}
}
