package leigaapi

import (
	"context"
	"sync/atomic"
	"testing"
)

// holderSource is a per-request token source that holds secrets.
type holderSource struct{ secrets []string }

func (h *holderSource) Token(context.Context) (string, error) { return h.secrets[0], nil }
func (h *holderSource) Invalidate(string)                     {}
func (h *holderSource) Secrets() []string                     { return h.secrets }

// TestRedactShortSecrets: a secret shorter than 6 bytes is still hidden, but
// only where it stands as a word of its own; a longer one wherever it occurs.
func TestRedactShortSecrets(t *testing.T) {
	RegisterSecret("k3y9Z")                // 5 bytes: a short token
	RegisterSecret("long-secret-8a7d5e2c") // a long one
	tests := []struct{ in, want string }{
		{"k3y9Z", "[REDACTED]"},
		{"token k3y9Z rejected", "token [REDACTED] rejected"},
		{`{"accessToken":"k3y9Z"}`, `{"accessToken":"[REDACTED]"}`},
		{"k3y9Z-abc k3y9Z.", "[REDACTED]-abc [REDACTED]."},
		{"k3y9Z k3y9Zk3y9Z k3y9Z", "[REDACTED] k3y9Zk3y9Z [REDACTED]"},
		{"xk3y9Zy ak3y9Z k3y9Z2 _k3y9Z ék3y9Z", "xk3y9Zy ak3y9Z k3y9Z2 _k3y9Z ék3y9Z"},
		{"xlong-secret-8a7d5e2cy", "x[REDACTED]y"},
		{"nothing to hide", "nothing to hide"},
	}
	for _, tt := range tests {
		if got := Redact(tt.in); got != tt.want {
			t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	ctx := WithTokenSource(context.Background(), &holderSource{secrets: []string{"Qz4"}})
	if got, want := RedactContext(ctx, "tok Qz4, not Qz42"), "tok [REDACTED], not Qz42"; got != want {
		t.Errorf("RedactContext = %q, want %q", got, want)
	}
}

// TestRedactContext: a per-request source's secrets are hidden in the text
// of its own requests only; no request's credentials change another's text
// or the process-wide redaction.
func TestRedactContext(t *testing.T) {
	const text = "| archived | tenant-a-token-1111 | tenant-b-token-2222 |"
	a := WithTokenSource(context.Background(), &holderSource{secrets: []string{"tenant-a-token-1111", "archived"}})
	b := WithTokenSource(context.Background(), &holderSource{secrets: []string{"tenant-b-token-2222"}})
	noSecrets := WithTokenSource(context.Background(), fixedToken("tok-123456"))
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"client a", a, "| [REDACTED] | [REDACTED] | tenant-b-token-2222 |"},
		{"client b", b, "| archived | tenant-a-token-1111 | [REDACTED] |"},
		{"server credentials", context.Background(), text},
		{"source without secrets", noSecrets, text},
	}
	for _, tt := range tests {
		if got := RedactContext(tt.ctx, text); got != tt.want {
			t.Errorf("%s: RedactContext = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := Redact(text); got != text {
		t.Errorf("Redact = %q: per-request secrets leaked into the process-wide set", got)
	}
}

// rotatingHolder holds one secret that changes, as a renewing source's
// token does.
type rotatingHolder struct{ cur atomic.Pointer[[]string] }

func (r *rotatingHolder) Secrets() []string { return *r.cur.Load() }

// TestRegisterSecretHolder: Redact hides what a registered holder holds at
// the time of each call.
func TestRegisterSecretHolder(t *testing.T) {
	h := &rotatingHolder{}
	h.cur.Store(&[]string{"own-token-aaaa-0001"})
	RegisterSecretHolder(h)
	if got := Redact("t=own-token-aaaa-0001"); got != "t=[REDACTED]" {
		t.Fatalf("Redact = %q", got)
	}
	h.cur.Store(&[]string{"own-token-bbbb-0002"})
	if got := Redact("t=own-token-bbbb-0002 t=own-token-aaaa-0001"); got != "t=[REDACTED] t=own-token-aaaa-0001" {
		t.Fatalf("after rotation: Redact = %q", got)
	}
}
