package cli

import (
	"context"
	"net/http"
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools"
)

// sandboxBaseURL is the base URL of the in-process sandbox; requests to it
// never leave the process.
const sandboxBaseURL = "http://sandbox.leiga.invalid/openapi/api"

// sandboxAppURL is the web app root of the sandbox's issue links.
const sandboxAppURL = "https://sandbox.leiga.invalid"

// connect builds the Leiga clients: one without a token for the /authorize
// calls, and the one tools use, whose tokens come from the first. Upstream
// is the embedded sandbox or the real service with credentials from the
// environment.
func (rt *app) connect() error {
	c := rt.cfg
	opts := leigaapi.Options{BaseURL: c.BaseURL, Timeout: c.Timeout, Logger: rt.log, UserAgent: "leiga-mcp/" + version()}
	upstream := c.BaseURL
	resolverOpts, err := tools.ResolverOptionsFromEnv(rt.env.Getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	var newSource func(authAPI *leigaapi.Client) (leigaapi.TokenSource, error)
	if c.Sandbox {
		seed := sandbox.DemoSeed()
		if c.SandboxSeed != "" {
			if seed, err = sandbox.LoadSeed(c.SandboxSeed); err != nil {
				return usagef("sandbox seed: %v", err)
			}
		}
		sb, err := sandbox.New(sandbox.Options{Seed: seed, Logger: rt.log})
		if err != nil {
			return usagef("sandbox: %v", err)
		}
		if resolverOpts.Me == "" {
			resolverOpts.Me = strconv.FormatInt(seed.CurrentUserID, 10)
		}
		resolverOpts.AppURL = sandboxAppURL
		opts.BaseURL, upstream = sandboxBaseURL, "sandbox"
		opts.HTTPClient = &http.Client{Transport: sb.Transport()}
		newSource = func(authAPI *leigaapi.Client) (leigaapi.TokenSource, error) {
			return auth.NewPermanentSource(authAPI, sandbox.ClientID, sandbox.Secret, nil, auth.WithSourceLogger(rt.log)), nil
		}
	} else {
		if c.SandboxSeed != "" {
			return usagef("--sandbox-seed needs --sandbox")
		}
		creds, err := auth.CredentialsFromEnv(rt.env.Getenv)
		if err != nil {
			return usageError{err.Error()}
		}
		rt.log.Info("leiga credentials", "auth", creds)
		cache, err := auth.OpenTokenCache(creds.TokenCache)
		if err != nil {
			rt.log.Warn("token cache unusable; tokens will not persist", "err", err)
			cache = nil
		}
		newSource = func(authAPI *leigaapi.Client) (leigaapi.TokenSource, error) {
			return auth.NewTokenSource(authAPI, creds, cache, auth.WithSourceLogger(rt.log))
		}
	}
	authAPI, err := leigaapi.New(opts)
	if err != nil {
		return usageError{err.Error()}
	}
	ts, err := newSource(authAPI)
	if err != nil {
		return usageError{err.Error()}
	}
	opts.Tokens = ts
	api, err := leigaapi.New(opts)
	if err != nil {
		return usageError{err.Error()}
	}
	reach, err := rt.registry.Select(tools.Selection{Toolsets: []string{tools.ToolsetAll}, Exclude: c.Exclude, ReadOnly: c.ReadOnly})
	if err != nil {
		return usageError{err.Error()}
	}
	// Each caller's credentials get their own cache of resolved names, keyed
	// by a stable identity of the credential (requests with the same header
	// token share one).
	resolverOpts.Partition = func(ctx context.Context) any { return leigaapi.CredentialID(ctx) }
	schemas.Location = resolverOpts.Location
	rt.deps = &tools.Deps{
		API:      api,
		Logger:   rt.log,
		Reach:    tools.NewReach(reach),
		Resolver: tools.NewResolver(api, resolverOpts),
		Location: resolverOpts.Location,
	}
	rt.upstream = upstream
	rt.headerSources = auth.NewSourceRegistry(authAPI, 0, auth.WithSourceLogger(rt.log))
	return nil
}

// requestTokens returns the Leiga credentials an HTTP client sent in its
// own headers, if any. Unusable header credentials give a source that
// fails every call with the reason, so the client sees it as a tool error.
func (rt *app) requestTokens(h http.Header) (leigaapi.TokenSource, bool) {
	ts, ok, err := rt.headerSources.FromHeaders(h)
	if err != nil {
		return failingSource{err}, true
	}
	return ts, ok
}

// failingSource is a token source that only reports why it has no token.
type failingSource struct{ err error }

func (f failingSource) Token(context.Context) (string, error) { return "", f.err }
func (f failingSource) Invalidate(string)                     {}
