package cli

import (
	"fmt"
	"slices"
	"strings"
)

// Every environment variable leiga-mcp reads is a row of this table: its
// flag (if it has one), default and meaning. Code reads the environment
// only through Env.value, which refuses a name the table lacks, so the
// table is complete by construction; the README's environment section is
// generated from it (TestReadmeEnvironment).

// setting is one environment variable.
type setting struct {
	name  string
	flag  string // "" when no flag sets it
	def   string // the default, as documented
	help  string
	group string
}

// Groups of settings, in the order the README lists them.
const (
	groupCredentials = "Credentials"
	groupIdentity    = "Who you are and your time zone"
	groupServer      = "Transport and HTTP"
	groupTools       = "Tools"
	groupUpstream    = "Upstream"
	groupLogging     = "Logging"
	groupLimits      = "Limits"
	groupOperations  = "Operations"
	groupTesting     = "Tests"
)

// settings is the table of every environment variable.
var settings = []setting{
	{"LEIGA_CLIENT_ID", "", "", "API client id (with `LEIGA_SECRET`): a permanent token is fetched and cached", groupCredentials},
	{"LEIGA_SECRET", "", "", "the secret of `LEIGA_CLIENT_ID`", groupCredentials},
	{"LEIGA_ACCESS_TOKEN", "", "", "a ready access token, used as is", groupCredentials},
	{"LEIGA_REFRESH_TOKEN", "", "", "a Leiga refresh token (with the client id and secret)", groupCredentials},
	{"LEIGA_AUTH", "", "picked from what is set", "`token`, `permanent`, `refresh` or `oauth`: which credential to use", groupCredentials},
	{"LEIGA_TOKEN_CACHE", "", "`leiga-mcp/` in the user config directory", "token cache file or directory, or `off`", groupCredentials},
	{"LEIGA_OAUTH_TOKEN_URL", "", "", "OAuth2 token endpoint", groupCredentials},
	{"LEIGA_OAUTH_AUTH_URL", "", "", "OAuth2 authorization endpoint (for `leiga-mcp login`)", groupCredentials},
	{"LEIGA_OAUTH_CLIENT_ID", "", "", "OAuth2 client id", groupCredentials},
	{"LEIGA_OAUTH_CLIENT_SECRET", "", "", "OAuth2 client secret", groupCredentials},
	{"LEIGA_OAUTH_REDIRECT_URL", "", "", "OAuth2 loopback redirect URL, e.g. `http://127.0.0.1:8765/callback`", groupCredentials},
	{"LEIGA_OAUTH_SCOPES", "", "", "OAuth2 scopes, comma- or space-separated", groupCredentials},

	{"LEIGA_USER", "", "found from your credentials' personal messages", "who \"me\" is: your Leiga user id, email or name; checked against the organisation at start", groupIdentity},
	{"LEIGA_TZ", "", "the machine's zone", "time zone for dates in and out, e.g. `Europe/Berlin`", groupIdentity},

	{"LEIGA_MCP_TRANSPORT", "--transport", "`stdio`", "`stdio`, `sse` (legacy HTTP+SSE at `/sse` + `/message`) or `http` (streamable HTTP at `/mcp`, plus the SSE endpoints)", groupServer},
	{"LEIGA_MCP_ADDR", "--addr", "`127.0.0.1:8080`", "listen address for `sse` and `http`", groupServer},
	{"LEIGA_MCP_AUTH_TOKEN", "", "", "bearer token HTTP clients must send; required to bind a non-loopback address", groupServer},
	{"LEIGA_MCP_ALLOWED_ORIGINS", "", "", "extra browser origins allowed over HTTP (loopback origins always are)", groupServer},
	{"LEIGA_MCP_STATELESS", "--stateless", "off", "streamable HTTP without sessions (needs `http`): any replica answers any request, so N replicas run behind any load balancer; the legacy SSE endpoints are off (see Team deployment)", groupServer},

	{"LEIGA_TOOLSETS", "--toolsets", "`default`", "comma-separated toolsets, `all` or `default`", groupTools},
	{"LEIGA_TOOLS", "--tools", "", "tools served on top of the toolsets (`--tools X` alone: the default set plus X)", groupTools},
	{"LEIGA_EXCLUDE_TOOLS", "--exclude-tools", "", "tools to hide", groupTools},
	{"LEIGA_READ_ONLY", "--read-only", "off", "hide every tool that writes; a hidden tool cannot be called", groupTools},
	{"LEIGA_CONFIRM_DELETES", "--confirm-deletes", "`auto`", "`auto`: deletes (and bulk updates of more than 10 issues) ask the user to confirm when the client supports elicitation; `always`: also refuse them from clients that cannot ask; `never`: do not ask", groupTools},
	{"LEIGA_UPLOAD_DIRS", "", "", "directories `file_upload` may read local files from (path-list separated); unset, only base64 content is accepted", groupTools},

	{"LEIGA_BASE_URL", "--base-url", "`https://app.leiga.com/openapi/api`", "Leiga Open API base URL", groupUpstream},
	{"LEIGA_TIMEOUT", "--timeout", "`30s`", "upstream call timeout, retries included", groupUpstream},
	{"LEIGA_SANDBOX", "--sandbox", "off", "use the embedded in-memory Leiga (no account needed)", groupUpstream},

	{"LEIGA_LOG_LEVEL", "--log-level", "`info`", "`debug`, `info`, `warn`, `error`", groupLogging},
	{"LEIGA_LOG_FORMAT", "--log-format", "`text`", "`text` (colour on a terminal) or `json`; logs always go to stderr", groupLogging},

	{"LEIGA_MCP_MAX_SESSIONS", "--max-sessions", "1000", "live HTTP sessions (see Limits)", groupLimits},
	{"LEIGA_MCP_SESSION_IDLE", "--session-idle", "`10m`", "an idle streamable-HTTP session expires after this", groupLimits},
	{"LEIGA_MCP_MAX_CONNS", "--max-conns", "1000", "open HTTP connections", groupLimits},
	{"LEIGA_MCP_MAX_CALLS", "--max-calls", "64", "tool calls running at once", groupLimits},
	{"LEIGA_MCP_READ_TIMEOUT", "--read-timeout", "`30s`", "time to receive a request's headers and body", groupLimits},
	{"LEIGA_MCP_IDLE_TIMEOUT", "--idle-timeout", "`60s`", "an idle keep-alive connection is closed after this", groupLimits},
	{"LEIGA_MCP_WRITE_TIMEOUT", "--write-timeout", "`30s`", "a write that makes no progress for this long drops the connection", groupLimits},
	{"LEIGA_MCP_MAX_BODY", "--max-body", "`4MiB`", "largest HTTP request body", groupLimits},
	{"LEIGA_MCP_MAX_MESSAGE", "--max-message", "`40MiB`", "largest stdio message", groupLimits},

	{"LEIGA_MCP_METRICS_ADDR", "--metrics-addr", "the main listener, behind the bearer token", "serve Prometheus `/metrics` on this address instead, e.g. `127.0.0.1:9464`: open on loopback; any other address needs `LEIGA_MCP_AUTH_TOKEN`, and the scraper sends it", groupOperations},
	{"LEIGA_AUDIT_LOG", "", "off", "append one JSON line per write (create, update, delete) to this file (created with mode 0600; a file others can read is refused), or `stderr`", groupOperations},
}

// value returns the environment variable name, which must be a row of
// settings: reading one that is not is a bug, caught by every test that
// reaches it.
func (e Env) value(name string) string {
	if !slices.ContainsFunc(settings, func(s setting) bool { return s.name == name }) {
		panic(fmt.Sprintf("environment variable %s is not in the settings table", name))
	}
	return strings.TrimSpace(e.Getenv(name))
}

// settingsMarkdown renders the table for the README, grouped.
func settingsMarkdown() string {
	var b strings.Builder
	var groups []string
	for _, s := range settings {
		if !slices.Contains(groups, s.group) {
			groups = append(groups, s.group)
		}
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "\n**%s**\n\n| Environment | Flag | Default | Meaning |\n|---|---|---|---|\n", g)
		for _, s := range settings {
			if s.group != g {
				continue
			}
			flag := ""
			if s.flag != "" {
				flag = "`" + s.flag + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", s.name, flag, s.def, s.help)
		}
	}
	return b.String()
}

// settingsText renders the table for a terminal: one variable a line.
func settingsText() string {
	var b strings.Builder
	group := ""
	for _, s := range settings {
		if s.group != group {
			group = s.group
			fmt.Fprintf(&b, "\n%s:\n", group)
		}
		line := "  " + s.name
		if s.flag != "" {
			line += " (" + s.flag + ")"
		}
		help := strings.ReplaceAll(s.help, "`", "")
		if s.def != "" {
			help += "; default " + strings.ReplaceAll(s.def, "`", "")
		}
		fmt.Fprintf(&b, "%-44s %s\n", line, help)
	}
	return strings.TrimPrefix(b.String(), "\n")
}
