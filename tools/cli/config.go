package cli

import (
	"flag"
	"fmt"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
)

// Transports the server can speak.
var transports = []string{"stdio", "sse", "http"}

// config is everything the flags and environment decide.
type config struct {
	Transport   string
	Addr        string
	Sandbox     bool
	SandboxSeed string
	Toolsets    listFlag
	Tools       listFlag
	Exclude     listFlag
	ReadOnly    bool
	BaseURL     string
	LogLevel    string
	LogFormat   string
	Timeout     time.Duration
	JSON        bool // tools --json
}

// listFlag is a comma-separated list flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set splits a comma-separated value; the last occurrence wins.
func (l *listFlag) Set(v string) error {
	*l = splitList(v)
	return nil
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// defaults fills c from the environment; flags parsed later win.
func (c *config) defaults(getenv func(string) string) error {
	c.Transport = "stdio"
	c.Addr = mcpserver.DefaultAddr
	c.BaseURL = leigaapi.DefaultBaseURL
	c.LogLevel = "info"
	c.LogFormat = "text"
	c.Timeout = leigaapi.DefaultTimeout
	setIf := func(dst *string, key string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	setIf(&c.Transport, "LEIGA_MCP_TRANSPORT")
	setIf(&c.Addr, "LEIGA_MCP_ADDR")
	setIf(&c.BaseURL, "LEIGA_BASE_URL")
	setIf(&c.LogLevel, "LEIGA_LOG_LEVEL")
	setIf(&c.LogFormat, "LEIGA_LOG_FORMAT")
	c.Toolsets = splitList(getenv("LEIGA_TOOLSETS"))
	c.Tools = splitList(getenv("LEIGA_TOOLS"))
	c.Exclude = splitList(getenv("LEIGA_EXCLUDE_TOOLS"))
	for key, dst := range map[string]*bool{"LEIGA_READ_ONLY": &c.ReadOnly, "LEIGA_SANDBOX": &c.Sandbox} {
		if v := getenv(key); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("invalid %s=%q: use true or false", key, v)
			}
			*dst = b
		}
	}
	if v := getenv("LEIGA_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("invalid LEIGA_TIMEOUT=%q: use a duration such as 30s", v)
		}
		c.Timeout = d
	}
	return nil
}

// selectionFlags registers the flags that choose tools.
func (c *config) selectionFlags(fs *flag.FlagSet) {
	fs.Var(&c.Toolsets, "toolsets", "comma-separated toolsets, or all / default (env LEIGA_TOOLSETS)")
	fs.Var(&c.Tools, "tools", "comma-separated tools to add (env LEIGA_TOOLS)")
	fs.Var(&c.Exclude, "exclude-tools", "comma-separated tools to hide (env LEIGA_EXCLUDE_TOOLS)")
	fs.BoolVar(&c.ReadOnly, "read-only", c.ReadOnly, "hide every tool that writes (env LEIGA_READ_ONLY)")
}

// upstreamFlags registers the flags that choose the Leiga to talk to.
func (c *config) upstreamFlags(fs *flag.FlagSet) {
	fs.BoolVar(&c.Sandbox, "sandbox", c.Sandbox, "use the embedded in-memory sandbox Leiga (no account needed)")
	fs.StringVar(&c.SandboxSeed, "sandbox-seed", "", "JSON file with your own sandbox data")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "Leiga Open API base URL (env LEIGA_BASE_URL)")
	fs.DurationVar(&c.Timeout, "timeout", c.Timeout, "upstream call timeout, retries included (env LEIGA_TIMEOUT)")
}

// logFlags registers the logging flags.
func (c *config) logFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env LEIGA_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "text or json (env LEIGA_LOG_FORMAT)")
}

// serveFlags registers the transport flags.
func (c *config) serveFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Transport, "transport", c.Transport, "stdio, sse or http (env LEIGA_MCP_TRANSPORT)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen address for sse and http (env LEIGA_MCP_ADDR)")
}

// check validates values flags cannot type-check.
func (c *config) check() error {
	if !slices.Contains(transports, c.Transport) {
		return fmt.Errorf("invalid --transport %q: use %s", c.Transport, strings.Join(transports, ", "))
	}
	return nil
}

// selection returns the tool selection.
func (c *config) selection() toolkit.Selection {
	return toolkit.Selection{Toolsets: c.Toolsets, Tools: c.Tools, Exclude: c.Exclude, ReadOnly: c.ReadOnly}
}
