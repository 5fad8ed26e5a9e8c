package cli

import (
	"os/exec"
	"strings"
	"testing"
)

func TestServeFlagsForTeamDeployments(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		env      []string
		stderrIn string
	}{
		{"--stateless over stdio", []string{"--sandbox", "--stateless"}, nil, "--stateless (LEIGA_MCP_STATELESS) needs --transport http"},
		{"LEIGA_MCP_STATELESS over stdio", []string{"--sandbox"}, []string{"LEIGA_MCP_STATELESS=true"}, "needs --transport http"},
		{"--stateless over legacy SSE", []string{"--sandbox", "--transport", "sse", "--stateless"}, nil, "needs --transport http"},
		{"a bad LEIGA_MCP_STATELESS", []string{"--sandbox"}, []string{"LEIGA_MCP_STATELESS=maybe"}, `invalid LEIGA_MCP_STATELESS="maybe"`},
		{"--metrics-addr over stdio", []string{"--sandbox", "--metrics-addr", "127.0.0.1:0"}, nil, "--metrics-addr (LEIGA_MCP_METRICS_ADDR) needs --transport http or sse"},
		{"a non-loopback metrics address without a token", []string{"--sandbox", "--transport", "http", "--metrics-addr", "0.0.0.0:0"}, nil, "--metrics-addr: refusing to listen on 0.0.0.0:0"},
		{"a metrics address that is not host:port", []string{"--sandbox", "--transport", "http", "--metrics-addr", "9464"}, []string{"LEIGA_MCP_AUTH_TOKEN=x"}, `invalid --metrics-addr "9464": want host:port`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(binary, tt.args...)
			cmd.Env = cleanEnv(tt.env...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			cmd.Stdin = strings.NewReader("")
			err := cmd.Run()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != exitUsage || !strings.Contains(stderr.String(), tt.stderrIn) {
				t.Errorf("%v, stderr %q; want exit 2 saying %q", err, stderr.String(), tt.stderrIn)
			}
		})
	}
}
