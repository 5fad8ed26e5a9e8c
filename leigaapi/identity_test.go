package leigaapi

import (
	"context"
	"regexp"
	"testing"
)

// namedSource is a per-request source with an identity.
type namedSource struct{ fixedToken }

func (namedSource) Identity() string { return "tok:0123456789abcdef" }

// ptrSource is a per-request source without an identity.
type ptrSource struct{ fixedToken }

func TestCredentialID(t *testing.T) {
	p1, p2 := &ptrSource{"t-1"}, &ptrSource{"t-1"}
	with := func(ts TokenSource) context.Context { return WithTokenSource(context.Background(), ts) }
	if got := CredentialID(context.Background()); got != "" {
		t.Errorf("no per-request source: %q, want \"\"", got)
	}
	if got := CredentialID(with(namedSource{"secret-token"})); got != "tok:0123456789abcdef" {
		t.Errorf("identifier: %q", got)
	}
	id1, id2 := CredentialID(with(p1)), CredentialID(with(p2))
	if !regexp.MustCompile(`^src:\*leigaapi\.ptrSource:[0-9a-f]+$`).MatchString(id1) || id1 == id2 || CredentialID(with(p1)) != id1 {
		t.Errorf("pointer sources: %q and %q; want stable, distinct, type and address", id1, id2)
	}
	if got := CredentialID(with(fixedToken("secret-token"))); got != "src:leigaapi.fixedToken" {
		t.Errorf("value source: %q", got)
	}
}
