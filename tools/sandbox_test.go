package tools

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
)

// sandboxNow is the fixed clock of sandbox tests: Wednesday 2026-11-04,
// 10:00 UTC, a few days into the demo data's timeline.
var sandboxNow = time.Date(2026, time.November, 4, 10, 0, 0, 0, time.UTC)

// sandboxOptions configure newSandboxDeps.
type sandboxOptions struct {
	me   string // who "me" is; default the demo API user, Alice Chen (1001)
	noMe bool   // leave "me" unset, as without LEIGA_USER
}

// newSandboxDeps returns Deps wired to a fresh in-process sandbox (demo
// seed, fixed clock, no network) with a registered Resolver in UTC whose
// "me" is the sandbox's API user. The sandbox's Stats() counts requests.
func newSandboxDeps(t testing.TB, opts ...sandboxOptions) (*sandbox.Sandbox, *Deps) {
	t.Helper()
	var o sandboxOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	sb, err := sandbox.New(sandbox.Options{Now: func() time.Time { return sandboxNow }})
	if err != nil {
		t.Fatal(err)
	}
	api, err := leigaapi.New(leigaapi.Options{
		BaseURL:     "https://sandbox.invalid/openapi/api",
		Tokens:      auth.NewStaticToken(sandbox.StaticToken),
		HTTPClient:  &http.Client{Transport: sb.Transport()},
		MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	me := o.me
	if me == "" && !o.noMe {
		me = strconv.FormatInt(sandbox.DemoUserAlice, 10)
	}
	r := NewResolver(api, ResolverOptions{Me: me, Location: time.UTC, Now: func() time.Time { return sandboxNow }})
	return sb, &Deps{API: api, Resolver: r, Location: time.UTC}
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
