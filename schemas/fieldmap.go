package schemas

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/invopop/jsonschema"
)

// IssueData is the field-code map that issue, subtask and epic writes send
// as `data`. As in the API it is an open map: a project's real codes
// (custom fields "customfield_N" and others such as estimateLabour) come
// from issue_issue_fields / issue_issue_scheme, and the tools check the
// codes against the project's fields before anything is sent. The common
// codes are documented in the schema with their types; null clears a
// field.
type IssueData map[string]any

// IssueDataCodes are the common codes of IssueData, with their types.
type IssueDataCodes struct {
	Summary        string  `json:"summary,omitempty" jsonschema_description:"Title"`
	Description    string  `json:"description,omitempty" jsonschema_description:"Body (HTML or text)"`
	Status         int64   `json:"status,omitempty" jsonschema_description:"Status (state) id"`
	Priority       int64   `json:"priority,omitempty" jsonschema_description:"Priority id"`
	Assignee       int64   `json:"assignee,omitempty" jsonschema_description:"Assignee user id"`
	Owner          int64   `json:"owner,omitempty" jsonschema_description:"Owner user id"`
	Label          []int64 `json:"label,omitempty" jsonschema_description:"Tag ids"`
	Follows        []int64 `json:"follows,omitempty" jsonschema_description:"Follower user ids"`
	Sprint         int64   `json:"sprint,omitempty" jsonschema_description:"Sprint id"`
	ReleaseVersion int64   `json:"releaseVersion,omitempty" jsonschema_description:"Version id"`
	Epic           int64   `json:"epic,omitempty" jsonschema_description:"Epic id"`
	DueDate        Millis  `json:"dueDate,omitempty" jsonschema_description:"Due date"`
	StartDate      Millis  `json:"startDate,omitempty" jsonschema_description:"Start date"`
	EstimatePoint  float64 `json:"estimatePoint,omitempty" jsonschema_description:"Story points"`
}

// codeTypes maps each common code to its Go type.
var codeTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for f := range reflect.TypeFor[IssueDataCodes]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		m[name] = f.Type
	}
	return m
}()

// CommonCodes reports whether code is one of the common codes every
// project's issues have.
func CommonCodes(code string) bool {
	_, ok := codeTypes[code]
	return ok
}

// FieldType returns the Go type of a common code, so that arguments can
// be read against it (dates as words, numbers as strings).
func (IssueData) FieldType(code string) (reflect.Type, bool) {
	t, ok := codeTypes[code]
	return t, ok
}

// UnmarshalJSON keeps numbers exact (ids are int64).
func (d *IssueData) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	*d = m
	return nil
}

// JSONSchema documents the common codes and allows any other code.
func (IssueData) JSONSchema() *jsonschema.Schema {
	r := jsonschema.Reflector{DoNotReference: true, ExpandedStruct: true}
	s := r.Reflect(IssueDataCodes{})
	s.Version, s.ID, s.AdditionalProperties = "", "", nil
	s.Description = "Field values by field code; other codes (customfield_N, ...) from issue_issue_fields; null clears a field"
	for pair := s.Properties.Oldest(); pair != nil; pair = pair.Next() {
		// null clears the field: the type admits it.
		switch p := pair.Value; {
		case p.Type != "":
			p.Extras = map[string]any{"type": []string{p.Type, "null"}}
			p.Type = ""
		case p.OneOf != nil:
			p.OneOf = append(p.OneOf, &jsonschema.Schema{Type: "null"})
		}
	}
	return s
}

// CommonCodeNames lists the common codes in order.
func CommonCodeNames() []string {
	var out []string
	for f := range reflect.TypeFor[IssueDataCodes]().Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}
