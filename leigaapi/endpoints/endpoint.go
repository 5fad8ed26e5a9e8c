// Package endpoints names every operation of the Leiga Open API once: its
// method and path, whether it only reads, the Go type of its parameters
// (package schemas) and the Go type its answer decodes into. Tool tables,
// the name resolver, the workflow tools and the sandbox all refer to these
// values; no other code spells an API path.
package endpoints

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Endpoint is one operation of the Leiga Open API. In is the type of its
// parameters, Out the type its envelope data decodes into
// (json.RawMessage when nothing reads it field by field).
type Endpoint[In, Out any] struct {
	method string
	path   string
	reads  bool
}

// Route is an endpoint seen without its types: what tool tables, the
// sandbox and tests need.
type Route interface {
	Method() string
	Path() string
	// Reads reports whether the endpoint only reads (every GET, and the
	// lists and searches Leiga takes as POST).
	Reads() bool
	// String renders the endpoint as "METHOD /path".
	String() string
	// Input returns the zero value of the parameter type.
	Input() any
	// Bind builds the request that sends in, a pointer to or a value of
	// the parameter type.
	Bind(in any) (leigaapi.Request, error)
}

// declare returns an endpoint; reads marks a read sent as POST.
func declare[In, Out any](method, path string, reads bool) Endpoint[In, Out] {
	return Endpoint[In, Out]{method: method, path: path, reads: reads || method == "GET"}
}

// Method is the HTTP method.
func (e Endpoint[In, Out]) Method() string { return e.method }

// Path is the path relative to the API base URL.
func (e Endpoint[In, Out]) Path() string { return e.path }

// Reads reports whether the endpoint only reads.
func (e Endpoint[In, Out]) Reads() bool { return e.reads }

// String renders the endpoint as "METHOD /path".
func (e Endpoint[In, Out]) String() string { return e.method + " " + e.path }

// Input returns the zero value of In.
func (e Endpoint[In, Out]) Input() any {
	var in In
	return in
}

// Bind builds the request that sends in.
func (e Endpoint[In, Out]) Bind(in any) (leigaapi.Request, error) {
	return bind(e.method, e.path, e.reads, in)
}

// Request builds the request that sends in.
func (e Endpoint[In, Out]) Request(in In) (leigaapi.Request, error) {
	return bind(e.method, e.path, e.reads, in)
}

// Call sends in to e and decodes the envelope's data into Out.
func Call[In, Out any](ctx context.Context, c *leigaapi.Client, e Endpoint[In, Out], in In) (Out, error) {
	var out Out
	req, err := e.Request(in)
	if err != nil {
		return out, err
	}
	resp, err := c.Do(ctx, req)
	if err != nil {
		return out, err
	}
	if err := decodeData(resp.Data, &out); err != nil {
		return out, fmt.Errorf("%s: %w", e, err)
	}
	return out, nil
}

// decodeData decodes envelope data into out; json.RawMessage takes it as is.
func decodeData(data json.RawMessage, out any) error {
	if raw, ok := out.(*json.RawMessage); ok {
		*raw = data
		return nil
	}
	data = bytes.TrimSpace(data)
	if len(data) == 0 || bytes.Equal(data, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("the answer's data has an unexpected shape: %w", err)
	}
	return nil
}

// Sent is a request as a dry run shows it: by construction what Call
// would send.
type Sent struct {
	Method string     `json:"method"`
	Path   string     `json:"path"`
	Query  url.Values `json:"query,omitempty"`
	Body   any        `json:"body,omitempty"`
}

// Preview returns what Call(ctx, c, e, in) would send.
func (e Endpoint[In, Out]) Preview(in In) (Sent, error) {
	req, err := e.Request(in)
	if err != nil {
		return Sent{}, err
	}
	return Sent{Method: req.Method, Path: req.Path, Query: req.Query, Body: req.Body}, nil
}

// bind builds a request: GET parameters go in the query string, every
// other method sends them as a JSON body (DELETE included, as Leiga
// expects). Result-shaping fields (schemas.ViewOnly) are never sent.
func bind(method, path string, reads bool, in any) (leigaapi.Request, error) {
	req := leigaapi.Request{Method: method, Path: path, Idempotent: reads}
	if method != "GET" {
		body, err := upstreamBody(in)
		req.Body = body
		return req, err
	}
	q, err := queryValues(in)
	req.Query = q
	return req, err
}

// viewer is an input with result-shaping fields (schemas.Paging).
type viewer interface{ ViewFields() []string }

// upstreamBody is the JSON body for an input: the input itself, or, when
// it has result-shaping fields set, a copy without them.
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
	for k, v := range m {
		if slices.Contains(schemas.ViewOnly, k) {
			continue
		}
		switch v := v.(type) {
		case nil:
		case []any:
			for _, item := range v {
				q.Add(k, scalarText(item))
			}
		default:
			q.Set(k, scalarText(v))
		}
	}
	if len(q) == 0 {
		return nil, nil
	}
	return q, nil
}

// scalarText renders a query value.
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
	b, _ := json.Marshal(v)
	return string(b)
}

// get, post, read, patch and del declare endpoints: read is a POST that
// only reads (a list or a search with its filters in the body).
func get[In, Out any](path string) Endpoint[In, Out]   { return declare[In, Out]("GET", path, true) }
func post[In, Out any](path string) Endpoint[In, Out]  { return declare[In, Out]("POST", path, false) }
func read[In, Out any](path string) Endpoint[In, Out]  { return declare[In, Out]("POST", path, true) }
func patch[In, Out any](path string) Endpoint[In, Out] { return declare[In, Out]("PATCH", path, false) }
func del[In, Out any](path string) Endpoint[In, Out]   { return declare[In, Out]("DELETE", path, false) }
