// Package cli is the leiga-mcp command line: serving MCP over a transport,
// listing tools, one-off tool calls, OAuth login and the standalone sandbox.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Env is the process environment the CLI runs in.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// OSEnv is the real process environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // the command ran and failed (a tool error, a dead upstream)
	exitUsage   = 2 // bad flags, bad configuration, missing credentials
)

// usageError is a mistake in flags or configuration: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

const usage = `leiga-mcp: an MCP server for the Leiga Open API

Usage:
  leiga-mcp [--transport stdio|sse|http] [--addr 127.0.0.1:8080] [--sandbox]
            [--toolsets LIST|all] [--tools LIST] [--exclude-tools LIST] [--read-only]
            [--base-url URL] [--timeout 30s] [--log-level debug|info|warn|error] [--log-format text|json]
  leiga-mcp tools [--json] [selection flags]     what the server would expose
  leiga-mcp call TOOL ['{"json":"args"}'] [--sandbox]   one tool call, result on stdout
  leiga-mcp login                                OAuth2 authorization-code flow
  leiga-mcp sandbox [--addr 127.0.0.1:8090]      run the sandbox Leiga API on its own
  leiga-mcp version

Credentials (environment):
  LEIGA_CLIENT_ID + LEIGA_SECRET   your Leiga API client (the usual way)
  LEIGA_ACCESS_TOKEN               or a ready access token
  LEIGA_USER                       who "me" is (user id, email or name); optional
  no account? add --sandbox: an embedded demo Leiga

Run "leiga-mcp COMMAND --help" for a command's flags, "leiga-mcp help env"
for every environment variable.
`

// commands maps a subcommand to its implementation.
var commands = map[string]func(args []string, env Env) error{
	"serve":   runServe,
	"tools":   runTools,
	"call":    runCall,
	"version": runVersion,
	"login":   runLogin,
	"sandbox": runSandbox,
}

// Main runs the command line and returns the exit code.
func Main(args []string, env Env) int {
	cmd, rest := "serve", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	switch {
	case cmd == "help" && len(rest) > 0 && rest[0] == "env":
		fmt.Fprint(env.Stdout, settingsText())
		return exitOK
	case cmd == "help", len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help"):
		fmt.Fprint(env.Stdout, usage)
		return exitOK
	}
	run, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(env.Stderr, "leiga-mcp: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	err := run(rest, env)
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "leiga-mcp: %s\n", err)
		return exitUsage
	case errors.Is(err, errReported):
		return exitFailure
	default:
		fmt.Fprintf(env.Stderr, "leiga-mcp: %s\n", err)
		return exitFailure
	}
}

// errReported is a failure already written to stderr.
var errReported = errors.New("reported")

// newFlagSet returns a flag set that reports errors as usage errors.
func newFlagSet(name string, env Env) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage of leiga-mcp %s:\n", name)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses flags anywhere among the arguments and returns the
// positional ones.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v (run with --help for the flags)", err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}
