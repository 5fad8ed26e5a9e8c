// Package toolkit is the framework every leiga-mcp tool is built on: the
// Tool and its Effect, the Registry and Selection of tools, argument
// coercion, validation and decoding, the one table-driven path for plain
// endpoint calls, and the shaping of results and errors.
package toolkit

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Handler runs a tool whose call is not a plain endpoint call. t is the
// tool itself; in is a pointer to its decoded, validated, defaulted input.
type Handler func(ctx context.Context, t *Tool, d *Deps, in any) (*mcp.CallToolResult, error)

// Tool is one MCP tool: its definition, annotations and behaviour.
type Tool struct {
	Name        string
	Title       string
	Description string
	Toolset     string          // set by the registry from the module that defines it
	Endpoint    endpoints.Route // nil for tools that compose several calls
	Input       any             // zero value of the input type; defaults to the endpoint's
	Effect      Effect
	Handler     Handler // nil: call Endpoint with the bound input
	// Check, when set, runs on the decoded input before anything is sent:
	// checks that need Leiga's data (a project's field codes). Its error
	// is a tool error; nothing is sent.
	Check func(ctx context.Context, d *Deps, in any) error
	// Confirm, when set, words in one line what a call would do, for the
	// user to confirm before it runs ("" for a call that needs no
	// confirmation); see Confirmer and WithConfirm.
	Confirm func(ctx context.Context, d *Deps, in any) (string, error)

	also        []string     // other toolsets that include the tool (Module.Also)
	input       *inputSchema // built on first use, shared by copies of the tool
	inputType   reflect.Type
	checkType   reflect.Type // the input type Check was written for
	confirmType reflect.Type // the input type Confirm was written for
	// customDecode: the input type has JSON decoding that assigning the
	// validated document cannot mirror.
	customDecode bool
}

// Composed returns t running handle with its typed input: the input type
// and the handler cannot disagree.
func Composed[T any](t Tool, handle func(ctx context.Context, t *Tool, d *Deps, in *T) (*mcp.CallToolResult, error)) Tool {
	var zero T
	t.Input = zero
	t.Handler = func(ctx context.Context, tool *Tool, d *Deps, in any) (*mcp.CallToolResult, error) {
		return handle(ctx, tool, d, in.(*T))
	}
	return t
}

// WithCheck returns t with check run on its typed input before the call.
// The registry refuses a check written for another input type.
func WithCheck[T any](t Tool, check func(ctx context.Context, d *Deps, in *T) error) Tool {
	t.checkType = reflect.TypeFor[T]()
	t.Check = func(ctx context.Context, d *Deps, in any) error {
		return check(ctx, d, in.(*T))
	}
	return t
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

// InToolset reports whether the toolset called name includes the tool:
// its home toolset or one that also includes it.
func (t *Tool) InToolset(name string) bool {
	return t.Toolset == name || slices.Contains(t.also, name)
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
