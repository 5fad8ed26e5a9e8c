package schemas

// WebhookListTypes is the input of webhook_list_types.
type WebhookListTypes OnlyProjectID

// WebhookListEvents is the input of webhook_list_events.
type WebhookListEvents OnlyProjectID

// WebhookAdd is the input of webhook_add.
type WebhookAdd struct {
	ProjectID int64   `json:"projectId" jsonschema:"required,minimum=1"`
	Name      string  `json:"name" jsonschema:"required,minLength=1"`
	URL       string  `json:"url" jsonschema:"required,pattern=^https?://" jsonschema_description:"Callback URL"`
	Type      string  `json:"type" jsonschema:"required,minLength=1" jsonschema_description:"Type code from webhook_list_types"`
	State     string  `json:"state,omitempty" jsonschema:"enum=enabled,enum=disabled" jsonschema_description:"Default disabled"`
	Signature string  `json:"signature,omitempty" jsonschema_description:"Secret sent with deliveries"`
	EventIDs  []int64 `json:"eventIds,omitempty" jsonschema:"minimum=1" jsonschema_description:"Event ids from webhook_list_events"`
}

// WebhookDelete is the input of webhook_delete.
type WebhookDelete struct {
	WebhookID int64 `json:"webhookId" jsonschema:"required,minimum=1"`
}

// WebhookUpdate is the input of webhook_update.
type WebhookUpdate struct {
	WebhookID int64   `json:"webhookId" jsonschema:"required,minimum=1"`
	Name      string  `json:"name,omitempty" jsonschema:"minLength=1"`
	URL       string  `json:"url,omitempty" jsonschema:"pattern=^https?://" jsonschema_description:"Callback URL"`
	Type      string  `json:"type,omitempty" jsonschema:"minLength=1" jsonschema_description:"Type code from webhook_list_types"`
	State     string  `json:"state,omitempty" jsonschema:"enum=enabled,enum=disabled"`
	Signature string  `json:"signature,omitempty" jsonschema_description:"Secret sent with deliveries"`
	EventIDs  []int64 `json:"eventIds,omitempty" jsonschema:"minimum=1" jsonschema_description:"Event ids from webhook_list_events"`
}

// WebhookGet is the input of webhook_get.
type WebhookGet struct {
	WebhookID int64 `json:"webhookId" jsonschema:"required,minimum=1"`
}

// WebhookPage is the input of webhook_page.
type WebhookPage struct {
	ProjectID         int64    `json:"projectId" jsonschema:"required,minimum=1"`
	Name              string   `json:"name,omitempty" jsonschema_description:"Name keyword"`
	CreateByIDSet     []int64  `json:"createByIdSet,omitempty" jsonschema:"minimum=1" jsonschema_description:"Creator user ids"`
	Type              []string `json:"type,omitempty" jsonschema_description:"Type codes"`
	State             string   `json:"state,omitempty" jsonschema:"enum=enabled,enum=disabled"`
	CreateTimeOrderBy string   `json:"createTimeOrderBy,omitempty" jsonschema:"enum=ASC,enum=DESC" jsonschema_description:"Default DESC"`
	Paging
}
