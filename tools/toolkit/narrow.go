package toolkit

import "context"

// Narrowing is one client's restriction of the served tools (HTTP headers
// X-MCP-Toolsets / X-MCP-Tools / X-MCP-Readonly). It can hide tools, never
// add them; leiga_call_tool honours it like tools/call does.
type Narrowing struct {
	Allowed  func(toolName string) bool // nil: every served tool
	ReadOnly bool
}

// Allows reports whether the narrowing lets a client use t.
func (n Narrowing) Allows(name string, readOnly bool) bool {
	if n.Allowed != nil && !n.Allowed(name) {
		return false
	}
	return !n.ReadOnly || readOnly
}

type narrowingKey struct{}

// WithNarrowing returns a context carrying n.
func WithNarrowing(ctx context.Context, n Narrowing) context.Context {
	return context.WithValue(ctx, narrowingKey{}, n)
}

// NarrowingFrom returns the context's narrowing, if any.
func NarrowingFrom(ctx context.Context) (Narrowing, bool) {
	n, ok := ctx.Value(narrowingKey{}).(Narrowing)
	return n, ok
}
