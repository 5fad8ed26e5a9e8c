package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"syscall"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

// runLogin runs the OAuth2 authorization-code flow configured by the
// LEIGA_OAUTH_* variables and stores the tokens in the token cache.
func runLogin(args []string, env Env) error {
	fs := newFlagSet("login", env)
	noBrowser := fs.Bool("no-browser", false, "print the authorize URL without opening a browser")
	timeout := fs.Duration("timeout", auth.DefaultLoginTimeout, "how long to wait for the browser redirect")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	const needs = "login signs in with OAuth2 in a browser and needs LEIGA_OAUTH_TOKEN_URL, LEIGA_OAUTH_AUTH_URL, LEIGA_OAUTH_CLIENT_ID, LEIGA_OAUTH_CLIENT_SECRET and LEIGA_OAUTH_REDIRECT_URL (a loopback URL such as http://127.0.0.1:8765/callback), and LEIGA_OAUTH_SCOPES if your provider wants them"
	creds, err := auth.CredentialsFromEnv(env.value)
	switch {
	case errors.Is(err, leigaapi.ErrNoToken):
		return usagef("%s; none is set", needs)
	case err != nil:
		return usagef("%s: %v", needs, err)
	}
	if creds.Kind != auth.AuthOAuth {
		return usagef("%s; found %s credentials, which need no login: run the server directly", needs, creds.Kind)
	}
	cache, err := auth.OpenTokenCache(creds.TokenCache)
	if err != nil {
		return usageError{err.Error()}
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	open := openURLInBrowser
	if *noBrowser {
		open = nil
	}
	return login(ctx, env.Stderr, creds, auth.LoginOptions{Timeout: *timeout, Cache: cache}, open)
}

// login runs auth.Login, telling the user on out which URL to open and
// where the tokens went. open, when set, opens the URL in a browser; if it
// fails the user is told to open it by hand.
func login(ctx context.Context, out io.Writer, creds auth.Credentials, opts auth.LoginOptions, open func(string) error) error {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = auth.DefaultLoginTimeout
	}
	opts.Authorize = func(authURL, redirectURL string) {
		fmt.Fprintf(out, "To authorize leiga-mcp, open this URL in your browser:\n\n  %s\n\nWaiting for the redirect to %s (up to %s) ...\n", authURL, redirectURL, timeout)
		if open == nil {
			return
		}
		if err := open(authURL); err != nil {
			fmt.Fprintf(out, "Could not open a browser (%v); open the URL above yourself.\n", err)
		}
	}
	res, err := auth.Login(ctx, creds, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Logged in: tokens for OAuth client id %s stored in %s\n", res.ClientID, res.Path)
	if !res.Refreshable {
		fmt.Fprintln(out, "Note: the token endpoint returned no refresh token; run leiga-mcp login again when the access token expires.")
	}
	return nil
}
