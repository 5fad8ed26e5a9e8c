package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// webhookTools are the endpoints of the webhook module.
func webhookTools() []toolkit.Tool {
	return []toolkit.Tool{
		{
			Name: "webhook_list_types", Title: "List webhook types",
			Description: "Webhook type codes of a project, for webhook_add type.",
			Endpoint:    endpoints.WebhookListTypes, Effect: toolkit.Read,
		},
		{
			Name: "webhook_list_events", Title: "List webhook events",
			Description: "Events a project's webhooks can subscribe to, for eventIds.",
			Endpoint:    endpoints.WebhookListEvents, Effect: toolkit.Read,
		},
		{
			Name: "webhook_add", Title: "Create webhook",
			Description: "Create a project webhook that posts the chosen events to a URL.",
			Endpoint:    endpoints.WebhookAdd, Effect: toolkit.Create,
		},
		{
			Name: "webhook_delete", Title: "Remove webhook",
			Description: "Delete a webhook; get webhookId from webhook_page.",
			Endpoint:    endpoints.WebhookDelete, Effect: toolkit.Delete,
		},
		{
			Name: "webhook_update", Title: "Update webhook",
			Description: "Change a webhook's name, URL, type, state, secret or events.",
			Endpoint:    endpoints.WebhookUpdate, Effect: toolkit.Update,
		},
		{
			Name: "webhook_get", Title: "Get webhook",
			Description: "Webhook detail with its subscribed events.",
			Endpoint:    endpoints.WebhookGet, Effect: toolkit.Read,
		},
		{
			Name: "webhook_page", Title: "List webhooks",
			Description: "A project's webhooks, filtered by name, creator, type or state.",
			Endpoint:    endpoints.WebhookPage, Effect: toolkit.Read,
		},
	}
}
