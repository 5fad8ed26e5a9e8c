package schemas

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/invopop/jsonschema"
)

// Millis is a date or time as Leiga wants it: epoch milliseconds. As input it
// also accepts "YYYY-MM-DD" (midnight in Location) and RFC 3339 strings, so a
// model never has to compute epoch values.
type Millis int64

// Location is the time zone in which "YYYY-MM-DD" inputs are read.
var Location = time.Local

// UnmarshalJSON accepts a JSON number (epoch ms) or a date string.
func (m *Millis) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		v, err := ParseMillis(s)
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

// ParseMillis reads "YYYY-MM-DD", RFC 3339, or a decimal epoch-ms string.
func ParseMillis(s string) (Millis, error) {
	if t, err := time.ParseInLocation(time.DateOnly, s, Location); err == nil {
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
