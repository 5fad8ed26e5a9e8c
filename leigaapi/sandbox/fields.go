package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxText is the longest text field value, in characters.
const maxText = 65536

// option is one choice of a select-like field.
type option struct {
	Value    int64  `json:"value"`
	Name     string `json:"name"`
	Category int    `json:"stateCategory,omitempty"` // status options only
}

// ref is the {"id","name"} expansion of a field value in *VO keys.
type ref struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	StateCategory int    `json:"stateCategory,omitempty"`
}

// refSource supplies the options of select-like fields and names their
// values. options are the values a write accepts; resolve also names
// values that are no longer offered (a closed sprint, a removed user).
type refSource struct {
	options func(st *store, p *Project) []option
	resolve func(st *store, p *Project, v int64) (option, bool) // nil: search options
}

// lookup names value v.
func (src *refSource) lookup(st *store, p *Project, v int64) (option, bool) {
	if src.resolve != nil {
		return src.resolve(st, p, v)
	}
	return findBy(src.options(st, p), func(o option) int64 { return o.Value }, v)
}

// fieldMeta is what the field endpoints show about a field.
type fieldMeta struct {
	ID       int64
	Code     string
	Name     string
	Control  string
	Required bool
}

// fieldDef is one field of a data map (issue, subtask, epic or project
// overview) and how to read and write it on a *T.
type fieldDef[T any] struct {
	fieldMeta
	multiple bool
	src      *refSource                                                   // nil for free-form fields
	get      func(t *T) any                                               // data-map value, nil when unset
	set      func(st *store, p *Project, t *T, raw json.RawMessage) error // validates and stores one value
}

// accessor reads and writes one value of a T.
type accessor[T, V any] struct {
	get func(*T) V
	put func(*T, V)
}

// at is the accessor of the field ref points to.
func at[T, V any](ref func(*T) *V) accessor[T, V] {
	return accessor[T, V]{get: func(t *T) V { return *ref(t) }, put: func(t *T, v V) { *ref(t) = v }}
}

// textField is a string field.
func textField[T any](m fieldMeta, ref func(*T) *string) fieldDef[T] {
	return fieldDef[T]{
		fieldMeta: m,
		get: func(t *T) any {
			if s := *ref(t); s != "" {
				return s
			}
			return nil
		},
		set: func(_ *store, _ *Project, t *T, raw json.RawMessage) error {
			var s *string
			if json.Unmarshal(raw, &s) != nil {
				return errors.New("must be a string")
			}
			if s == nil || strings.TrimSpace(*s) == "" {
				if m.Required {
					return errors.New("must not be empty")
				}
				*ref(t) = ""
				return nil
			}
			if utf8.RuneCountInString(*s) > maxText {
				return fmt.Errorf("must be at most %d characters", maxText)
			}
			*ref(t) = *s
			return nil
		},
	}
}

// selectField is a single-choice field holding an option value.
func selectField[T any](m fieldMeta, src *refSource, a accessor[T, int64]) fieldDef[T] {
	return fieldDef[T]{
		fieldMeta: m,
		src:       src,
		get: func(t *T) any {
			if v := a.get(t); v != 0 {
				return v
			}
			return nil
		},
		set: func(st *store, p *Project, t *T, raw json.RawMessage) error {
			var v *int64
			if json.Unmarshal(raw, &v) != nil {
				return errors.New("must be an integer option value")
			}
			if v == nil || *v == 0 {
				if m.Required {
					return errors.New("cannot be cleared")
				}
				a.put(t, 0)
				return nil
			}
			if !hasOption(src.options(st, p), *v) {
				return fmt.Errorf("%d is not one of the field's options", *v)
			}
			a.put(t, *v)
			return nil
		},
	}
}

// multiField is a multiple-choice field holding option values.
func multiField[T any](m fieldMeta, src *refSource, ref func(*T) *[]int64) fieldDef[T] {
	return fieldDef[T]{
		fieldMeta: m,
		multiple:  true,
		src:       src,
		get:       func(t *T) any { return append([]int64{}, *ref(t)...) },
		set: func(st *store, p *Project, t *T, raw json.RawMessage) error {
			var vs []int64
			if json.Unmarshal(raw, &vs) != nil {
				return errors.New("must be an array of integer option values")
			}
			opts := src.options(st, p)
			var out []int64
			for _, v := range vs {
				if !hasOption(opts, v) {
					return fmt.Errorf("%d is not one of the field's options", v)
				}
				if !slices.Contains(out, v) {
					out = append(out, v)
				}
			}
			*ref(t) = out
			return nil
		},
	}
}

// dateField is an epoch-millisecond date; 0 or null clears it.
func dateField[T any](m fieldMeta, ref func(*T) *int64) fieldDef[T] {
	return fieldDef[T]{
		fieldMeta: m,
		get: func(t *T) any {
			if v := *ref(t); v != 0 {
				return v
			}
			return nil
		},
		set: func(_ *store, _ *Project, t *T, raw json.RawMessage) error {
			var v *int64
			if json.Unmarshal(raw, &v) != nil || (v != nil && *v < 0) {
				return errors.New("must be epoch milliseconds")
			}
			*ref(t) = 0
			if v != nil {
				*ref(t) = *v
			}
			return nil
		},
	}
}

// numberField is a non-negative number; null clears it.
func numberField[T any](m fieldMeta, ref func(*T) **float64) fieldDef[T] {
	return fieldDef[T]{
		fieldMeta: m,
		get: func(t *T) any {
			if v := *ref(t); v != nil {
				return *v
			}
			return nil
		},
		set: func(_ *store, _ *Project, t *T, raw json.RawMessage) error {
			var v *float64
			if json.Unmarshal(raw, &v) != nil || (v != nil && *v < 0) {
				return errors.New("must be a non-negative number")
			}
			*ref(t) = v
			return nil
		},
	}
}

// field returns the definition of code.
func field[T any](defs []fieldDef[T], code string) (fieldDef[T], bool) {
	return findBy(defs, func(d fieldDef[T]) string { return d.Code }, code)
}

// pick returns the definitions of codes, in that order.
func pick[T any](defs []fieldDef[T], codes ...string) []fieldDef[T] {
	out := make([]fieldDef[T], 0, len(codes))
	for _, code := range codes {
		if d, ok := field(defs, code); ok {
			out = append(out, d)
		}
	}
	return out
}

// applyData writes a data map (fieldCode -> value) onto t, in key order.
// On create, required fields still unset afterwards are reported. The
// caller passes a copy and keeps it only when applyData succeeds.
func applyData[T any](st *store, p *Project, defs []fieldDef[T], t *T, data map[string]json.RawMessage, create bool) error {
	for _, code := range slices.Sorted(maps.Keys(data)) {
		d, ok := field(defs, code)
		if !ok {
			return badRequest("data.%s: unknown field (see the field list endpoints)", code)
		}
		if err := d.set(st, p, t, data[code]); err != nil {
			return badRequest("data.%s: %v", code, err)
		}
	}
	if create {
		for _, d := range defs {
			if d.Required && d.get(t) == nil {
				return badRequest("data.%s is required", d.Code)
			}
		}
	}
	return nil
}

// dataMap renders t as fieldCode -> value, plus fieldCode+"VO" -> the
// {id,name} expansion of select-like values.
func dataMap[T any](st *store, p *Project, defs []fieldDef[T], t *T) map[string]any {
	m := make(map[string]any, 2*len(defs))
	for _, d := range defs {
		v := d.get(t)
		m[d.Code] = v
		if d.src != nil {
			m[d.Code+"VO"] = d.expand(st, p, v)
		}
	}
	return m
}

// expand names a select-like value: a ref, a list of refs, or nil.
func (d fieldDef[T]) expand(st *store, p *Project, v any) any {
	name := func(id int64) ref {
		o, _ := d.src.lookup(st, p, id)
		return ref{ID: id, Name: o.Name, StateCategory: o.Category}
	}
	switch v := v.(type) {
	case int64:
		return name(v)
	case []int64:
		return mapList(v, name)
	}
	return nil
}

// idsOf returns the option values a data-map value selects.
func idsOf(v any) []int64 {
	switch v := v.(type) {
	case int64:
		return []int64{v}
	case []int64:
		return v
	}
	return nil
}

// fieldView describes a field for the scheme, field list and field detail
// endpoints.
type fieldView struct {
	CustomFieldID   int64    `json:"customFieldId"`
	FieldCode       string   `json:"fieldCode"`
	FieldName       string   `json:"fieldName"`
	CustomFieldName string   `json:"customFieldName"`
	ControlCode     string   `json:"controlCode"`
	RequiredFlag    bool     `json:"requiredFlag"`
	MultipleChoice  bool     `json:"multipleChoice"`
	Options         []option `json:"options"`
}

// view describes d with its options for project p.
func (d fieldDef[T]) view(st *store, p *Project) fieldView {
	opts := []option{}
	if d.src != nil {
		opts = d.src.options(st, p)
	}
	return fieldView{
		CustomFieldID:   d.ID,
		FieldCode:       d.Code,
		FieldName:       d.Name,
		CustomFieldName: d.Name,
		ControlCode:     d.Control,
		RequiredFlag:    d.Required,
		MultipleChoice:  d.multiple,
		Options:         opts,
	}
}

// fieldViews describes every field of defs for project p.
func fieldViews[T any](st *store, p *Project, defs []fieldDef[T]) []fieldView {
	return mapList(defs, func(d fieldDef[T]) fieldView { return d.view(st, p) })
}

// fieldList is the {"fields":[...]} answer of the field list endpoints.
type fieldList struct {
	Fields []fieldView `json:"fields"`
}
