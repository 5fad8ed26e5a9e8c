package toolkit

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
)

// Decoding validated arguments without parsing them again: the document
// the schema validated (maps, []any, json.Number, strings, bools) is
// assigned to the tool's input type field by field, so a large argument
// (a file as base64) is held once, not copied a second time. A type this
// cannot assign falls back to encoding/json on the raw arguments.

// errFallBack says assign met a type it leaves to encoding/json.
var errFallBack = errors.New("fall back to encoding/json")

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// assign stores the decoded JSON value v into dst.
func assign(dst reflect.Value, v any) error {
	if v == nil {
		dst.SetZero()
		return nil
	}
	t := dst.Type()
	if t == rawMessageType {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		dst.SetBytes(b)
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := assign(p.Elem(), v); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return errFallBack
		}
		dst.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return errFallBack
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return errFallBack
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil {
			f, ferr := strconv.ParseFloat(string(n), 64)
			if ferr != nil || f != float64(int64(f)) {
				return errFallBack
			}
			i = int64(f)
		}
		if dst.OverflowInt(i) {
			return errFallBack
		}
		dst.SetInt(i)
		return nil
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return errFallBack
		}
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return errFallBack
		}
		dst.SetFloat(f)
		return nil
	case reflect.Slice:
		list, ok := v.([]any)
		if !ok {
			return errFallBack
		}
		s := reflect.MakeSlice(t, len(list), len(list))
		for i, e := range list {
			if err := assign(s.Index(i), e); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || t.Key().Kind() != reflect.String {
			return errFallBack
		}
		if t.Elem().Kind() == reflect.Interface && t.Elem().NumMethod() == 0 {
			// map[string]any (schemas.IssueData): numbers stay json.Number,
			// as a UseNumber decoder leaves them.
			m := reflect.MakeMapWithSize(t, len(obj))
			for k, e := range obj {
				m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), reflect.ValueOf(&e).Elem())
			}
			dst.Set(m)
			return nil
		}
		m := reflect.MakeMapWithSize(t, len(obj))
		for k, e := range obj {
			ev := reflect.New(t.Elem()).Elem()
			if err := assign(ev, e); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		dst.Set(m)
		return nil
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return errFallBack
		}
		for k, e := range obj {
			f, ok := fieldByJSONName(dst, k)
			if !ok {
				return errFallBack
			}
			if err := assign(f, e); err != nil {
				return err
			}
		}
		return nil
	}
	return errFallBack
}

// fieldByJSONName finds the settable field encoded under name, looking
// through embedded structs.
func fieldByJSONName(v reflect.Value, name string) (reflect.Value, bool) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			if got, ok := fieldByJSONName(v.Field(i), name); ok {
				return got, true
			}
			continue
		}
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		if tag == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// hasCustomDecoding reports types whose JSON decoding assign cannot
// mirror (a custom UnmarshalJSON other than the ones assign knows).
func hasCustomDecoding(t reflect.Type) bool {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type) bool
	walk = func(t reflect.Type) bool {
		if seen[t] {
			return false
		}
		seen[t] = true
		if t == rawMessageType {
			return false
		}
		if t.Kind() != reflect.Pointer && (t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType)) {
			// IssueData (a map kept with json.Number) and Millis (numbers
			// only, once coerced) decode as assign does.
			if t.Kind() != reflect.Map && t.Kind() != reflect.Int64 {
				return true
			}
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			return walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				if walk(t.Field(i).Type) {
					return true
				}
			}
		}
		return false
	}
	return walk(t)
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
