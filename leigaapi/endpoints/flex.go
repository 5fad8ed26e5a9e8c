package endpoints

import (
	"bytes"
	"encoding/json"
	"strconv"
)

// Tolerant scalars for reading Leiga answers: the catalog and the service
// do not always agree on a field's JSON type (an id as a number or a
// string, a flag as a boolean or 0/1), and null means "not set". A value
// of an unexpected type reads as the zero value instead of failing the
// whole answer.

// Int is an integer sent as a number (integral or not) or a numeric string.
type Int int64

// UnmarshalJSON reads a number or a numeric string; anything else is 0.
func (n *Int) UnmarshalJSON(b []byte) error {
	b = unquote(b)
	if v, err := strconv.ParseInt(string(b), 10, 64); err == nil {
		*n = Int(v)
	} else if f, err := strconv.ParseFloat(string(b), 64); err == nil {
		*n = Int(f)
	} else {
		*n = 0
	}
	return nil
}

// Number is a decimal sent as a number or a numeric string; Set reports
// whether one was sent (null and absent are not).
type Number struct {
	Value float64
	Set   bool
}

// UnmarshalJSON reads a number or a numeric string.
func (n *Number) UnmarshalJSON(b []byte) error {
	f, err := strconv.ParseFloat(string(unquote(b)), 64)
	*n = Number{Value: f, Set: err == nil}
	return nil
}

// Text is a string, also when sent as a number; null is "".
type Text string

// UnmarshalJSON reads a string or the text of a number.
func (t *Text) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text(s)
		return nil
	}
	if _, err := strconv.ParseFloat(string(b), 64); err == nil {
		*t = Text(b)
		return nil
	}
	*t = ""
	return nil
}

// Flag is a boolean sent as true/false, 0/1 or "true"/"1".
type Flag bool

// UnmarshalJSON reads a boolean, a number (non-zero is true) or a string.
func (f *Flag) UnmarshalJSON(b []byte) error {
	s := string(unquote(b))
	switch s {
	case "true", "1":
		*f = true
		return nil
	case "false", "0", "null", "":
		*f = false
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	*f = Flag(err == nil && v != 0)
	return nil
}

// Named is an {id, name} object, such as Leiga's *VO expansions.
type Named struct {
	ID   Int  `json:"id"`
	Name Text `json:"name"`
}

// UnmarshalJSON reads an {id, name} object; anything else is empty.
func (n *Named) UnmarshalJSON(b []byte) error {
	*n = Named{}
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	type plain Named
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return nil
	}
	*n = Named(p)
	return nil
}

// unquote strips the quotes of a JSON string holding a scalar.
func unquote(b []byte) []byte {
	b = bytes.TrimSpace(b)
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		return b[1 : len(b)-1]
	}
	return b
}

// first returns the first non-zero value.
func first[T comparable](vs ...T) T {
	var zero T
	for _, v := range vs {
		if v != zero {
			return v
		}
	}
	return zero
}
