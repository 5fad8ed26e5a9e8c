package toolkit

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
