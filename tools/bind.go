package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// decode turns validated raw arguments into a pointer to the tool's input
// type, with defaults applied.
func (t *Tool) decode(raw json.RawMessage) (any, error) {
	in := reflect.New(t.inputType).Interface()
	if len(bytes.TrimSpace(raw)) > 0 && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(in); err != nil {
			return nil, &ArgumentError{Tool: t.Name, Problems: []string{decodeProblem(err)}}
		}
	}
	if d, ok := in.(schemas.Defaulter); ok {
		d.ApplyDefaults()
	}
	return in, nil
}

// decodeProblem words a JSON decoding error with the field it concerns.
func decodeProblem(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok && te.Field != "" {
		return fmt.Sprintf("field %q: expected %s, got %s", te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// request binds a decoded input to the tool's endpoint: GET parameters go
// in the query string, every other method sends the input as a JSON body
// (DELETE included, as Leiga expects).
func (t *Tool) request(in any) (leigaapi.Request, error) {
	req := leigaapi.Request{
		Method:     t.Endpoint.Method,
		Path:       t.Endpoint.Path,
		Idempotent: t.Effect == Read,
	}
	if t.Endpoint.Method != "GET" {
		body, err := upstreamBody(in)
		if err != nil {
			return req, err
		}
		req.Body = body
		return req, nil
	}
	q, err := queryValues(in)
	if err != nil {
		return req, err
	}
	req.Query = q
	return req, nil
}

// queryValues encodes an input as query parameters: scalars as text,
// arrays as repeated parameters, objects as JSON.
func queryValues(in any) (url.Values, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, k := range sortedMapKeys(m) {
		if slices.Contains(schemas.ViewOnly, k) {
			continue
		}
		switch v := m[k].(type) {
		case nil:
		case []any:
			for _, item := range v {
				q.Add(k, scalarText(item))
			}
		default:
			q.Set(k, scalarText(v))
		}
	}
	return q, nil
}

// viewer is an input with result-shaping fields (schemas.Paging).
type viewer interface{ ViewFields() []string }

// upstreamBody is the JSON body for an input: the input itself, or, when it
// has result-shaping fields set, a copy without them (unset, they are
// omitted from the JSON anyway).
func upstreamBody(in any) (any, error) {
	if v, ok := in.(viewer); !ok || len(v.ViewFields()) == 0 {
		return in, nil
	}
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for _, k := range schemas.ViewOnly {
		delete(m, k)
	}
	return m, nil
}

func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	}
	return compactJSON(v)
}
