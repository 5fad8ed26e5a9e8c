package tools

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// dataResult shapes an envelope's data for a client: the data (cleaned of
// invisible characters) as structuredContent, compact JSON as text, a paging
// hint for lists, and truncation with a note when over the result budget.
func dataResult(d *Deps, in any, data json.RawMessage) *mcp.CallToolResult {
	v, err := decodeData(data)
	if err != nil {
		return mcp.NewToolResultError(err.Error())
	}
	v = cleanText(v)
	structured := structure(v)
	if vw, ok := in.(viewer); ok && len(vw.ViewFields()) > 0 {
		if structured, err = selectFields(structured, vw.ViewFields()); err != nil {
			return mcp.NewToolResultError(err.Error())
		}
	}
	return shapeResult(d, structured, len(data), pagingNotes(structured, in))
}

// shapeResult is the one way a result reaches a client: structured content
// cut to the result budget, rendered as compact text, with notes after.
// rawSize is the size of the JSON the result was decoded from: when it fits
// the budget the result does too (cleaning and field selection only shrink
// it), and the exact size need not be measured.
func shapeResult(d *Deps, structured map[string]any, rawSize int, notes []string) *mcp.CallToolResult {
	if rawSize > d.budget() && len(compactJSON(structured)) > d.budget() {
		var note string
		structured, note = truncateToBudget(structured, d.budget())
		notes = append(notes, note)
	}
	text := render(structured, d.location())
	if len(notes) > 0 {
		text += "\n\n" + strings.Join(notes, "\n")
	}
	return mcp.NewToolResultStructured(structured, leigaapi.Redact(text))
}

// decodeData parses data keeping numbers exact (ids are int64).
func decodeData(data json.RawMessage) (any, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("Leiga returned data that is not JSON: %w", err)
	}
	return v, nil
}

// structure wraps data so that structuredContent is always an object:
// arrays become {"items": [...]}, scalars {"result": v}.
func structure(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return x
	case []any:
		return map[string]any{"items": x}
	case nil:
		return map[string]any{"result": nil}
	}
	return map[string]any{"result": v}
}

// pagingNotes tells the model how far a paged list goes and how to get the
// next page.
func pagingNotes(m map[string]any, in any) []string {
	list, ok := m["list"].([]any)
	if !ok {
		return nil
	}
	total, err := toInt(m["total"])
	if err != nil {
		return nil
	}
	page, size := schemas.DefaultPageNumber, len(list)
	if p, ok := pagingOf(in); ok {
		page, size = p.PageNumber, p.PageSize
	}
	shown := (page-1)*size + len(list)
	if size > 0 && shown < total && len(list) > 0 {
		return []string{fmt.Sprintf("Page %d: rows %d-%d of %d. More: call again with pageNumber=%d.", page, shown-len(list)+1, shown, total, page+1)}
	}
	return []string{fmt.Sprintf("Page %d: %d rows, %d in all (last page).", page, len(list), total)}
}

// pagingOf finds an embedded schemas.Paging in an input.
func pagingOf(in any) (schemas.Paging, bool) {
	type pager interface{ PageInfo() schemas.Paging }
	if p, ok := in.(pager); ok {
		return p.PageInfo(), true
	}
	return schemas.Paging{}, false
}

func toInt(v any) (int, error) {
	switch x := v.(type) {
	case json.Number:
		n, err := x.Int64()
		return int(n), err
	case float64:
		return int(x), nil
	}
	return 0, fmt.Errorf("not a number")
}

// truncateToBudget drops rows from the longest list until the JSON fits.
func truncateToBudget(m map[string]any, budget int) (map[string]any, string) {
	key, list := "", []any(nil)
	for k, v := range m {
		if l, ok := v.([]any); ok && len(l) > len(list) {
			key, list = k, l
		}
	}
	if list == nil {
		s := compactJSON(m)
		return map[string]any{"truncated": s[:budget]}, fmt.Sprintf("Result cut to %d of %d bytes: ask for a narrower query.", budget, len(s))
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	keep := len(list)
	for keep > 0 {
		keep = keep * 3 / 4
		out[key] = list[:keep]
		if len(compactJSON(out)) <= budget {
			break
		}
	}
	return out, fmt.Sprintf("Result truncated to %d of %d rows to stay under the size budget: use a smaller pageSize, or fields to pick columns.", keep, len(list))
}

// cleanText strips control and invisible formatting characters from every
// string Leiga returns: text from Leiga is data, and hidden characters have
// no business reaching a model.
func cleanText(v any) any {
	switch x := v.(type) {
	case string:
		return cleanString(x)
	case []any:
		for i := range x {
			x[i] = cleanText(x[i])
		}
	case map[string]any:
		for k, e := range x {
			x[k] = cleanText(e)
		}
	}
	return v
}

func cleanString(s string) string {
	clean := true
	for _, r := range s {
		if invisible(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

func invisible(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// errorResult turns any failure into an isError result a model can act on.
func errorResult(t *Tool, err error) *mcp.CallToolResult {
	msg := err.Error()
	var argErr *ArgumentError
	if e, ok := leigaapi.AsError(err); ok {
		msg += hintFor(t, e)
	} else if errors.As(err, &argErr) {
		msg = argErr.Error()
	}
	return mcp.NewToolResultError(leigaapi.Redact(msg))
}

// hintFor adds what to do next after a Leiga failure.
func hintFor(t *Tool, e *leigaapi.Error) string {
	switch {
	case e.Kind == leigaapi.KindAuth:
		return ". Check LEIGA_CLIENT_ID/LEIGA_SECRET or LEIGA_ACCESS_TOKEN."
	case (e.Kind == leigaapi.KindTimeout || e.Kind == leigaapi.KindNetwork || e.HTTPStatus >= 500) && t != nil && !t.ReadOnly():
		return ". The change may or may not have been applied: read it back before trying again."
	case e.Kind == leigaapi.KindTimeout || e.Kind == leigaapi.KindNetwork || e.HTTPStatus >= 500 || e.HTTPStatus == 429:
		return ". Leiga is unavailable or slow; try again shortly."
	}
	return ""
}
