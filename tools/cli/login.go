package cli

import (
	"context"
	"os/signal"
	"syscall"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// runLogin runs the OAuth2 authorization-code flow configured by the
// LEIGA_OAUTH_* variables and stores the tokens in the token cache.
func runLogin(args []string, env Env) error {
	fs := newFlagSet("login", env)
	noBrowser := fs.Bool("no-browser", false, "print the authorize URL without opening a browser")
	timeout := fs.Duration("timeout", leigaapi.DefaultLoginTimeout, "how long to wait for the browser redirect")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	creds, err := leigaapi.CredentialsFromEnv(env.Getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	if creds.Kind != leigaapi.AuthOAuth {
		return usagef("login needs OAuth2 settings: set LEIGA_OAUTH_TOKEN_URL, LEIGA_OAUTH_AUTH_URL, LEIGA_OAUTH_CLIENT_ID, LEIGA_OAUTH_CLIENT_SECRET and LEIGA_OAUTH_REDIRECT_URL (found credentials of kind %q)", creds.Kind)
	}
	cache, err := leigaapi.OpenTokenCache(creds.TokenCache)
	if err != nil {
		return usageError{err.Error()}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	opts := leigaapi.LoginOptions{Out: env.Stderr, Timeout: *timeout, Cache: cache}
	if !*noBrowser {
		opts.OpenBrowser = leigaapi.OpenURLInBrowser
	}
	return leigaapi.Login(ctx, creds, opts)
}
