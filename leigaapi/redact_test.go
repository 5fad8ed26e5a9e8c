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
