package sandbox

import (
	"cmp"
	"slices"
)

// messageRow is a row of /msg/list.
type messageRow struct {
	MsgID             int64  `json:"msgId"`
	Category          string `json:"category"`
	Subject           string `json:"subject"`
	Action            string `json:"action"`
	Content           string `json:"content"`
	TriggerName       string `json:"triggerName"`
	ReceiverID        int64  `json:"receiverId"`
	ReceiverName      string `json:"receiverName"`
	PlainReceiverName string `json:"plainReceiverName"`
	HasRead           int    `json:"hasRead"` // 1 read, 0 unread
	ReminderReceiveID int64  `json:"reminderReceiveId"`
	CreateTime        int64  `json:"createTime"`
}

// notify sends a personal message from the calling user.
func (st *store) notify(c *call, to int64, category, action, subject, content string) {
	m := &Message{ID: st.newID(kindMessage), ReceiverID: to, Category: category, Action: action, Subject: subject, Content: content, TriggerID: c.me, CreateTime: c.ms()}
	st.messages[m.ID] = m
}

// listMessages serves POST /msg/list: the calling user's messages, newest
// first, optionally filtered by read flag and category.
func (st *store) listMessages(c *call) (any, error) {
	read, byRead := c.optBool("read")
	categories := c.optStrings("category")
	pg := c.page()
	for _, cat := range categories {
		if !slices.Contains(msgCategories, cat) {
			c.fail("category must contain comment, follow, responsible, automation_station_msg or sys, got %q", cat)
		}
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	mine := filter(sorted(st.messages), func(m *Message) bool {
		return m.ReceiverID == c.me && (!byRead || m.Read == read) &&
			(len(categories) == 0 || slices.Contains(categories, m.Category))
	})
	slices.SortFunc(mine, func(a, b *Message) int {
		return -cmp.Or(cmp.Compare(a.CreateTime, b.CreateTime), cmp.Compare(a.ID, b.ID))
	})
	return paginate(mine, pg, func(m *Message) messageRow {
		r := messageRow{
			MsgID: m.ID, Category: m.Category, Subject: m.Subject, Action: m.Action, Content: m.Content,
			TriggerName: st.userName(m.TriggerID), ReceiverID: m.ReceiverID, ReceiverName: st.userName(m.ReceiverID),
			PlainReceiverName: st.userName(m.ReceiverID), ReminderReceiveID: m.ID, CreateTime: m.CreateTime,
		}
		if m.Read {
			r.HasRead = 1
		}
		return r
	}), nil
}
