package auth

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// TestSecretSetKeepsLastTokens: a source keeps its fixed secrets and only
// its last keptTokens tokens, so its redaction cost stays bounded however
// often it renews.
func TestSecretSetKeepsLastTokens(t *testing.T) {
	var k secretSet
	k.addFixed("client-secret-0001")
	k.addFixed("client-secret-0001")
	for i := range 20 {
		k.addTokens(fmt.Sprintf("access-%02d", i), "", fmt.Sprintf("access-%02d", i))
	}
	want := []string{"client-secret-0001"}
	for i := 20 - keptTokens; i < 20; i++ {
		want = append(want, fmt.Sprintf("access-%02d", i))
	}
	if got := k.list(); !slices.Equal(got, want) {
		t.Fatalf("secrets = %v, want %v", got, want)
	}
	if got := k.redact("x access-19 access-00 client-secret-0001"); got != "x [REDACTED] access-00 [REDACTED]" {
		t.Fatalf("redact = %q", got)
	}
}

// TestOwnAndPerRequestSecrets: the tokens the server's own source obtains
// are hidden everywhere; those a per-request source obtains, and its
// client secret, only in its own requests, even when Leiga echoes the
// secret in a refusal.
func TestOwnAndPerRequestSecrets(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	own := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", nil)
	ownTok, err := own.Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := leigaapi.Redact("t=" + ownTok); got != "t=[REDACTED]" {
		t.Errorf("own token: Redact = %q", got)
	}

	const planted = "PLANTED-header-secret-77"
	lg.set(func(f *authFakeLeiga) { f.tokenMsg = "secretKey " + planted + " is not valid" })
	reg := NewSourceRegistry(lg.authClient(t), 0)
	ts, _, err := reg.FromHeaders(http.Header{HeaderClientID: {"cid-2"}, HeaderSecret: {planted}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := leigaapi.WithTokenSource(context.Background(), ts)
	err = authCallProtected(ctx, lg.apiClient(t, nil))
	const want = "Leiga POST /authorize/access-permanent-token failed: code 10002: Leiga rejected the credentials for client id cid-2: secretKey [REDACTED] is not valid"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if got := leigaapi.RedactContext(ctx, "key: "+planted); got != "key: [REDACTED]" {
		t.Errorf("own request: %q", got)
	}
	if got := leigaapi.Redact("key: " + planted); got != "key: "+planted {
		t.Errorf("process-wide redaction learned a client's secret: %q", got)
	}
	if s := ts.(leigaapi.SecretHolder).Secrets(); !slices.Contains(s, planted) || strings.Contains(fmt.Sprint(ts.(leigaapi.Describer).Describe()), planted) {
		t.Errorf("Secrets = %v, Describe = %q", s, ts.(leigaapi.Describer).Describe())
	}
}
