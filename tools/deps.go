package tools

import (
	"log/slog"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// Deps is what tool handlers need at call time.
type Deps struct {
	API    *leigaapi.Client
	Logger *slog.Logger
	// Reach is what the catalog meta-tools can find and call.
	Reach *Reach
	// Resolver turns names into ids for the assistant tools.
	Resolver *Resolver
	// Location is the user's time zone for dates in results (LEIGA_TZ).
	Location *time.Location
	// ResultBudget caps a result's text in bytes (about 4 bytes a token).
	ResultBudget int
}

// DefaultResultBudget is about 5,000 tokens of result text.
const DefaultResultBudget = 20_000

func (d *Deps) location() *time.Location {
	if d.Location != nil {
		return d.Location
	}
	return time.Local
}

func (d *Deps) budget() int {
	if d.ResultBudget > 0 {
		return d.ResultBudget
	}
	return DefaultResultBudget
}
