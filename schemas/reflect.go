package schemas

import (
	"encoding/json"
	"fmt"

	"github.com/invopop/jsonschema"
)

var reflector = jsonschema.Reflector{
	DoNotReference:             true,
	ExpandedStruct:             true,
	RequiredFromJSONSchemaTags: true,
}

// Reflect returns the JSON Schema of the input type of v (a struct value or
// pointer) as compact JSON, without $schema and $id, which cost tokens and
// tell a client nothing.
func Reflect(v any) (json.RawMessage, error) {
	s := reflector.Reflect(v)
	s.Version = ""
	s.ID = ""
	if s.Type != "object" {
		return nil, fmt.Errorf("input type %T does not reflect to an object schema", v)
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, fmt.Errorf("marshal schema of %T: %w", v, err)
	}
	return b, nil
}
