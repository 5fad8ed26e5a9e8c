package endpoints

import (
	"bytes"
	"encoding/json"
)

// Page is a list answer: a bare array, or an object holding its rows under
// list, records, rows, items, data or fields, with the number of rows in all under
// total when Leiga sends it.
type Page[T any] struct {
	Rows     []T
	Total    int64
	HasTotal bool
}

// rowKeys are where paged answers keep their rows, in order of preference.
var rowKeys = []string{"list", "records", "rows", "items", "data", "fields"}

// UnmarshalJSON reads an array or a paged object.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	*p = Page[T]{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil
	}
	if b[0] == '[' {
		return json.Unmarshal(b, &p.Rows)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	for _, k := range rowKeys {
		if raw := bytes.TrimSpace(obj[k]); len(raw) > 0 && raw[0] == '[' {
			if err := json.Unmarshal(raw, &p.Rows); err != nil {
				return err
			}
			break
		}
	}
	if raw, ok := obj["total"]; ok {
		var n Int
		if n.UnmarshalJSON(raw) == nil && len(bytes.TrimSpace(raw)) > 0 && string(bytes.TrimSpace(raw)) != "null" {
			p.Total, p.HasTotal = int64(n), true
		}
	}
	return nil
}
