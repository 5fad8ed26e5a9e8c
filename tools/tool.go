package tools

import (
	"context"
	"encoding/json"
	"reflect"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/schemas"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Effect says what a tool does to Leiga; it fixes the MCP annotations.
// Every tool must set one: there is no default.
type Effect int

// The effects a tool can have.
const (
	// Read changes nothing (readOnlyHint, idempotentHint).
	Read Effect = iota + 1
	// Create adds something; calling twice adds it twice.
	Create
	// Update changes something in place; calling twice is the same as once.
	Update
	// Delete removes or disables something (destructiveHint).
	Delete
	// Dispatch runs another tool chosen at call time (leiga_call_tool): it
	// may do anything the reachable tools do, so it is announced as a
	// destructive, non-idempotent write unless the reach is read-only.
	Dispatch
)

// String names the effect.
func (e Effect) String() string {
	switch e {
	case Read:
		return "read"
	case Create:
		return "create"
	case Update:
		return "update"
	case Delete:
		return "delete"
	case Dispatch:
		return "dispatch"
	}
	return "unset"
}

// Endpoint is the Leiga Open API call behind a tool.
type Endpoint struct {
	Method string // GET, POST, PATCH, DELETE
	Path   string // relative to the base URL
}

// String renders the endpoint as "METHOD /path".
func (e Endpoint) String() string { return e.Method + " " + e.Path }

// Handler runs a tool whose call is not a plain endpoint call. in is a
// pointer to the tool's decoded, validated, defaulted input type.
type Handler func(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error)

// Tool is one MCP tool: its definition, annotations and behaviour.
type Tool struct {
	Name        string
	Title       string
	Description string
	Toolset     string    // set by the registry from the module that defines it
	Endpoint    *Endpoint // nil for tools that compose several calls
	Input       any       // zero value of the input type from package schemas
	Effect      Effect
	Handler     Handler // nil: call Endpoint with the bound input

	input     *inputSchema // built on first use, shared by copies of the tool
	inputType reflect.Type
}

// inputSchema is a tool's JSON Schema, reflected on first use, and its
// validator, compiled on the first call: a server pays only for the tools
// it lists and calls, and starts fast.
type inputSchema struct {
	reflectOnce sync.Once
	raw         json.RawMessage
	reflectErr  error
	compileOnce sync.Once
	validator   *jsonschema.Schema
	compileErr  error
}

// schema returns the reflected schema.
func (t *Tool) schema() (json.RawMessage, error) {
	in := t.input
	in.reflectOnce.Do(func() { in.raw, in.reflectErr = schemas.Reflect(t.Input) })
	return in.raw, in.reflectErr
}

// compiled returns the schema's validator.
func (t *Tool) compiled() (*jsonschema.Schema, error) {
	in := t.input
	in.compileOnce.Do(func() {
		raw, err := t.schema()
		if err != nil {
			in.compileErr = err
			return
		}
		in.validator, in.compileErr = compileSchema(t.Name, raw)
	})
	return in.validator, in.compileErr
}

// Schema returns the tool's reflected JSON input schema. Registry tests
// guarantee every tool's schema reflects and compiles.
func (t *Tool) Schema() json.RawMessage {
	raw, _ := t.schema()
	return raw
}

// ReadOnly reports whether the tool changes nothing.
func (t *Tool) ReadOnly() bool { return t.Effect == Read }

// Destructive reports whether the tool removes or disables something.
func (t *Tool) Destructive() bool { return t.Effect == Delete || t.Effect == Dispatch }

// Idempotent reports whether repeating the call has no further effect.
func (t *Tool) Idempotent() bool { return t.Effect != Create && t.Effect != Dispatch }

// MCP returns the tool as announced in tools/list.
func (t *Tool) MCP() mcp.Tool {
	mt := mcp.NewToolWithRawSchema(t.Name, t.Description, t.Schema())
	mt.Title = t.Title
	mt.Annotations = mcp.ToolAnnotation{
		Title:           t.Title,
		ReadOnlyHint:    mcp.ToBoolPtr(t.ReadOnly()),
		DestructiveHint: mcp.ToBoolPtr(t.Destructive()),
		IdempotentHint:  mcp.ToBoolPtr(t.Idempotent()),
		OpenWorldHint:   mcp.ToBoolPtr(true),
	}
	return mt
}

// get, post, patch and del build the Endpoint of a tool definition.
func get(path string) *Endpoint   { return &Endpoint{Method: "GET", Path: path} }
func post(path string) *Endpoint  { return &Endpoint{Method: "POST", Path: path} }
func patch(path string) *Endpoint { return &Endpoint{Method: "PATCH", Path: path} }
func del(path string) *Endpoint   { return &Endpoint{Method: "DELETE", Path: path} }
