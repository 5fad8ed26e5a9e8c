package toolkit

import (
	"cmp"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rendering a result as compact text for a model: a table (markdown, or
// CSV when long) for a list of rows, "key: value" lines for an object.
// Empty fields are left out, identity and title come first, {id, name}
// objects and Leiga's *VO expansions show as their names, an issue's data
// map adds only what its top level lacks, dates are in the user's time
// zone, status categories carry their meaning, and secret or encrypted
// fields never appear.

// csvRows is the row count from which a list renders as CSV instead of a
// markdown table: CSV costs fewer tokens per row.
const csvRows = 25

// identityKeys come first, in this order, in objects and tables.
var identityKeys = []string{"id", "number", "issueNumber", "key", "pkey", "projectKey", "name", "pname", "title", "summary", "tagName", "userName", "fileName"}

// hiddenKeys are never shown: secrets and encrypted personal data.
var hiddenKeys = map[string]bool{
	"phoneNumber": true, "phone": true, "mobile": true, "password": true,
	"secret": true, "secretKey": true, "accessToken": true, "refreshToken": true, "token": true,
}

// categoryWords gives status categories their meaning.
var categoryWords = map[string]string{"2": "to do", "3": "in progress", "4": "done"}

// categoryKeys hold a status category.
var categoryKeys = map[string]bool{"statusType": true, "stateCategory": true, "statusCategory": true}

// renderer renders results in one time zone.
type renderer struct {
	loc *time.Location
	b   []byte
}

// render renders a result object: its list of rows ("list" of a page,
// "items" of a wrapped array) as a table after the object's other fields,
// or the object's fields.
func render(n *node, loc *time.Location) string {
	r := renderer{loc: loc, b: make([]byte, 0, 1024)}
	if rows, key := pageRows(n); rows != nil {
		r.fields(n, key, 0)
		if len(rows.items) > 0 {
			if len(r.b) > 0 {
				r.b = append(r.b, '\n')
			}
			r.table(rows.items)
		}
	} else {
		r.fields(n, "", 0)
	}
	return strings.TrimRight(string(r.b), "\n")
}

// pageRows finds the rows of a paged result: "list", "items" or "records"
// holding objects.
func pageRows(n *node) (*node, string) {
	for _, k := range []string{"list", "items", "records"} {
		if v, ok := n.get(k); ok && v.kind == kArray && allObjects(v.items) {
			return v, k
		}
	}
	return nil, ""
}

func allObjects(items []node) bool {
	for i := range items {
		if items[i].kind != kObject {
			return false
		}
	}
	return true
}

// field is one shown field: a key and its value.
type field struct {
	key    string
	val    *node
	nested bool // from the data map
}

// shownFields returns the fields of an object as they are shown: hidden
// and empty fields left out, *VO expansions in place of their ids, the
// data map's fields that the top level lacks added, identity first.
func shownFields(n *node, skip string) []field {
	out := make([]field, 0, len(n.members))
	have := make(map[string]bool, len(n.members))
	add := func(m *member, nested bool) {
		k := m.key
		if k == skip || hiddenKeys[k] || m.val.empty() {
			return
		}
		vo := false
		if base, ok := strings.CutSuffix(k, "VO"); ok && base != "" {
			k, vo = base, true
		}
		if i := slices.IndexFunc(out, func(f field) bool { return f.key == k }); i >= 0 {
			if vo && out[i].nested == nested {
				out[i].val = &m.val // the expansion wins over the bare id
			}
			return
		}
		if nested && (have[k] || have[k+"Id"] || have[k+"Name"] || (k == "label" && have["tags"])) {
			return
		}
		if !nested {
			have[k] = true
		}
		out = append(out, field{k, &m.val, nested})
	}
	for i := range n.members {
		if n.members[i].key != "data" || n.members[i].val.kind != kObject {
			add(&n.members[i], false)
		}
	}
	if data, ok := n.get("data"); ok && data.kind == kObject && skip != "data" {
		for i := range data.members {
			add(&data.members[i], true)
		}
	}
	slices.SortStableFunc(out, func(a, b field) int { return rank(a.key) - rank(b.key) })
	return out
}

// rank orders identity keys first.
func rank(key string) int {
	if i := slices.Index(identityKeys, key); i >= 0 {
		return i
	}
	return len(identityKeys)
}

// fields writes an object's fields as "key: value" lines; nested objects
// without a name go one level deeper as "key.sub: value".
func (r *renderer) fields(n *node, skip string, depth int) {
	r.prefixedFields(n, skip, "", depth)
}

func (r *renderer) prefixedFields(n *node, skip, prefix string, depth int) {
	var tables []field
	for _, f := range shownFields(n, skip) {
		v := f.val
		switch {
		case v.kind == kObject && nameOf(v) == "" && depth < 2:
			r.prefixedFields(v, "", prefix+f.key+".", depth+1)
			continue
		case v.kind == kArray && allObjects(v.items) && !allNamed(v.items):
			tables = append(tables, field{key: prefix + f.key, val: v})
			continue
		}
		r.b = append(r.b, prefix...)
		r.b = append(r.b, f.key...)
		r.b = append(r.b, ": "...)
		r.value(f.key, v)
		r.b = append(r.b, '\n')
	}
	for _, t := range tables {
		r.b = append(r.b, t.key...)
		r.b = append(r.b, ":\n"...)
		r.table(t.val.items)
	}
}

// value writes one value: text, a date, a status category with its
// meaning, a name, a list of names, or compact JSON.
func (r *renderer) value(key string, v *node) {
	switch v.kind {
	case kString:
		r.b = appendText(r.b, v.raw)
	case kNumber:
		if d, ok := asDate(key, v.raw, r.loc); ok {
			r.b = append(r.b, d...)
			return
		}
		r.b = append(r.b, v.raw...)
		if w, ok := categoryWords[string(v.raw)]; ok && categoryKeys[key] {
			r.b = append(r.b, " ("+w+")"...)
		}
	case kObject:
		if name := nameOf(v); name != "" {
			r.b = append(r.b, name...)
			return
		}
		if !flat(v) {
			r.b = appendJSON(r.b, v)
			return
		}
		// A small record of plain values reads as "key: value; key: value".
		for i, m := range v.members {
			if i > 0 {
				r.b = append(r.b, "; "...)
			}
			r.b = append(r.b, m.key...)
			r.b = append(r.b, ": "...)
			r.value(m.key, &m.val)
		}
	case kArray:
		for i := range v.items {
			if i > 0 {
				r.b = append(r.b, ", "...)
			}
			r.value(key, &v.items[i])
		}
	default:
		r.b = append(r.b, v.raw...)
	}
}

// flat says whether an object holds only plain values (no objects or
// arrays), at least one.
func flat(v *node) bool {
	for _, m := range v.members {
		if m.val.kind == kObject || m.val.kind == kArray {
			return false
		}
	}
	return len(v.members) > 0
}

// nameKeys are where an object keeps its display name.
var nameKeys = []string{"name", "tagName", "userName", "fileName", "statusName", "stateName"}

// nameOf returns the display name of an object, or "".
func nameOf(v *node) string {
	if v.kind != kObject {
		return ""
	}
	for _, k := range nameKeys {
		if n, ok := v.get(k); ok && n.kind == kString && !n.empty() {
			return n.text()
		}
	}
	return ""
}

func allNamed(items []node) bool {
	for i := range items {
		if nameOf(&items[i]) == "" {
			return false
		}
	}
	return true
}

// table renders rows with the union of their shown fields as columns, in
// the order they first appear (identity first).
func (r *renderer) table(rows []node) {
	var cols []string
	pos := map[string]int{} // a column's earliest position in any row
	shown := make([][]field, len(rows))
	for i := range rows {
		shown[i] = shownFields(&rows[i], "")
		for j, f := range shown[i] {
			if p, seen := pos[f.key]; !seen {
				pos[f.key] = j
				cols = append(cols, f.key)
			} else if j < p {
				pos[f.key] = j
			}
		}
	}
	// Identity first, then in the rows' own order: the same columns come
	// out in the same order whichever rows lack a field.
	slices.SortStableFunc(cols, func(a, b string) int { return cmp.Or(rank(a)-rank(b), pos[a]-pos[b]) })
	cells := make([][]string, len(rows))
	for i, fs := range shown {
		cells[i] = make([]string, len(cols))
		for _, f := range fs {
			cr := renderer{loc: r.loc}
			cr.value(f.key, f.val)
			cells[i][slices.Index(cols, f.key)] = string(cr.b)
		}
	}
	if len(rows) >= csvRows {
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write(cols)
		w.WriteAll(cells)
		r.b = append(r.b, b.String()...)
		return
	}
	r.b = append(r.b, "| "...)
	r.b = append(r.b, strings.Join(cols, " | ")...)
	r.b = append(r.b, " |\n|"...)
	r.b = append(r.b, strings.Repeat("---|", len(cols))...)
	r.b = append(r.b, '\n')
	for _, row := range cells {
		r.b = append(r.b, "| "...)
		for j, c := range row {
			if j > 0 {
				r.b = append(r.b, " | "...)
			}
			r.b = append(r.b, strings.ReplaceAll(strings.ReplaceAll(c, "|", `\|`), "\n", " ")...)
		}
		r.b = append(r.b, " |\n"...)
	}
}

// asDate shows an epoch-ms value of a date-like field as a local date, or
// date and time when it is not midnight.
func asDate(key string, raw []byte, loc *time.Location) (string, bool) {
	lower := strings.ToLower(key)
	if !strings.HasSuffix(lower, "time") && !strings.HasSuffix(lower, "date") && lower != "after" && lower != "before" {
		return "", false
	}
	ms, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || ms < 100_000_000_000 || ms > 10_000_000_000_000 {
		return "", false
	}
	t := time.UnixMilli(ms).In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format(time.DateOnly), true
	}
	return t.Format("2006-01-02 15:04"), true
}
