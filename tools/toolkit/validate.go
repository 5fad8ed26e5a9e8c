package toolkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	schemakind "github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// ArgumentError is a call whose arguments do not fit the tool's schema.
// Its message names each bad field, what was expected and what was given.
type ArgumentError struct {
	Tool     string
	Problems []string
}

// Error lists the problems in one line a model can act on.
func (e *ArgumentError) Error() string {
	return fmt.Sprintf("invalid arguments for %s: %s", e.Tool, strings.Join(e.Problems, "; "))
}

var printer = message.NewPrinter(language.English)

// validateArgs checks raw arguments (a JSON object, or empty) against t's
// schema, after coercing the forms models commonly send (see coerce.go).
// It returns the arguments to decode: raw, or the coerced form, and the
// validated document.
func (t *Tool) validateArgs(raw json.RawMessage, c coercer) (json.RawMessage, any, error) {
	if len(bytes.TrimSpace(raw)) == 0 || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		raw = json.RawMessage("{}")
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return nil, nil, &ArgumentError{Tool: t.Name, Problems: []string{"arguments are not valid JSON: " + err.Error()}}
	}
	if _, ok := doc.(map[string]any); !ok {
		return nil, nil, &ArgumentError{Tool: t.Name, Problems: []string{fmt.Sprintf("arguments must be a JSON object, got %s", jsonKind(doc))}}
	}
	if bytes.Contains(raw, []byte(blobPrefix)) {
		restoreBlobs(doc)
		raw = nil // decode from doc; raw still holds the tokens
	}
	if coerced, changed := c.coerce(doc, t.inputType); changed {
		if raw, err = json.Marshal(coerced); err != nil {
			return nil, nil, err
		}
		doc = coerced
	}
	if field, n, bad := unreadableNumber(doc, ""); bad {
		return nil, nil, &ArgumentError{Tool: t.Name, Problems: []string{fmt.Sprintf("field %q: the number %.40s is out of range", field, n)}}
	}
	validator, err := t.compiled()
	if err != nil {
		return nil, nil, fmt.Errorf("tool %s has a broken input schema: %w", t.Name, err)
	}
	if err := validator.Validate(doc); err != nil {
		var verr *jsonschema.ValidationError
		if !errors.As(err, &verr) {
			return nil, nil, &ArgumentError{Tool: t.Name, Problems: []string{err.Error()}}
		}
		probs := t.describe(verr, doc)
		slices.Sort(probs)
		return nil, nil, &ArgumentError{Tool: t.Name, Problems: slices.Compact(probs)}
	}
	return raw, doc, nil
}

// unreadableNumber finds a number in doc that cannot be read exactly (an
// exponent like 1e999999999): the validator cannot compare it with a
// bound. It returns the field's dotted path and the number.
func unreadableNumber(doc any, path string) (string, json.Number, bool) {
	switch v := doc.(type) {
	case json.Number:
		if _, ok := new(big.Rat).SetString(string(v)); !ok {
			return path, v, true
		}
	case map[string]any:
		for k, item := range v {
			if f, n, bad := unreadableNumber(item, joinField(path, k)); bad {
				return f, n, true
			}
		}
	case []any:
		for i, item := range v {
			if f, n, bad := unreadableNumber(item, fmt.Sprintf("%s[%d]", path, i)); bad {
				return f, n, true
			}
		}
	}
	return "", "", false
}

// describe renders the leaves of a validation error tree.
func (t *Tool) describe(verr *jsonschema.ValidationError, doc any) []string {
	field := fieldPath(verr.InstanceLocation)
	got := valueAt(doc, verr.InstanceLocation)
	switch verr.ErrorKind.(type) {
	case *schemakind.OneOf, *schemakind.AnyOf:
		forms := make([]string, 0, len(verr.Causes))
		for _, c := range verr.Causes {
			forms = append(forms, c.ErrorKind.LocalizedString(printer))
		}
		return []string{fmt.Sprintf("field %q: got %s, which fits none of the allowed forms: %s", field, Shorten(CompactJSON(got), 60), strings.Join(forms, " | "))}
	}
	if len(verr.Causes) > 0 {
		var out []string
		for _, c := range verr.Causes {
			out = append(out, t.describe(c, doc)...)
		}
		return out
	}
	switch k := verr.ErrorKind.(type) {
	case *schemakind.Required:
		var out []string
		for _, m := range k.Missing {
			out = append(out, fmt.Sprintf("missing required field %q", joinField(field, m)))
		}
		return out
	case *schemakind.AdditionalProperties:
		valid := propertyNames(t.Schema(), verr.InstanceLocation)
		var out []string
		for _, p := range k.Properties {
			out = append(out, fmt.Sprintf("unknown field %q; valid fields: %s", joinField(field, p), strings.Join(valid, ", ")))
		}
		return out
	case *schemakind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = CompactJSON(w)
		}
		return []string{fmt.Sprintf("field %q: got %s; valid values: %s", field, CompactJSON(got), strings.Join(want, ", "))}
	case *schemakind.Pattern:
		return []string{fmt.Sprintf("field %q: got %s, which does not match the pattern %s", field, Shorten(CompactJSON(got), 60), k.Want)}
	case *schemakind.Type:
		return []string{fmt.Sprintf("field %q: expected %s, got %s %s", field, strings.Join(k.Want, " or "), k.Got, Shorten(CompactJSON(got), 60))}
	case *schemakind.Group, *schemakind.Schema, *schemakind.Reference:
		return nil
	}
	return []string{fmt.Sprintf("field %q: %s", field, verr.ErrorKind.LocalizedString(printer))}
}

// fieldPath renders a JSON pointer location as "data.label[0]".
func fieldPath(loc []string) string {
	var b strings.Builder
	for _, seg := range loc {
		if isIndex(seg) {
			b.WriteString("[" + seg + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(seg)
	}
	return b.String()
}

func joinField(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + "." + child
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// valueAt returns the value at a JSON pointer location in doc.
func valueAt(doc any, loc []string) any {
	cur := doc
	for _, seg := range loc {
		switch v := cur.(type) {
		case map[string]any:
			cur = v[seg]
		case []any:
			var i int
			fmt.Sscan(seg, &i)
			if i < 0 || i >= len(v) {
				return nil
			}
			cur = v[i]
		default:
			return nil
		}
	}
	return cur
}

// propertyNames lists the properties the schema allows at loc.
func propertyNames(schema []byte, loc []string) []string {
	var s map[string]any
	if json.Unmarshal(schema, &s) != nil {
		return nil
	}
	for _, seg := range loc {
		if isIndex(seg) {
			s, _ = s["items"].(map[string]any)
		} else {
			props, _ := s["properties"].(map[string]any)
			s, _ = props[seg].(map[string]any)
		}
		if s == nil {
			return nil
		}
	}
	props, _ := s["properties"].(map[string]any)
	names := make([]string, 0, len(props))
	for n := range props {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case []any:
		return "an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	}
	return "a number"
}

// CompactJSON renders v as compact JSON (its Go form if it cannot be).
func CompactJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
