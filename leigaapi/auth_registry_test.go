package leigaapi

import (
	"context"
	"net/http"
	"strings"
	"testing"
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
	call := func(ts TokenSource) string {
		t.Helper()
		if err := authCallProtected(WithTokenSource(context.Background(), ts), api); err != nil {
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
	if err := authCallProtected(WithTokenSource(context.Background(), other), api); err == nil ||
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
	if d := ts3.(Describer).Describe(); !strings.Contains(d, HeaderAccessToken) {
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
