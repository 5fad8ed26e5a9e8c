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
	Confirm     mcpserver.ConfirmMode // --confirm-deletes
	BaseURL     string
	LogLevel    string
	LogFormat   string
	Timeout     time.Duration
	JSON        bool // tools --json
	Limits      limits
	// Stateless serves streamable HTTP without sessions (--stateless).
	Stateless bool
	// MetricsAddr serves /metrics on a listener of its own (--metrics-addr).
	MetricsAddr string
}

// limits are the server's resource limits (see README, Limits).
type limits struct {
	MaxSessions  int
	SessionIdle  time.Duration
	MaxConns     int
	MaxCalls     int
	ReadTimeout  time.Duration
	IdleTimeout  time.Duration
	WriteTimeout time.Duration
	MaxBody      byteSize
	MaxMessage   byteSize
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
func (c *config) defaults(env Env) error {
	getenv := env.value
	c.Transport = "stdio"
	c.Addr = mcpserver.DefaultAddr
	c.BaseURL = leigaapi.DefaultBaseURL
	c.LogLevel = "info"
	c.LogFormat = "text"
	c.Timeout = leigaapi.DefaultTimeout
	c.Limits = defaultLimits()
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
	setIf(&c.MetricsAddr, "LEIGA_MCP_METRICS_ADDR")
	confirm, err := mcpserver.ParseConfirmMode(getenv("LEIGA_CONFIRM_DELETES"))
	if err != nil {
		return fmt.Errorf("invalid LEIGA_CONFIRM_DELETES: %v", err)
	}
	c.Confirm = confirm
	c.Toolsets = splitList(getenv("LEIGA_TOOLSETS"))
	c.Tools = splitList(getenv("LEIGA_TOOLS"))
	c.Exclude = splitList(getenv("LEIGA_EXCLUDE_TOOLS"))
	for key, dst := range map[string]*bool{"LEIGA_READ_ONLY": &c.ReadOnly, "LEIGA_SANDBOX": &c.Sandbox, "LEIGA_MCP_STATELESS": &c.Stateless} {
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
	return c.Limits.fromEnv(getenv)
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
	fs.BoolVar(&c.Stateless, "stateless", c.Stateless, "streamable HTTP without sessions: any replica answers any request; legacy SSE off (env LEIGA_MCP_STATELESS)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "serve /metrics on this address instead of the main listener (env LEIGA_MCP_METRICS_ADDR)")
	fs.Func("confirm-deletes", "auto, always or never: when deletes ask the user to confirm through the client (env LEIGA_CONFIRM_DELETES; default auto)", func(v string) error {
		m, err := mcpserver.ParseConfirmMode(v)
		c.Confirm = m
		return err
	})
	c.Limits.flags(fs)
}

// checkServe validates the transport options of the serve command.
func (c *config) checkServe() error {
	switch {
	case c.Stateless && c.Transport != "http":
		return fmt.Errorf("--stateless (LEIGA_MCP_STATELESS) needs --transport http: stateless mode is streamable HTTP's; stdio and legacy SSE keep a session")
	case c.MetricsAddr != "" && c.Transport == "stdio":
		return fmt.Errorf("--metrics-addr (LEIGA_MCP_METRICS_ADDR) needs --transport http or sse")
	}
	return nil
}

// check validates values flags cannot type-check.
func (c *config) check() error {
	if !slices.Contains(transports, c.Transport) {
		return fmt.Errorf("invalid --transport %q: use %s", c.Transport, strings.Join(transports, ", "))
	}
	return c.Limits.check()
}

// selection returns the tool selection.
func (c *config) selection() toolkit.Selection {
	return toolkit.Selection{Toolsets: c.Toolsets, Tools: c.Tools, Exclude: c.Exclude, ReadOnly: c.ReadOnly}
}

// defaultLimits are the limits when neither environment nor flags set one.
func defaultLimits() limits {
	return limits{
		MaxSessions:  mcpserver.DefaultMaxSessions,
		SessionIdle:  mcpserver.DefaultSessionIdle,
		MaxConns:     mcpserver.DefaultMaxConns,
		MaxCalls:     mcpserver.DefaultMaxCalls,
		ReadTimeout:  mcpserver.DefaultReadTimeout,
		IdleTimeout:  mcpserver.DefaultIdleTimeout,
		WriteTimeout: mcpserver.DefaultWriteTimeout,
		MaxBody:      mcpserver.MaxRequestBody,
		MaxMessage:   mcpserver.DefaultMaxMessage,
	}
}

// vars maps each limit to its environment variable.
func (l *limits) vars() (ints map[string]*int, durations map[string]*time.Duration, sizes map[string]*byteSize) {
	ints = map[string]*int{
		"LEIGA_MCP_MAX_SESSIONS": &l.MaxSessions,
		"LEIGA_MCP_MAX_CONNS":    &l.MaxConns,
		"LEIGA_MCP_MAX_CALLS":    &l.MaxCalls,
	}
	durations = map[string]*time.Duration{
		"LEIGA_MCP_SESSION_IDLE":  &l.SessionIdle,
		"LEIGA_MCP_READ_TIMEOUT":  &l.ReadTimeout,
		"LEIGA_MCP_IDLE_TIMEOUT":  &l.IdleTimeout,
		"LEIGA_MCP_WRITE_TIMEOUT": &l.WriteTimeout,
	}
	sizes = map[string]*byteSize{
		"LEIGA_MCP_MAX_BODY":    &l.MaxBody,
		"LEIGA_MCP_MAX_MESSAGE": &l.MaxMessage,
	}
	return ints, durations, sizes
}

// fromEnv reads the limits' environment variables.
func (l *limits) fromEnv(getenv func(string) string) error {
	ints, durations, sizes := l.vars()
	for key, dst := range ints {
		if v := getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				return fmt.Errorf("invalid %s=%q: use a positive whole number", key, v)
			}
			*dst = n
		}
	}
	for key, dst := range durations {
		if v := getenv(key); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("invalid %s=%q: use a duration such as 30s", key, v)
			}
			*dst = d
		}
	}
	for key, dst := range sizes {
		if v := getenv(key); v != "" {
			if err := dst.Set(v); err != nil {
				return fmt.Errorf("invalid %s=%q: %v", key, v, err)
			}
		}
	}
	return nil
}

// flags registers the limit flags of the serve command.
func (l *limits) flags(fs *flag.FlagSet) {
	fs.IntVar(&l.MaxSessions, "max-sessions", l.MaxSessions, "live HTTP sessions, streamable and SSE together; past it initialize gets 503 (env LEIGA_MCP_MAX_SESSIONS)")
	fs.DurationVar(&l.SessionIdle, "session-idle", l.SessionIdle, "an idle streamable-HTTP session expires after this (env LEIGA_MCP_SESSION_IDLE)")
	fs.IntVar(&l.MaxConns, "max-conns", l.MaxConns, "open HTTP connections; when full the longest-idle one is closed, or a new one gets 503 (env LEIGA_MCP_MAX_CONNS)")
	fs.IntVar(&l.MaxCalls, "max-calls", l.MaxCalls, "tool calls running at once; past it a call is a tool error (env LEIGA_MCP_MAX_CALLS)")
	fs.DurationVar(&l.ReadTimeout, "read-timeout", l.ReadTimeout, "time to receive an HTTP request's headers and body (env LEIGA_MCP_READ_TIMEOUT)")
	fs.DurationVar(&l.IdleTimeout, "idle-timeout", l.IdleTimeout, "an idle keep-alive HTTP connection is closed after this (env LEIGA_MCP_IDLE_TIMEOUT)")
	fs.DurationVar(&l.WriteTimeout, "write-timeout", l.WriteTimeout, "a write to an HTTP client that makes no progress for this long drops the connection (env LEIGA_MCP_WRITE_TIMEOUT)")
	fs.Var(&l.MaxBody, "max-body", "largest HTTP request body, e.g. 4MiB (env LEIGA_MCP_MAX_BODY)")
	fs.Var(&l.MaxMessage, "max-message", "largest stdio message, e.g. 40MiB (env LEIGA_MCP_MAX_MESSAGE)")
}

// check refuses limits flags cannot type-check.
func (l *limits) check() error {
	for name, n := range map[string]int{"--max-sessions": l.MaxSessions, "--max-conns": l.MaxConns, "--max-calls": l.MaxCalls} {
		if n <= 0 {
			return fmt.Errorf("invalid %s %d: use a positive whole number", name, n)
		}
	}
	for name, d := range map[string]time.Duration{"--session-idle": l.SessionIdle, "--read-timeout": l.ReadTimeout, "--idle-timeout": l.IdleTimeout, "--write-timeout": l.WriteTimeout} {
		if d <= 0 {
			return fmt.Errorf("invalid %s %s: use a positive duration such as 30s", name, d)
		}
	}
	return nil
}

// byteSize is a size flag: bytes, or a number with KiB, MiB or GiB (K, M, G
// and KB, MB, GB mean the same binary units).
type byteSize int64

// String implements flag.Value.
func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

// Set implements flag.Value.
func (b *byteSize) Set(v string) error {
	s := strings.TrimSpace(v)
	num := strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.ToLower(strings.TrimSpace(s[len(num):]))
	shift, ok := map[string]uint{"": 0, "b": 0, "k": 10, "kb": 10, "kib": 10, "m": 20, "mb": 20, "mib": 20, "g": 30, "gb": 30, "gib": 30}[unit]
	n, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || n <= 0 || n > 1<<40>>shift {
		return fmt.Errorf("use a positive size in bytes or with KiB, MiB or GiB, e.g. 4MiB")
	}
	*b = byteSize(n << shift)
	return nil
}
