package toolkit

import (
	"encoding/json"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
)

// Forgiving arguments, strict meaning. Before validation, the arguments
// are read against the tool's Go input type and the forms models commonly
// send are turned into the declared ones:
//
//   - a single value where an array is expected becomes a one-element
//     array ("status": "open" → ["open"]);
//   - a numeric string where a number is expected becomes the number
//     ("projectId": "101" → 101);
//   - a duration where hours are expected becomes hours ("2h" → 2,
//     "90m" → 1.5, "1h30m" → 1.5, "1.5" → 1.5);
//   - a date where epoch milliseconds are expected (schemas.Millis)
//     becomes epoch milliseconds in the user's time zone: "2026-11-30",
//     RFC 3339, or a word such as "today" or "next friday".
//
// Anything else is left as sent and validation refuses it as before,
// naming the field and the valid values.

// fieldTyper is an open map that knows the types of some of its keys
// (schemas.IssueData).
type fieldTyper interface {
	FieldType(key string) (reflect.Type, bool)
}

// millisType is the Go type of date fields.
var millisType = reflect.TypeFor[schemas.Millis]()

// coercer rewrites arguments for one call.
type coercer struct {
	loc *time.Location
	now time.Time
}

// coerce rewrites doc (decoded arguments) against t and reports whether it
// changed anything.
func (c coercer) coerce(doc any, t reflect.Type) (any, bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == millisType {
		return c.millis(doc)
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := doc.(map[string]any)
		if !ok {
			return doc, false
		}
		changed := false
		for k, v := range obj {
			ft, ok := fieldType(t, k)
			if !ok {
				continue
			}
			if nv, ch := c.coerce(v, ft); ch {
				obj[k], changed = nv, true
			}
		}
		return obj, changed
	case reflect.Map:
		obj, ok := doc.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return doc, false
		}
		typed, _ := reflect.Zero(t).Interface().(fieldTyper)
		changed := false
		for k, v := range obj {
			et := t.Elem()
			if typed != nil {
				if ft, ok := typed.FieldType(k); ok {
					et = ft
				}
			}
			if nv, ch := c.coerce(v, et); ch {
				obj[k], changed = nv, true
			}
		}
		return obj, changed
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return doc, false
		}
		list, ok := doc.([]any)
		if !ok {
			switch doc.(type) {
			case string, json.Number, bool:
				nv, _ := c.coerce(doc, t.Elem())
				return []any{nv}, true
			}
			return doc, false
		}
		changed := false
		for i, v := range list {
			if nv, ch := c.coerce(v, t.Elem()); ch {
				list[i], changed = nv, true
			}
		}
		return list, changed
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if s, ok := doc.(string); ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				return json.Number(strconv.FormatInt(n, 10)), true
			}
		}
	case reflect.Float32, reflect.Float64:
		if s, ok := doc.(string); ok {
			if f, ok := Hours(s); ok {
				return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), true
			}
		}
	case reflect.Bool:
		if s, ok := doc.(string); ok {
			if b, err := strconv.ParseBool(strings.TrimSpace(s)); err == nil {
				return b, true
			}
		}
	}
	return doc, false
}

// millis turns a date string into epoch milliseconds in the user's zone.
func (c coercer) millis(doc any) (any, bool) {
	s, ok := doc.(string)
	if !ok {
		return doc, false
	}
	if ms, err := schemas.ParseMillis(strings.TrimSpace(s), c.loc); err == nil {
		return json.Number(strconv.FormatInt(int64(ms), 10)), true
	}
	if t, err := resolve.ParseDate(s, c.now, c.loc); err == nil {
		return json.Number(strconv.FormatInt(t.UnixMilli(), 10)), true
	}
	return doc, false
}

// durationForm is hours given as a duration: 2h, 90m, 1h30m, 1.5h, 2 hours.
var durationForm = regexp.MustCompile(`^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:\.\d+)?)\s*m(?:in(?:utes?|s)?)?)?$`)

// Hours reads a number of hours from "1.5", "2h", "90m", "1h30m" or
// "2 hours": the one reader of durations for every argument that takes
// hours.
func Hours(s string) (float64, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f, true
	}
	m := durationForm.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[2] == "") {
		return 0, false
	}
	h, _ := strconv.ParseFloat(m[1], 64)
	mins, _ := strconv.ParseFloat(m[2], 64)
	return h + mins/60, true
}

// fieldType returns the type of the struct field encoded under the JSON
// name key, looking through embedded structs.
func fieldType(t reflect.Type, key string) (reflect.Type, bool) {
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if got, ok := fieldType(ft, key); ok {
					return got, true
				}
			}
			continue
		}
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f.Type, true
		}
	}
	return nil, false
}
