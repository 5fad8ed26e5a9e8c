package schemas

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"strings"

	"github.com/invopop/jsonschema"
)

// IssueData is the field-code map that issue, subtask and epic writes send
// as `data`: the common codes are named, custom fields ("customfield_N")
// travel in Custom. Codes and option ids for a project and issue type come
// from issue_issue_fields / issue_issue_field_info.
type IssueData struct {
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
	// Custom holds custom fields keyed by their code, e.g. "customfield_12".
	Custom map[string]any `json:"-"`
}

// customFieldCode is the shape of a custom field's code.
var customFieldCode = regexp.MustCompile(`^customfield_\w+$`)

// issueDataAlias has IssueData's fields without its methods.
type issueDataAlias IssueData

// UnmarshalJSON decodes the named codes and collects "customfield_*" keys
// into Custom. Any other key is an error: a misspelt code is never dropped.
func (d *IssueData) UnmarshalJSON(b []byte) error {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	var named issueDataAlias
	if err := json.Unmarshal(b, &named); err != nil {
		return err
	}
	*d = IssueData(named)
	known := issueDataCodes
	for k, raw := range all {
		if known[k] {
			continue
		}
		if !customFieldCode.MatchString(k) {
			return fmt.Errorf("unknown field code %q: use one of %s or customfield_N", k, strings.Join(sortedKeys(known), ", "))
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		if d.Custom == nil {
			d.Custom = map[string]any{}
		}
		d.Custom[k] = v
	}
	return nil
}

// MarshalJSON writes the named codes and the custom fields as one map.
func (d IssueData) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(issueDataAlias(d))
	if err != nil || len(d.Custom) == 0 {
		return b, err
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	maps.Copy(out, d.Custom)
	return json.Marshal(out)
}

// JSONSchemaExtend allows "customfield_*" keys besides the named codes.
func (IssueData) JSONSchemaExtend(s *jsonschema.Schema) {
	s.PatternProperties = map[string]*jsonschema.Schema{`^customfield_\w+$`: {}}
}

// issueDataCodes lists the JSON names of IssueData's named codes.
var issueDataCodes = jsonNames(reflect.TypeFor[issueDataAlias]())
