package auth

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

func TestFromHeaders(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	reg := NewSourceRegistry(lg.authClient(t), 2)
	api := lg.apiClient(t, nil) // no credentials of its own: every call brings some
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	call := func(ts leigaapi.TokenSource) string {
		t.Helper()
		if err := authCallProtected(leigaapi.WithTokenSource(context.Background(), ts), api); err != nil {
			t.Fatal(err)
		}
		return lg.lastSeen()
	}

	// Two users, two sources, two tokens, each Leiga-bound to its client id.
	ts1, ok, err := reg.FromHeaders(hdr(HeaderClientID, "cid-1", HeaderSecret, "secret-one-1234"))
	if err != nil || !ok {
		t.Fatalf("user 1: %v %v", ok, err)
	}
	ts2, ok, err := reg.FromHeaders(hdr(HeaderClientID, "cid-2", HeaderSecret, "secret-two-5678"))
	if err != nil || !ok {
		t.Fatalf("user 2: %v %v", ok, err)
	}
	if ts1 == ts2 {
		t.Fatal("two client ids share a source")
	}
	tok1, tok2 := call(ts1), call(ts2)
	if tok1 == tok2 || lg.clientOf(tok1) != "cid-1" || lg.clientOf(tok2) != "cid-2" {
		t.Fatalf("tokens mixed: %q (%s), %q (%s)", tok1, lg.clientOf(tok1), tok2, lg.clientOf(tok2))
	}
	// The same pair again shares the source and its token.
	again, _, _ := reg.FromHeaders(hdr(HeaderClientID, "cid-1", HeaderSecret, "secret-one-1234"))
	if again != ts1 || call(again) != tok1 {
		t.Fatal("same credentials did not share the source")
	}
	if n := lg.permanentCalls.Load(); n != 2 {
		t.Fatalf("token requests = %d, want 2", n)
	}
	// Same client id, other secret: a separate source (its own failure).
	other, _, _ := reg.FromHeaders(hdr(HeaderClientID, "cid-1", HeaderSecret, "not-the-secret"))
	if other == ts1 {
		t.Fatal("a different secret got the cached source")
	}
	if err := authCallProtected(leigaapi.WithTokenSource(context.Background(), other), api); err == nil ||
		!strings.Contains(err.Error(), "Leiga rejected the credentials for client id cid-1") {
		t.Fatalf("wrong secret: %v", err)
	}
	// Bounded: 3 pairs in a registry of 2 evicted the least recently used.
	if reg.Len() != 2 {
		t.Fatalf("registry holds %d sources, want 2", reg.Len())
	}
	if back, _, _ := reg.FromHeaders(hdr(HeaderClientID, "cid-2", HeaderSecret, "secret-two-5678")); back == ts2 {
		t.Fatal("least recently used source was not evicted")
	}

	// A header token is used as is.
	lg.accept("header-token-424242", "user-3")
	ts3, ok, err := reg.FromHeaders(hdr(HeaderAccessToken, "header-token-424242"))
	if err != nil || !ok {
		t.Fatalf("header token: %v %v", ok, err)
	}
	if got := call(ts3); got != "header-token-424242" {
		t.Fatalf("protected endpoint saw %q", got)
	}
	if d := ts3.(leigaapi.Describer).Describe(); !strings.Contains(d, HeaderAccessToken) {
		t.Fatalf("Describe = %q", d)
	}

	// No credential headers: use the server's own.
	if ts, ok, err := reg.FromHeaders(http.Header{}); ts != nil || ok || err != nil {
		t.Fatalf("no headers: %v %v %v", ts, ok, err)
	}
	for _, h := range []http.Header{
		hdr(HeaderClientID, "cid-1"),
		hdr(HeaderSecret, "secret-one-1234"),
		hdr(HeaderAccessToken, "t-123456", HeaderClientID, "cid-1"),
	} {
		if _, ok, err := reg.FromHeaders(h); err == nil || ok {
			t.Errorf("headers %v: want an error", h)
		}
	}
}

// TestHeaderTokensInterned: requests with the same header token share one
// source and one identity (so caches keyed by leigaapi.CredentialID hit);
// distinct tokens are bounded by the registry's size; identities are keyed
// hashes that never show the secret and survive eviction.
func TestHeaderTokensInterned(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	const size = 100
	reg := NewSourceRegistry(lg.authClient(t), size)
	idOf := func(h http.Header) (leigaapi.TokenSource, string) {
		t.Helper()
		ts, ok, err := reg.FromHeaders(h)
		if err != nil || !ok {
			t.Fatalf("FromHeaders: %v %v", ok, err)
		}
		return ts, leigaapi.CredentialID(leigaapi.WithTokenSource(context.Background(), ts))
	}
	tests := []struct {
		name           string
		header, other  http.Header
		secret, format string
	}{
		{"header token",
			http.Header{HeaderAccessToken: {"same-token-424242"}}, http.Header{HeaderAccessToken: {"other-token-434343"}},
			"same-token-424242", `^tok:[0-9a-f]{16}$`},
		{"client id and secret",
			http.Header{HeaderClientID: {"cid-1"}, HeaderSecret: {"secret-one-1234"}}, http.Header{HeaderClientID: {"cid-1"}, HeaderSecret: {"secret-one-9999"}},
			"secret-one-1234", `^cid:[0-9a-f]{16}$`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, id := idOf(tt.header)
			for range 49 {
				if ts, got := idOf(tt.header); ts != first || got != id {
					t.Fatalf("a later request got source %p identity %q, want %p %q", ts, got, first, id)
				}
			}
			if !regexp.MustCompile(tt.format).MatchString(id) || strings.Contains(id, tt.secret) {
				t.Fatalf("identity %q: want %s, without the secret", id, tt.format)
			}
			if _, other := idOf(tt.other); other == id {
				t.Fatalf("another credential has the same identity %q", id)
			}
		})
	}

	_, id := idOf(http.Header{HeaderAccessToken: {"same-token-424242"}})
	for i := range 10000 {
		idOf(http.Header{HeaderAccessToken: {fmt.Sprintf("distinct-token-%05d", i)}})
	}
	if got := reg.Len(); got != size {
		t.Fatalf("registry holds %d sources after 10,000 tokens, want %d", got, size)
	}
	if _, again := idOf(http.Header{HeaderAccessToken: {"same-token-424242"}}); again != id {
		t.Fatalf("identity after eviction = %q, want %q", again, id)
	}
}

// TestHeaderTokenRedactedOnlyInItsRequests: one client's header token (here
// the ordinary word "archived") is hidden in that client's text only; it
// never changes another client's text or the server's, however many clients
// came before. The same holds for a client id's secret and the tokens
// obtained with it.
func TestHeaderTokenRedactedOnlyInItsRequests(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	reg := NewSourceRegistry(lg.authClient(t), 0)
	ctxOf := func(h http.Header) context.Context {
		ts, _, err := reg.FromHeaders(h)
		if err != nil {
			t.Fatal(err)
		}
		return leigaapi.WithTokenSource(context.Background(), ts)
	}
	a := ctxOf(http.Header{HeaderAccessToken: {"archived"}})
	b := ctxOf(http.Header{HeaderAccessToken: {"tenant-b-token-1234"}})
	c := ctxOf(http.Header{HeaderClientID: {"cid-2"}, HeaderSecret: {"secret-two-5678"}})
	if err := authCallProtected(c, lg.apiClient(t, nil)); err != nil {
		t.Fatal(err)
	}
	tokC := lg.lastSeen()
	text := "| archived | id | pkey | pname | secret-two-5678 | " + tokC + " | tenant-b-token-1234 |"
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"client a", a, "| [REDACTED] | id | pkey | pname | secret-two-5678 | " + tokC + " | tenant-b-token-1234 |"},
		{"client b", b, "| archived | id | pkey | pname | secret-two-5678 | " + tokC + " | [REDACTED] |"},
		{"client c", c, "| archived | id | pkey | pname | [REDACTED] | [REDACTED] | tenant-b-token-1234 |"},
		{"server", context.Background(), text},
	}
	for _, tt := range tests {
		if got := leigaapi.RedactContext(tt.ctx, text); got != tt.want {
			t.Errorf("%s: %q\nwant %q", tt.name, got, tt.want)
		}
	}
	if got := leigaapi.Redact(text); got != text {
		t.Errorf("process-wide redaction changed by clients: %q", got)
	}
}

// BenchmarkRedact redacts a 10 KB result for one client after 1 or 100,000
// clients have sent their own header tokens: the cost must not grow.
//
//	go test -run '^$' -bench BenchmarkRedact ./leigaapi/auth
func BenchmarkRedact(b *testing.B) {
	text := strings.Repeat("| 101 | archived | MOBILE | Mobile app | some words of a result |\n", 160)[:10<<10]
	for _, n := range []int{1, 100000} {
		b.Run(fmt.Sprintf("clients=%d", n), func(b *testing.B) {
			reg := NewSourceRegistry(nil, 0)
			var ts leigaapi.TokenSource
			for i := range n {
				ts, _, _ = reg.FromHeaders(http.Header{HeaderAccessToken: {fmt.Sprintf("header-token-%08d", i)}})
			}
			ctx := leigaapi.WithTokenSource(context.Background(), ts)
			b.ReportAllocs()
			for b.Loop() {
				leigaapi.RedactContext(ctx, text)
			}
		})
	}
}
