package toolkit

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// Call runs the tool with raw JSON arguments. Anything the model can act on
// (bad arguments, a Leiga error, a timeout) is an isError result, never a
// Go error; nothing is sent upstream unless the arguments are valid.
func (t *Tool) Call(ctx context.Context, d *Deps, raw json.RawMessage) *mcp.CallToolResult {
	raw, doc, err := t.validateArgs(raw, d.coercer())
	if err != nil {
		return ErrorResult(ctx, t, err)
	}
	in, err := t.decode(raw, doc)
	if err != nil {
		return ErrorResult(ctx, t, err)
	}
	if t.Check != nil {
		if err := t.Check(ctx, d, in); err != nil {
			return ErrorResult(ctx, t, err)
		}
	}
	if res := t.confirmed(ctx, d, raw, in); res != nil {
		return res // the user's go-ahead is needed first, or was refused (confirm.go)
	}
	if t.Handler != nil {
		res, err := t.Handler(ctx, t, d, in)
		if err != nil {
			return ErrorResult(ctx, t, err)
		}
		return res
	}
	req, err := t.Endpoint.Bind(in)
	if err != nil {
		return ErrorResult(ctx, t, err)
	}
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		return ErrorResult(ctx, t, err)
	}
	if !t.ReadOnly() && d.Resolver != nil {
		d.Resolver.Changed(ctx, module(t.Endpoint.Path()))
	}
	return DataResult(ctx, d, in, resp.Data)
}

// module is the API module of a path: its first segment.
func module(path string) string {
	m, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return m
}

// coercer is the argument coercion of a call: dates in the user's zone,
// relative to now.
func (d *Deps) coercer() coercer {
	now := time.Now()
	if d.Resolver != nil {
		now = d.Resolver.Now()
	}
	return coercer{loc: d.location(), now: now}
}

// decode turns validated arguments into a pointer to the tool's input
// type, with defaults applied: assigned from the validated document doc,
// or decoded from raw when the type needs encoding/json.
func (t *Tool) decode(raw json.RawMessage, doc any) (any, error) {
	ptr := reflect.New(t.inputType)
	in := ptr.Interface()
	if doc != nil && !t.customDecode {
		err := assign(ptr.Elem(), doc)
		if err == nil {
			if d, ok := in.(schemas.Defaulter); ok {
				d.ApplyDefaults()
			}
			return in, nil
		}
		ptr = reflect.New(t.inputType)
		in = ptr.Interface()
	}
	if raw == nil && doc != nil {
		// The arguments held large values put aside: decode the document.
		b, err := json.Marshal(doc)
		if err != nil {
			return nil, err
		}
		raw = b
	}
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
