package cli

import (
	"flag"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
)

func TestLimitsFromEnvAndFlags(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want func(l limits) bool
		err  string
	}{
		{"defaults", nil, nil, func(l limits) bool { return l == defaultLimits() }, ""},
		{"documented defaults", nil, nil, func(l limits) bool {
			return l.MaxSessions == 1000 && l.SessionIdle == 10*time.Minute && l.MaxConns == 1000 && l.MaxCalls == 64 &&
				l.ReadTimeout == 30*time.Second && l.IdleTimeout == time.Minute && l.WriteTimeout == 30*time.Second &&
				l.MaxBody == 4<<20 && l.MaxMessage == 40<<20
		}, ""},
		{"environment", map[string]string{
			"LEIGA_MCP_MAX_SESSIONS": "50", "LEIGA_MCP_SESSION_IDLE": "2m", "LEIGA_MCP_MAX_CONNS": "70", "LEIGA_MCP_MAX_CALLS": "8",
			"LEIGA_MCP_READ_TIMEOUT": "5s", "LEIGA_MCP_IDLE_TIMEOUT": "6s", "LEIGA_MCP_WRITE_TIMEOUT": "7s",
			"LEIGA_MCP_MAX_BODY": "1MiB", "LEIGA_MCP_MAX_MESSAGE": "2048",
		}, nil, func(l limits) bool {
			return l == limits{MaxSessions: 50, SessionIdle: 2 * time.Minute, MaxConns: 70, MaxCalls: 8, ReadTimeout: 5 * time.Second,
				IdleTimeout: 6 * time.Second, WriteTimeout: 7 * time.Second, MaxBody: 1 << 20, MaxMessage: 2048}
		}, ""},
		{"flags win over the environment", map[string]string{"LEIGA_MCP_MAX_SESSIONS": "50", "LEIGA_MCP_MAX_BODY": "1MiB"},
			[]string{"--max-sessions", "9", "--max-body", "8M", "--max-message", "64k", "--max-conns", "3", "--max-calls", "2",
				"--session-idle", "1m", "--read-timeout", "1s", "--idle-timeout", "2s", "--write-timeout", "3s"},
			func(l limits) bool {
				return l == limits{MaxSessions: 9, SessionIdle: time.Minute, MaxConns: 3, MaxCalls: 2, ReadTimeout: time.Second,
					IdleTimeout: 2 * time.Second, WriteTimeout: 3 * time.Second, MaxBody: 8 << 20, MaxMessage: 64 << 10}
			}, ""},
		{"bad count", map[string]string{"LEIGA_MCP_MAX_SESSIONS": "lots"}, nil, nil, `invalid LEIGA_MCP_MAX_SESSIONS="lots": use a positive whole number`},
		{"zero count", map[string]string{"LEIGA_MCP_MAX_CALLS": "0"}, nil, nil, `invalid LEIGA_MCP_MAX_CALLS="0"`},
		{"bad duration", map[string]string{"LEIGA_MCP_SESSION_IDLE": "10"}, nil, nil, `invalid LEIGA_MCP_SESSION_IDLE="10": use a duration such as 30s`},
		{"bad size", map[string]string{"LEIGA_MCP_MAX_BODY": "4 parsecs"}, nil, nil, `invalid LEIGA_MCP_MAX_BODY="4 parsecs"`},
		{"negative flag", nil, []string{"--max-conns", "-1"}, nil, "invalid --max-conns -1"},
		{"zero duration flag", nil, []string{"--read-timeout", "0s"}, nil, "invalid --read-timeout 0s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(k string) string { return tt.env[k] }}
			c, err := parseConfig("serve", tt.args, env, true)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				if _, ok := err.(usageError); !ok {
					t.Errorf("err %T is not a usage error (exit 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want(c.Limits) {
				t.Errorf("limits %+v", c.Limits)
			}
		})
	}
}

func TestLimitsReachTheServer(t *testing.T) {
	env := Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	c, err := parseConfig("serve", []string{"--sandbox", "--max-sessions", "9", "--max-body", "1MiB", "--write-timeout", "3s"}, env, true)
	if err != nil {
		t.Fatal(err)
	}
	rt, err := c.app(env)
	if err != nil {
		t.Fatal(err)
	}
	defer rt.close()
	hc := rt.httpConfig()
	if hc.MaxSessions != 9 || hc.MaxBody != 1<<20 || hc.WriteTimeout != 3*time.Second || hc.MaxConns != mcpserver.DefaultMaxConns || hc.Narrowing == nil {
		t.Errorf("HTTP configuration %+v", hc)
	}
}

func TestByteSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"4194304", 4 << 20}, {"4MiB", 4 << 20}, {"4 MB", 4 << 20}, {"4m", 4 << 20}, {"512KiB", 512 << 10}, {"1G", 1 << 30}, {"10b", 10},
		{"", -1}, {"0", -1}, {"-4MiB", -1}, {"4.5MiB", -1}, {"4TiB", -1}, {"MiB", -1}, {"2000GiB", -1},
	}
	for _, tt := range tests {
		var b byteSize
		err := b.Set(tt.in)
		if tt.want < 0 {
			if err == nil {
				t.Errorf("Set(%q) = %d, want an error", tt.in, b)
			}
			continue
		}
		if err != nil || int64(b) != tt.want {
			t.Errorf("Set(%q) = %d, %v; want %d", tt.in, b, err, tt.want)
		}
	}
}

// Every limit is in the README's Limits section with its flag.
func TestLimitsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "\n## Limits\n")
	if start < 0 {
		t.Fatal("README.md has no Limits section")
	}
	section := readme[start:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	var l limits
	ints, durations, sizes := l.vars()
	var keys []string
	for k := range ints {
		keys = append(keys, k)
	}
	for k := range durations {
		keys = append(keys, k)
	}
	for k := range sizes {
		keys = append(keys, k)
	}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	l.flags(fs)
	for _, k := range keys {
		if !strings.Contains(section, "`"+k+"`") {
			t.Errorf("README Limits lacks %s", k)
		}
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !strings.Contains(section, "`--"+f.Name+"`") {
			t.Errorf("README Limits lacks --%s", f.Name)
		}
		if !strings.Contains(f.Usage, "(env LEIGA_MCP_") {
			t.Errorf("--%s help does not name its variable: %q", f.Name, f.Usage)
		}
	})
}
