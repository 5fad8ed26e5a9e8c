package tools

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// csvRows is the row count from which a list renders as CSV instead of a
// markdown table: CSV costs fewer tokens per row.
const csvRows = 25

// render turns a result into compact text for a model: a table (markdown,
// or CSV when long) for lists of objects, "key: value" lines for an object.
// Epoch-millisecond dates are shown in loc.
func render(m map[string]any, loc *time.Location) string {
	if key, rows := listOf(m); rows != nil {
		var b strings.Builder
		for _, k := range sortedMapKeys(m) {
			if k != key {
				fmt.Fprintf(&b, "%s: %s\n", k, cell(k, m[k], loc))
			}
		}
		if len(rows) == 0 {
			b.WriteString("(no rows)")
			return b.String()
		}
		b.WriteString(table(rows, loc))
		return strings.TrimRight(b.String(), "\n")
	}
	var b strings.Builder
	for _, k := range sortedMapKeys(m) {
		if !empty(m[k]) {
			fmt.Fprintf(&b, "%s: %s\n", k, cell(k, m[k], loc))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// listOf finds the list of objects a result is about: "list" of a page,
// "items" of a wrapped array, or the only list in the result.
func listOf(m map[string]any) (string, []map[string]any) {
	keys := []string{"list", "items"}
	var lists []string
	for k, v := range m {
		if _, ok := v.([]any); ok {
			lists = append(lists, k)
		}
	}
	if len(lists) == 1 {
		keys = append(keys, lists[0])
	}
	for _, key := range keys {
		raw, ok := m[key].([]any)
		if !ok {
			continue
		}
		rows := make([]map[string]any, 0, len(raw))
		for _, r := range raw {
			obj, ok := r.(map[string]any)
			if !ok {
				return "", nil
			}
			rows = append(rows, obj)
		}
		return key, rows
	}
	return "", nil
}

// table renders rows with the union of their keys as columns, leaving out
// columns that are empty in every row.
func table(rows []map[string]any, loc *time.Location) string {
	var cols []string
	seen := map[string]bool{}
	for _, r := range rows {
		for _, k := range sortedMapKeys(r) {
			if !seen[k] && !empty(r[k]) {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	cells := make([][]string, len(rows))
	for i, r := range rows {
		cells[i] = make([]string, len(cols))
		for j, c := range cols {
			cells[i][j] = cell(c, r[c], loc)
		}
	}
	var b strings.Builder
	if len(rows) >= csvRows {
		w := csv.NewWriter(&b)
		w.Write(cols)
		w.WriteAll(cells)
		return b.String()
	}
	b.WriteString("| " + strings.Join(cols, " | ") + " |\n|" + strings.Repeat("---|", len(cols)) + "\n")
	for _, row := range cells {
		for j := range row {
			row[j] = strings.ReplaceAll(strings.ReplaceAll(row[j], "|", `\|`), "\n", " ")
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	return b.String()
}

// cell renders one value: dates in loc, lists of named objects as their
// names, other structures as compact JSON.
func cell(key string, v any, loc *time.Location) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		if t, ok := asDate(key, x, loc); ok {
			return t
		}
		return x.String()
	case bool:
		return fmt.Sprint(x)
	case []any:
		if names, ok := namesOf(x); ok {
			return strings.Join(names, ", ")
		}
	}
	return compactJSON(v)
}

// asDate shows an epoch-ms value of a date-like field as a local date, or
// date and time when it is not midnight.
func asDate(key string, n json.Number, loc *time.Location) (string, bool) {
	lower := strings.ToLower(key)
	if !strings.HasSuffix(lower, "time") && !strings.HasSuffix(lower, "date") && lower != "after" && lower != "before" {
		return "", false
	}
	ms, err := n.Int64()
	if err != nil || ms < 100_000_000_000 || ms > 10_000_000_000_000 {
		return "", false
	}
	t := time.UnixMilli(ms).In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format(time.DateOnly), true
	}
	return t.Format("2006-01-02 15:04"), true
}

// namesOf returns the names of a list of objects that have one (tags,
// members), or the values of a list of scalars.
func namesOf(list []any) ([]string, bool) {
	out := make([]string, 0, len(list))
	for _, item := range list {
		switch x := item.(type) {
		case string:
			out = append(out, x)
		case json.Number:
			out = append(out, x.String())
		case map[string]any:
			name := ""
			for _, k := range []string{"name", "tagName", "userName", "fileName", "statusName"} {
				if s, ok := x[k].(string); ok {
					name = s
					break
				}
			}
			if name == "" {
				return nil, false
			}
			out = append(out, name)
		default:
			return nil, false
		}
	}
	return out, true
}

func empty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// selectFields keeps only the named fields of each row of a list result.
// Unknown field names are reported so that none is dropped silently.
func selectFields(m map[string]any, fields []string) (map[string]any, error) {
	key, rows := listOf(m)
	if rows == nil || len(fields) == 0 {
		return m, nil
	}
	present := map[string]bool{}
	for _, r := range rows {
		for k := range r {
			present[k] = true
		}
	}
	for _, f := range fields {
		if !present[f] && len(rows) > 0 {
			valid := sortedMapKeys(present)
			return nil, fmt.Errorf("unknown field %q in fields; the rows have: %s", f, strings.Join(valid, ", "))
		}
	}
	out := make([]any, len(rows))
	for i, r := range rows {
		keep := map[string]any{}
		for _, f := range fields {
			if v, ok := r[f]; ok {
				keep[f] = v
			}
		}
		out[i] = keep
	}
	res := make(map[string]any, len(m))
	for k, v := range m {
		res[k] = v
	}
	res[key] = out
	return res, nil
}
