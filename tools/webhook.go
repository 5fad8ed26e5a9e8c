package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// webhookTools are the endpoints of the webhook module.
func webhookTools() []Tool {
	return []Tool{
		{
			Name: "webhook_list_types", Title: "List webhook types",
			Description: "Webhook type codes of a project, for webhook_add type.",
			Endpoint:    get("/webhook/list-types"), Input: schemas.WebhookListTypes{}, Effect: Read,
		},
		{
			Name: "webhook_list_events", Title: "List webhook events",
			Description: "Events a project's webhooks can subscribe to, for eventIds.",
			Endpoint:    get("/webhook/list-events"), Input: schemas.WebhookListEvents{}, Effect: Read,
		},
		{
			Name: "webhook_add", Title: "Create webhook",
			Description: "Create a project webhook that posts the chosen events to a URL.",
			Endpoint:    post("/webhook/add"), Input: schemas.WebhookAdd{}, Effect: Create,
		},
		{
			Name: "webhook_delete", Title: "Remove webhook",
			Description: "Delete a webhook; get webhookId from webhook_page.",
			Endpoint:    del("/webhook/delete"), Input: schemas.WebhookDelete{}, Effect: Delete,
		},
		{
			Name: "webhook_update", Title: "Update webhook",
			Description: "Change a webhook's name, URL, type, state, secret or events.",
			Endpoint:    patch("/webhook/update"), Input: schemas.WebhookUpdate{}, Effect: Update,
		},
		{
			Name: "webhook_get", Title: "Get webhook",
			Description: "Webhook detail with its subscribed events.",
			Endpoint:    get("/webhook/get"), Input: schemas.WebhookGet{}, Effect: Read,
		},
		{
			Name: "webhook_page", Title: "List webhooks",
			Description: "A project's webhooks, filtered by name, creator, type or state.",
			Endpoint:    post("/webhook/page"), Input: schemas.WebhookPage{}, Effect: Read,
		},
	}
}
