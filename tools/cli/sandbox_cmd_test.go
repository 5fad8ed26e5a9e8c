package cli

import (
	"context"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestSandboxListensOnLoopbackOnly(t *testing.T) {
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8090", true},
		{"127.0.0.2:0", true},
		{"[::1]:0", true},
		{"localhost:0", true},
		{"0.0.0.0:0", false},
		{"[::]:0", false},
		{":8090", false},
		{"192.168.1.10:8090", false},
		{"example.com:80", false},
		{"nonsense", false},
	}
	for _, tt := range tests {
		if err := checkSandboxBind(tt.addr); (err == nil) != tt.ok {
			t.Errorf("checkSandboxBind(%q) = %v, want ok=%t", tt.addr, err, tt.ok)
		}
	}
	// The command refuses before listening, with exit code 2, whatever
	// LEIGA_MCP_AUTH_TOKEN says.
	for _, addr := range []string{"0.0.0.0:0", "[::]:0"} {
		var stderr strings.Builder
		env := Env{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &stderr, Getenv: func(k string) string {
			if k == "LEIGA_MCP_AUTH_TOKEN" {
				return "a-token"
			}
			return ""
		}}
		if code := Main([]string{"sandbox", "--addr", addr}, env); code != exitUsage {
			t.Errorf("sandbox --addr %s: exit %d, want %d", addr, code, exitUsage)
		}
		if !strings.Contains(stderr.String(), "loopback only") {
			t.Errorf("sandbox --addr %s: %q does not explain the refusal", addr, stderr.String())
		}
	}
}

// flakyListener fails its first Accept with a temporary error, which
// net/http logs and retries.
type flakyListener struct {
	net.Listener
	once sync.Once
}

type temporaryError struct{}

func (temporaryError) Error() string   { return "accept4: too many open files" }
func (temporaryError) Timeout() bool   { return false }
func (temporaryError) Temporary() bool { return true }

func (l *flakyListener) Accept() (net.Conn, error) {
	var err error
	l.once.Do(func() { err = temporaryError{} })
	if err != nil {
		return nil, err
	}
	return l.Listener.Accept()
}

func TestSandboxServerErrorsGoThroughSlog(t *testing.T) {
	var logs syncBuilder
	log, err := newLogger(&logs, "info", "json")
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveSandbox(ctx, &flakyListener{Listener: ln}, http.NotFoundHandler(), log) }()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(5 * time.Second); !strings.Contains(logs.String(), "Accept error") && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	line := strings.TrimSpace(logs.String())
	if !strings.Contains(line, "Accept error") || !strings.HasPrefix(line, "{") || !strings.Contains(line, `"level":"WARN"`) {
		t.Errorf("net/http's message is not a JSON warning: %q", line)
	}
}
