package toolkit

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// Shaping what a client gets: the data as structuredContent (an object,
// cleaned of invisible characters and hidden fields, redacted), compact
// text rendered from it, notes after the text (paging, truncation), and a
// cut to the result budget. Endpoint data is parsed once and, when clean,
// passed on byte for byte.

// DataResult shapes an endpoint's envelope data for the call's input in
// (its paging and fields selection).
func DataResult(ctx context.Context, d *Deps, in any, data json.RawMessage) *mcp.CallToolResult {
	root, dirty, err := parseTree(data)
	if err != nil {
		return mcp.NewToolResultError("Leiga returned data that is not JSON: " + err.Error())
	}
	root = wrap(root)
	changed := dirty || hideSecrets(&root)
	if vw, ok := in.(viewer); ok && len(vw.ViewFields()) > 0 {
		if err := selectFields(&root, vw.ViewFields()); err != nil {
			return mcp.NewToolResultError(err.Error())
		}
		changed = true
	}
	return shape(ctx, d, &root, changed, pagingNotes(&root, in))
}

// Result shapes a composed tool's answer v (a struct or map) like every
// other result; notes follow the text.
func Result(ctx context.Context, d *Deps, v any, notes ...string) (*mcp.CallToolResult, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	root, dirty, err := parseTree(b)
	if err != nil {
		return nil, err
	}
	root = wrap(root)
	return shape(ctx, d, &root, dirty || hideSecrets(&root), notes), nil
}

// viewer is an input with result-shaping fields (schemas.Paging).
type viewer interface{ ViewFields() []string }

// shape cuts the result to the budget, renders it and redacts both forms.
func shape(ctx context.Context, d *Deps, root *node, changed bool, notes []string) *mcp.CallToolResult {
	if len(root.raw) > d.budget() || root.raw == nil {
		if note, cut := truncateToBudget(root, d.budget()); cut {
			notes = append(notes, note)
			changed = true
		}
	}
	structured := root.raw
	if changed || structured == nil || root.spaced {
		structured = appendJSON(make([]byte, 0, len(root.raw)+64), root)
	}
	text := render(root, d.location())
	if len(notes) > 0 {
		text += "\n\n" + strings.Join(notes, "\n")
	}
	redacted := leigaapi.RedactContext(ctx, string(structured))
	return mcp.NewToolResultStructured(json.RawMessage(redacted), leigaapi.RedactContext(ctx, text))
}

// wrap makes the result an object: arrays become {"items": [...]},
// scalars {"result": v}.
func wrap(n node) node {
	switch n.kind {
	case kObject:
		return n
	case kArray:
		return node{kind: kObject, members: []member{{key: "items", val: n}}, dirty: n.dirty}
	}
	return node{kind: kObject, members: []member{{key: "result", val: n}}, dirty: n.dirty}
}

// hideSecrets drops hidden fields (secrets, encrypted personal data) at any
// depth and reports whether it dropped any.
func hideSecrets(n *node) bool {
	changed := false
	switch n.kind {
	case kObject:
		if !slices.ContainsFunc(n.members, func(m member) bool { return hiddenKeys[m.key] }) {
			for i := range n.members {
				if hideSecrets(&n.members[i].val) {
					changed = true
				}
			}
			if changed {
				n.raw = nil
			}
			return changed
		}
		kept := n.members[:0:0]
		for i := range n.members {
			m := &n.members[i]
			if hiddenKeys[m.key] {
				changed = true
				continue
			}
			if hideSecrets(&m.val) {
				changed = true
			}
			kept = append(kept, *m)
		}
		if changed {
			n.members, n.raw = kept, nil
		}
	case kArray:
		for i := range n.items {
			if hideSecrets(&n.items[i]) {
				changed = true
			}
		}
		if changed {
			n.raw = nil
		}
	}
	return changed
}

// pagingNotes tells the model how far a paged list goes and how to get the
// next page.
func pagingNotes(root *node, in any) []string {
	list, ok := root.get("list")
	if !ok || list.kind != kArray {
		return nil
	}
	t, ok := root.get("total")
	if !ok || t.kind != kNumber {
		return nil
	}
	total, err := parseInt(t.raw)
	if err != nil {
		return nil
	}
	rows := len(list.items)
	p, paged := pagingOf(in)
	if !paged {
		if rows < total {
			return []string{fmt.Sprintf("%d of %d rows: this list takes no paging, so narrow its filters to see the rest.", rows, total)}
		}
		return []string{fmt.Sprintf("%d rows in all.", rows)}
	}
	page, size := p.PageNumber, p.PageSize
	shown := (page-1)*size + rows
	if size > 0 && shown < total && rows > 0 {
		return []string{fmt.Sprintf("Page %d: rows %d-%d of %d. More: call again with pageNumber=%d.", page, shown-rows+1, shown, total, page+1)}
	}
	return []string{fmt.Sprintf("Page %d: %d rows, %d in all (last page).", page, rows, total)}
}

// pagingOf finds an embedded schemas.Paging in an input.
func pagingOf(in any) (schemas.Paging, bool) {
	type pager interface{ PageInfo() schemas.Paging }
	if p, ok := in.(pager); ok {
		return p.PageInfo(), true
	}
	return schemas.Paging{}, false
}

// truncateToBudget drops rows from the longest list until the JSON fits;
// a result without a list is cut to a text excerpt.
func truncateToBudget(root *node, budget int) (string, bool) {
	size := len(appendJSON(nil, root))
	if size <= budget {
		return "", false
	}
	var list *node
	var key string
	for i := range root.members {
		v := &root.members[i].val
		if v.kind == kArray && (list == nil || len(v.items) > len(list.items)) {
			list, key = v, root.members[i].key
		}
	}
	if list == nil || len(list.items) == 0 {
		s := string(appendJSON(nil, root))
		cut := []byte(s[:budget])
		*root = node{kind: kObject, members: []member{{key: "truncated", val: node{kind: kString, raw: appendQuoted(nil, cut), dirty: true}}}}
		return fmt.Sprintf("Result cut to %d of %d bytes: ask for a narrower query.", budget, size), true
	}
	all := list.items
	keep := len(all)
	for keep > 0 {
		keep = keep * 3 / 4
		list.items = all[:keep]
		list.raw = nil
		root.raw = nil
		if len(appendJSON(nil, root)) <= budget {
			break
		}
	}
	_ = key
	return fmt.Sprintf("Result truncated to %d of %d rows to stay under the size budget: use a smaller pageSize, or fields to pick columns.", keep, len(all)), true
}

// selectFields keeps only the named fields of each row of a list result.
// Unknown field names are reported so that none is dropped silently.
func selectFields(root *node, fields []string) error {
	rows, _ := pageRows(root)
	if rows == nil || len(rows.items) == 0 {
		return nil
	}
	var present []string
	for i := range rows.items {
		for _, m := range rows.items[i].members {
			if !slices.Contains(present, m.key) {
				present = append(present, m.key)
			}
		}
	}
	for _, f := range fields {
		if !slices.Contains(present, f) {
			slices.Sort(present)
			return fmt.Errorf("unknown field %q in fields; the rows have: %s", f, strings.Join(present, ", "))
		}
	}
	for i := range rows.items {
		row := &rows.items[i]
		kept := make([]member, 0, len(fields))
		for _, f := range fields {
			if v, ok := row.get(f); ok {
				kept = append(kept, member{key: f, val: *v})
			}
		}
		row.members, row.raw = kept, nil
	}
	rows.raw, root.raw = nil, nil
	return nil
}

// ErrorResult turns any failure into an isError result a model can act
// on: Leiga's code and message with what to do next, or the argument
// problems; control characters are removed and secrets redacted.
func ErrorResult(ctx context.Context, t *Tool, err error) *mcp.CallToolResult {
	msg := err.Error()
	var argErr *ArgumentError
	if e, ok := leigaapi.AsError(err); ok {
		msg += hintFor(t, e)
	} else if errors.As(err, &argErr) {
		msg = argErr.Error()
	}
	return mcp.NewToolResultError(leigaapi.RedactContext(ctx, CleanMessage(msg)))
}

// CleanMessage removes control and invisible formatting characters from
// an error message (upstream messages are data), keeping line breaks as
// spaces.
func CleanMessage(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return ' '
		case invisible(r):
			return -1
		}
		return r
	}, s)
}

// hintFor adds what to do next after a Leiga failure.
func hintFor(t *Tool, e *leigaapi.Error) string {
	write := t != nil && !t.ReadOnly()
	switch {
	case e.Lasting:
		return "."
	case e.Kind == leigaapi.KindAuth:
		return ". Check LEIGA_CLIENT_ID/LEIGA_SECRET or LEIGA_ACCESS_TOKEN."
	case leigaapi.WrongBaseURL(e) && e.Code == "":
		return ". The base URL may be wrong: check LEIGA_BASE_URL."
	case (e.Kind == leigaapi.KindTimeout || e.Kind == leigaapi.KindNetwork || e.HTTPStatus >= 500) && write:
		return ". The change may or may not have been applied: read it back before trying again."
	case e.Kind == leigaapi.KindTimeout || e.Kind == leigaapi.KindNetwork || e.HTTPStatus >= 500 || e.HTTPStatus == 429:
		return ". Leiga is unavailable or slow; try again shortly."
	}
	return ""
}

// ResourceJSON shapes a resource's data: cleaned JSON without hidden
// fields, with epoch-millisecond dates as ISO 8601 in the user's time
// zone, redacted.
func ResourceJSON(ctx context.Context, d *Deps, data json.RawMessage) (string, error) {
	root, _, err := parseTree(data)
	if err != nil {
		return "", fmt.Errorf("the answer's data is not JSON: %w", err)
	}
	hideSecrets(&root)
	dropEmpty(&root)
	isoDates(&root, "", d.location())
	return leigaapi.RedactContext(ctx, string(appendJSON(nil, &root))), nil
}

// dropEmpty removes null, "", [] and {} members at any depth, as results
// leave empty fields out.
func dropEmpty(n *node) {
	switch n.kind {
	case kObject:
		kept := n.members[:0:0]
		for i := range n.members {
			m := n.members[i]
			dropEmpty(&m.val)
			if !m.val.empty() {
				kept = append(kept, m)
			}
		}
		n.members, n.raw, n.dirty = kept, nil, true
	case kArray:
		for i := range n.items {
			dropEmpty(&n.items[i])
		}
		n.raw, n.dirty = nil, true
	}
}

// isoDates rewrites epoch-millisecond date fields as ISO 8601 strings.
func isoDates(n *node, key string, loc *time.Location) {
	switch n.kind {
	case kNumber:
		if _, ok := asDate(key, n.raw, loc); ok {
			ms, _ := strconv.ParseInt(string(n.raw), 10, 64)
			*n = node{kind: kString, raw: appendQuoted(nil, []byte(time.UnixMilli(ms).In(loc).Format(time.RFC3339))), dirty: true}
		}
	case kObject:
		for i := range n.members {
			isoDates(&n.members[i].val, n.members[i].key, loc)
		}
		n.raw, n.dirty = nil, true
	case kArray:
		for i := range n.items {
			isoDates(&n.items[i], key, loc)
		}
		n.raw, n.dirty = nil, true
	}
}
