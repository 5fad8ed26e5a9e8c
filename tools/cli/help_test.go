package cli

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelpShowsCommandsAndCredentials(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}} {
		var out bytes.Buffer
		env := Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
		if code := Main(args, env); code != exitOK {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, want := range []string{"leiga-mcp tools", "leiga-mcp call TOOL", "leiga-mcp login", "LEIGA_CLIENT_ID + LEIGA_SECRET", "LEIGA_USER", "help env"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, out.String())
			}
		}
	}
	var out bytes.Buffer
	Main([]string{"help", "env"}, Env{Stdout: &out, Getenv: func(string) string { return "" }})
	for _, s := range settings {
		if !strings.Contains(out.String(), s.name) {
			t.Errorf("help env lacks %s", s.name)
		}
	}
}

func TestLoginSaysWhatItNeeds(t *testing.T) {
	for name, vars := range map[string]map[string]string{
		"nothing set":        {},
		"client credentials": {"LEIGA_CLIENT_ID": "id", "LEIGA_SECRET": "secret-123"},
	} {
		var out bytes.Buffer
		env := Env{Stdout: &out, Stderr: &out, Getenv: func(k string) string { return vars[k] }}
		if code := Main([]string{"login"}, env); code != exitUsage {
			t.Errorf("%s: exit %d, want %d", name, code, exitUsage)
		}
		msg := out.String()
		if !strings.Contains(msg, "LEIGA_OAUTH_TOKEN_URL") || !strings.Contains(msg, "LEIGA_OAUTH_REDIRECT_URL") || strings.Contains(msg, "--sandbox") {
			t.Errorf("%s: %s", name, msg)
		}
	}
}
