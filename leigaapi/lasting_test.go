package leigaapi

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// TestLastingFailuresAreNotRetried: a host that does not resolve or
// refuses connections is reported once, naming the host and what to fix,
// never retried as if it were passing.
func TestLastingFailuresAreNotRetried(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := ln.Addr().String()
	ln.Close() // nothing listens there now
	tests := []struct {
		base string
		says []string
	}{
		{"http://no-such-host.invalid/openapi/api", []string{"cannot resolve the host no-such-host.invalid", "check LEIGA_BASE_URL"}},
		{"http://" + refused + "/openapi/api", []string{"nothing answers at " + refused, "connection refused", "check LEIGA_BASE_URL"}},
	}
	for _, tt := range tests {
		c, err := New(Options{BaseURL: tt.base, Tokens: staticSource("t-123456"), Timeout: 20 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		backoffs := 0
		c.backoff = func(int) time.Duration { backoffs++; return time.Millisecond }
		_, err = c.Do(context.Background(), Request{Method: "GET", Path: "/project/list"})
		e, ok := AsError(err)
		if !ok || !e.Lasting || e.Attempts != 1 || backoffs != 0 {
			t.Fatalf("%s: %v (lasting %v, attempts %d, backoffs %d), want one lasting attempt", tt.base, err, ok && e.Lasting, e.Attempts, backoffs)
		}
		for _, s := range tt.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q lacks %q", tt.base, err, s)
			}
		}
	}
}

// TestWrongBaseURL tells a reply that is not Leiga's from a rejection.
func TestWrongBaseURL(t *testing.T) {
	for _, tt := range []struct {
		e    *Error
		want bool
	}{
		{&Error{Kind: KindHTTP, HTTPStatus: 404}, true},
		{&Error{Kind: KindEnvelope, HTTPStatus: 200, Code: "404"}, true},
		{&Error{Kind: KindDecode, HTTPStatus: 200}, true},
		{&Error{Kind: KindEnvelope, HTTPStatus: 200, Code: "10001"}, false},
		{&Error{Kind: KindHTTP, HTTPStatus: 401}, false},
	} {
		if got := WrongBaseURL(tt.e); got != tt.want {
			t.Errorf("%+v: %v, want %v", tt.e, got, tt.want)
		}
	}
}

// staticSource is a fixed token for client tests.
type staticSource string

func (s staticSource) Token(context.Context) (string, error) { return string(s), nil }
func (s staticSource) Invalidate(string)                     {}
