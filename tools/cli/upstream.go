package cli

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
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
	opts := leigaapi.Options{BaseURL: c.BaseURL, Timeout: c.Timeout, Logger: rt.log, UserAgent: "leiga-mcp/" + version(), Observer: rt.metrics.ObserveUpstream}
	sourceOpts := []auth.SourceOption{auth.WithSourceLogger(rt.log), auth.WithRenewalObserver(rt.metrics.TokenRenewed)}
	upstream := c.BaseURL
	loc, err := resolve.LoadLocation(rt.env.value("LEIGA_TZ"))
	if err != nil {
		return usageError{err.Error()}
	}
	resolverOpts := resolve.Options{Me: strings.TrimSpace(rt.env.value("LEIGA_USER")), Location: loc, OnLookup: rt.metrics.ResolverLookup}
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
		resolverOpts.AppURL = sandboxAppURL
		opts.BaseURL, upstream = sandboxBaseURL, "sandbox"
		opts.HTTPClient = &http.Client{Transport: sb.Transport()}
		newSource = func(authAPI *leigaapi.Client) (leigaapi.TokenSource, error) {
			return auth.NewPermanentSource(authAPI, sandbox.ClientID, sandbox.Secret, nil, sourceOpts...), nil
		}
	} else {
		if c.SandboxSeed != "" {
			return usagef("--sandbox-seed needs --sandbox")
		}
		creds, err := auth.CredentialsFromEnv(rt.env.value)
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
			return auth.NewTokenSource(authAPI, creds, cache, sourceOpts...)
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
	reach, err := rt.registry.Select(toolkit.Selection{Toolsets: []string{toolkit.ToolsetAll}, Exclude: c.Exclude, ReadOnly: c.ReadOnly})
	if err != nil {
		return usageError{err.Error()}
	}
	// Each caller's credentials get their own cache of resolved names, keyed
	// by a stable identity of the credential (requests with the same header
	// token share one); "" is the server's own.
	resolverOpts.Partition = leigaapi.CredentialID
	rt.deps = &toolkit.Deps{
		API:        api,
		Logger:     rt.log,
		Reach:      toolkit.NewReach(reach, rt.hiddenTools()),
		Resolver:   resolve.New(api, resolverOpts),
		Location:   resolverOpts.Location,
		UploadDirs: uploadDirs(rt.env.value("LEIGA_UPLOAD_DIRS")),
	}
	rt.upstream = upstream
	if err := rt.checkUser(resolverOpts.Me); err != nil {
		return err
	}
	rt.headerSources = auth.NewSourceRegistry(authAPI, 0, sourceOpts...)
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

// uploadDirs splits LEIGA_UPLOAD_DIRS (os.PathListSeparator-separated).
func uploadDirs(v string) []string {
	var out []string
	for _, d := range filepath.SplitList(v) {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// hiddenTools says why each registered tool that the catalog cannot reach
// is hidden: read-only mode, or an exclusion.
func (rt *app) hiddenTools() map[string]string {
	hidden := map[string]string{}
	for _, t := range rt.registry.Tools() {
		switch {
		case slices.Contains(rt.cfg.Exclude, t.Name):
			hidden[t.Name] = "the server's operator excluded it (--exclude-tools)"
		case rt.cfg.ReadOnly && !t.ReadOnly() && t.Effect != toolkit.Dispatch:
			hidden[t.Name] = "it writes, and the server runs read-only (--read-only)"
		}
	}
	return hidden
}

// checkUser validates LEIGA_USER against the organisation's members at
// start-up: a name that matches nobody, or several people, is a usage
// error listing the close names. When Leiga cannot be reached the check is
// left to the first call that needs "me".
func (rt *app) checkUser(user string) error {
	if user == "" {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	id, err := rt.deps.Resolver.WhoAmI(ctx)
	var re *resolve.Error
	switch {
	case errors.As(err, &re):
		return usagef("LEIGA_USER=%q: %v", user, err)
	case err != nil:
		rt.log.Warn("cannot check LEIGA_USER now", "err", err)
	default:
		rt.log.Info("me", "user", id.User.Name, "id", id.User.ID)
	}
	return nil
}
