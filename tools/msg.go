package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// msgTools are the endpoints of the msg module.
func msgTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "msg_list", Title: "List my messages",
			Description: "Your notifications (mentions, watched, assigned, system), by read flag and category.",
			Endpoint:    endpoints.MsgList, Effect: toolkit.Read,
		},
	}
}
