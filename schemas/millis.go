package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/invopop/jsonschema"
)

// Millis is a date or time as Leiga wants it: epoch milliseconds. Tool
// arguments may give a date as "YYYY-MM-DD", RFC 3339 or a word such as
// "friday": the toolkit turns such strings into epoch milliseconds in the
// user's time zone before decoding, so a model never has to compute epoch
// values. A string that still reaches UnmarshalJSON is read in UTC.
type Millis int64

// UnmarshalJSON accepts a JSON number (epoch ms) or a date string.
func (m *Millis) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := ParseMillis(s, time.UTC)
		if err != nil {
			return err
		}
		*m = v
		return nil
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		f, ferr := strconv.ParseFloat(string(b), 64)
		if ferr != nil {
			return fmt.Errorf("want epoch milliseconds or YYYY-MM-DD, got %s", b)
		}
		n = int64(f)
	}
	*m = Millis(n)
	return nil
}

// ParseMillis reads "YYYY-MM-DD" (midnight in loc), RFC 3339, or a decimal
// epoch-ms string.
func ParseMillis(s string, loc *time.Location) (Millis, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return Millis(t.UnixMilli()), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Millis(t.UnixMilli()), nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return Millis(n), nil
	}
	return 0, fmt.Errorf("want epoch milliseconds, YYYY-MM-DD or RFC 3339, got %q", s)
}

// JSONSchema describes Millis as an integer or a date string.
func (Millis) JSONSchema() *jsonschema.Schema {
	return &jsonschema.Schema{
		Type: "", OneOf: []*jsonschema.Schema{
			{Type: "integer"},
			{Type: "string", Pattern: `^\d{4}-\d{2}-\d{2}`},
		},
	}
}

// DateRange is a [start, end] pair of dates; null leaves an end open.
type DateRange []*Millis

// JSONSchema describes two dates, either of which may be null.
func (DateRange) JSONSchema() *jsonschema.Schema {
	end := Millis(0).JSONSchema()
	end.OneOf = append(end.OneOf, &jsonschema.Schema{Type: "null"})
	two := uint64(2)
	return &jsonschema.Schema{Type: "array", Items: end, MinItems: &two, MaxItems: &two}
}
