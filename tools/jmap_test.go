package tools

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Tolerant reading of decoded Leiga JSON (decodeData keeps numbers as
// json.Number).

// jmap is a decoded JSON object read with fallbacks between the field
// names the catalog and the service use (name/projectName, id/projectId).
type jmap map[string]any

// asMap returns an object, or nil when v is not one.
func asMap(v any) jmap {
	if m, ok := v.(jmap); ok {
		return m
	}
	m, _ := v.(map[string]any)
	return m
}

// asList returns an array, or the rows of a paged object.
func asList(v any) []any {
	if m, ok := v.(jmap); ok {
		v = map[string]any(m)
	}
	switch x := v.(type) {
	case []any:
		return x
	case map[string]any:
		for _, k := range []string{"list", "records", "rows", "items", "data"} {
			if l, ok := x[k].([]any); ok {
				return l
			}
		}
	}
	return nil
}

// str returns the first non-empty string under keys.
func (m jmap) str(keys ...string) string {
	for _, k := range keys {
		switch v := m[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case json.Number:
			return v.String()
		}
	}
	return ""
}

// id returns the first integer under keys (numbers or numeric strings).
func (m jmap) id(keys ...string) int64 {
	for _, k := range keys {
		if n, ok := toInt64(m[k]); ok {
			return n
		}
	}
	return 0
}

// num returns the first number under keys.
func (m jmap) num(keys ...string) (float64, bool) {
	for _, k := range keys {
		switch v := m[k].(type) {
		case json.Number:
			if f, err := v.Float64(); err == nil {
				return f, true
			}
		case float64:
			return v, true
		}
	}
	return 0, false
}

// obj returns the first object under keys.
func (m jmap) obj(keys ...string) jmap {
	for _, k := range keys {
		if o, ok := m[k].(map[string]any); ok {
			return o
		}
	}
	return nil
}

// toInt64 reads an integer from a number or a numeric string.
func toInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n, true
		}
		if f, err := x.Float64(); err == nil {
			return int64(f), true
		}
	case float64:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	case string:
		if n, err := strconv.ParseInt(x, 10, 64); err == nil {
			return n, true
		}
	}
	return 0, false
}

// decodeData parses data keeping numbers exact (ids are int64): tests read
// the sandbox's answers with jmap.
func decodeData(data json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}
