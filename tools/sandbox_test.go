package tools

import (
	"strconv"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox/sandboxtest"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// sandboxNow is the fixed clock of sandbox tests.
var sandboxNow = sandboxtest.Now

// sandboxOptions configure newSandboxDeps.
type sandboxOptions struct {
	me   string // who "me" is; default the demo API user, Alice Chen (1001)
	noMe bool   // leave "me" unset, as without LEIGA_USER
}

// newSandboxDeps returns Deps wired to a fresh in-process sandbox (demo
// seed, fixed clock, no network) with a Resolver in UTC whose "me" is the
// sandbox's API user. The sandbox's Stats() counts requests.
func newSandboxDeps(t testing.TB, opts ...sandboxOptions) (*sandbox.Sandbox, *toolkit.Deps) {
	t.Helper()
	var o sandboxOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	sb, api := sandboxtest.New(t)
	me := o.me
	if me == "" && !o.noMe {
		me = strconv.FormatInt(sandbox.DemoUserAlice, 10)
	}
	r := resolve.New(api, resolve.Options{Me: me, Location: time.UTC, Now: func() time.Time { return sandboxNow }})
	return sb, &toolkit.Deps{API: api, Resolver: r, Location: time.UTC}
}

// writes counts the requests that change something, from sandbox stats.
func writes(sb *sandbox.Sandbox) map[string]int {
	out := map[string]int{}
	for k, n := range sb.Stats().Requests {
		switch k {
		case "POST /issue/add", "PATCH /issue/update", "POST /comment/add", "POST /issue/labour-record/add",
			"PATCH /issue/batch-update", "POST /issue/batch-add", "POST /tag/add":
			out[k] = n
		}
	}
	return out
}
