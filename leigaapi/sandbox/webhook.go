package sandbox

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
)

// webhookEventView is an event in webhook answers.
type webhookEventView struct {
	EventID   int64  `json:"eventId"`
	EventCode string `json:"eventCode"`
	EventName string `json:"eventName"`
}

// webhookView is a webhook as every webhook endpoint answers it.
type webhookView struct {
	WebhookID  int64              `json:"webhookId"`
	ProjectID  int64              `json:"projectId"`
	Name       string             `json:"name"`
	URL        string             `json:"url"`
	Type       string             `json:"type"`
	State      string             `json:"state"`
	Signature  string             `json:"signature"`
	Events     []webhookEventView `json:"events"`
	CreateBy   int64              `json:"createBy"`
	CreateTime int64              `json:"createTime"`
}

// webhookViewOf renders a webhook.
func webhookViewOf(w *Webhook) webhookView {
	events := []webhookEventView{}
	for _, id := range w.EventIDs {
		if e, ok := findBy(webhookEvents, func(e webhookEvent) int64 { return e.EventID }, id); ok {
			events = append(events, webhookEventView{e.EventID, e.EventCode, e.EventName})
		}
	}
	return webhookView{
		WebhookID: w.ID, ProjectID: w.ProjectID, Name: w.Name, URL: w.URL, Type: w.Type, State: w.State,
		Signature: w.Signature, Events: events, CreateBy: w.CreateBy, CreateTime: w.CreateTime,
	}
}

// validWebhookType reports whether code is a webhook type.
func validWebhookType(code string) bool {
	return slices.ContainsFunc(webhookTypes, func(t codeName) bool { return t.Code == code })
}

// validWebhookEvent reports whether id is a webhook event.
func validWebhookEvent(id int64) bool {
	return slices.ContainsFunc(webhookEvents, func(e webhookEvent) bool { return e.EventID == id })
}

// webhookFields reads the optional webhook fields onto w and validates it.
func webhookFields(c *call, w *Webhook) error {
	texts := []struct {
		name string
		dst  *string
	}{{"name", &w.Name}, {"url", &w.URL}, {"type", &w.Type}, {"state", &w.State}, {"signature", &w.Signature}}
	for _, f := range texts {
		if v, ok := c.optString(f.name); ok {
			*f.dst = strings.TrimSpace(v)
		}
	}
	if ids, ok := param[[]int64](c, "eventIds", false); ok {
		w.EventIDs = slices.Compact(slices.Sorted(slices.Values(ids)))
	}
	if err := c.check(); err != nil {
		return err
	}
	if w.Name == "" {
		return badRequest("name must not be empty")
	}
	if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return badRequest("url must be an http or https URL")
	}
	if !validWebhookType(w.Type) {
		return badRequest("type %q is not a webhook type (see /webhook/list-types)", w.Type)
	}
	if w.State != "enabled" && w.State != "disabled" {
		return badRequest("state must be enabled or disabled")
	}
	for _, id := range w.EventIDs {
		if !validWebhookEvent(id) {
			return notFound("webhook event", id)
		}
	}
	return nil
}

// webhookTypeList serves GET /webhook/list-types.
func (st *store) webhookTypeList(c *call) (any, error) {
	if _, err := st.projectParam(c); err != nil {
		return nil, err
	}
	return webhookTypes, nil
}

// webhookEventList serves GET /webhook/list-events.
func (st *store) webhookEventList(c *call) (any, error) {
	if _, err := st.projectParam(c); err != nil {
		return nil, err
	}
	return webhookEvents, nil
}

// addWebhook serves POST /webhook/add; a new webhook is disabled unless
// state says otherwise.
func (st *store) addWebhook(c *call) (any, error) {
	pid := c.reqInt("projectId")
	c.reqString("name")
	c.reqString("url")
	c.reqString("type")
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	w := &Webhook{ProjectID: p.ID, State: "disabled", EventIDs: []int64{}, CreateBy: c.me, CreateTime: c.ms()}
	if err := webhookFields(c, w); err != nil {
		return nil, err
	}
	w.ID = st.newID(kindWebhook)
	st.webhooks[w.ID] = w
	return webhookViewOf(w), nil
}

// webhookParam reads webhookId and resolves it.
func (st *store) webhookParam(c *call) (*Webhook, error) {
	return resolve(c, "webhookId", st.webhook)
}

// removeWebhook serves DELETE /webhook/delete and answers the removed
// webhook.
func (st *store) removeWebhook(c *call) (any, error) {
	w, err := st.webhookParam(c)
	if err != nil {
		return nil, err
	}
	delete(st.webhooks, w.ID)
	return webhookViewOf(w), nil
}

// updateWebhook serves PATCH /webhook/update.
func (st *store) updateWebhook(c *call) (any, error) {
	w, err := st.webhookParam(c)
	if err != nil {
		return nil, err
	}
	next := *w
	if err := webhookFields(c, &next); err != nil {
		return nil, err
	}
	*w = next
	return webhookViewOf(w), nil
}

// getWebhook serves GET /webhook/get.
func (st *store) getWebhook(c *call) (any, error) {
	w, err := st.webhookParam(c)
	if err != nil {
		return nil, err
	}
	return webhookViewOf(w), nil
}

// pageWebhooks serves POST /webhook/page, newest first by default.
func (st *store) pageWebhooks(c *call) (any, error) {
	pid := c.reqInt("projectId")
	name, _ := c.optString("name")
	creators, types := c.optInts("createByIdSet"), c.optStrings("type")
	state, byState := c.optString("state")
	desc := c.descending("createTimeOrderBy")
	pg := c.page()
	p, err := checkThenFind(c, pid, st.project)
	if err != nil {
		return nil, err
	}
	name = strings.ToLower(strings.TrimSpace(name))
	found := filter(sorted(st.webhooks), func(w *Webhook) bool {
		return w.ProjectID == p.ID && strings.Contains(strings.ToLower(w.Name), name) &&
			(len(creators) == 0 || slices.Contains(creators, w.CreateBy)) &&
			(len(types) == 0 || slices.Contains(types, w.Type)) && (!byState || w.State == state)
	})
	slices.SortFunc(found, func(a, b *Webhook) int {
		r := cmp.Or(cmp.Compare(a.CreateTime, b.CreateTime), cmp.Compare(a.ID, b.ID))
		if desc {
			return -r
		}
		return r
	})
	return paginate(found, pg, webhookViewOf), nil
}
