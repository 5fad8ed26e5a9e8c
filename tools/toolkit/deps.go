package toolkit

import (
	"log/slog"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
)

// Deps is what tool handlers need at call time.
type Deps struct {
	API    *leigaapi.Client
	Logger *slog.Logger
	// Reach is what the catalog meta-tools can find and call.
	Reach *Reach
	// Resolver turns names into ids for the workflow tools.
	Resolver *resolve.Resolver
	// Location is the user's time zone for dates in arguments and results
	// (LEIGA_TZ).
	Location *time.Location
	// ResultBudget caps a result's text in bytes (about 4 bytes a token).
	ResultBudget int
	// UploadDirs are the directories file_upload may read local files from
	// (LEIGA_UPLOAD_DIRS); none: only inline content.
	UploadDirs []string
	// Confirmer gets the user's go-ahead for deletes and large bulk
	// updates (confirm.go); nil: nothing is asked.
	Confirmer Confirmer
}

// DefaultResultBudget is about 5,000 tokens of result text.
const DefaultResultBudget = 20_000

func (d *Deps) location() *time.Location {
	if d.Location != nil {
		return d.Location
	}
	return time.Local
}

// Loc is the user's time zone (the machine's when unset).
func (d *Deps) Loc() *time.Location { return d.location() }

func (d *Deps) budget() int {
	if d.ResultBudget > 0 {
		return d.ResultBudget
	}
	return DefaultResultBudget
}
