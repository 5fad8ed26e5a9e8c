package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os/signal"
	"syscall"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

// runCall runs one tool call and prints its text result on stdout. An
// isError result exits 1 with the message on stderr.
func runCall(args []string, env Env) error {
	c := &config{}
	if err := c.defaults(env); err != nil {
		return usageError{err.Error()}
	}
	fs := newFlagSet("call", env)
	c.selectionFlags(fs)
	c.upstreamFlags(fs)
	c.logFlags(fs)
	c.LogLevel = "warn"
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || len(pos) > 2 {
		return usagef("usage: leiga-mcp call TOOL ['{\"json\":\"args\"}'] [--sandbox]")
	}
	if len(c.Toolsets) == 0 && len(c.Tools) == 0 {
		c.Toolsets = []string{"all"}
	}
	callArgs := json.RawMessage("{}")
	if len(pos) == 2 {
		if !json.Valid([]byte(pos[1])) {
			return usagef("arguments must be a JSON object, e.g. '{\"id\": 1}'")
		}
		callArgs = json.RawMessage(pos[1])
	}
	rt, err := c.app(env)
	if err != nil {
		return err
	}
	defer rt.close()
	if err := rt.openAudit(); err != nil {
		return err
	}
	tool := rt.find(pos[0])
	if tool == nil {
		return usagef("tool %q is not served with these flags%s", pos[0], rt.suggest(pos[0]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	res := tool.Call(ctx, rt.deps, callArgs)
	rt.audit.Record(ctx, tool, rt.deps, callArgs, res, time.Since(start))
	text := resultText(res)
	if res.IsError {
		fmt.Fprintln(env.Stderr, text)
		return errReported
	}
	fmt.Fprintln(env.Stdout, text)
	return nil
}

// resultText joins a result's text contents.
func resultText(res *mcp.CallToolResult) string {
	var s string
	for _, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			if s != "" {
				s += "\n"
			}
			s += tc.Text
		}
	}
	return s
}
