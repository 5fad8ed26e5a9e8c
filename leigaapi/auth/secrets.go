package auth

import (
	"slices"
	"sync"
	"sync/atomic"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// keptTokens is how many of the tokens a source obtained it keeps hiding:
// the access and refresh tokens of its last few renewals. Older ones have
// expired or been replaced; dropping them keeps redaction cost bounded.
const keptTokens = 8

// secretSet holds the secrets of one token source: its fixed credentials
// (client secret, seed refresh token) and the last keptTokens tokens it
// obtained. Reads are lock-free; it is safe for concurrent use.
type secretSet struct {
	mu     sync.Mutex
	fixed  []string
	tokens []string // oldest first
	snap   atomic.Pointer[[]string]
}

// addFixed records a secret kept for the life of the source.
func (k *secretSet) addFixed(s string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if s == "" || slices.Contains(k.fixed, s) {
		return
	}
	k.fixed = append(k.fixed, s)
	k.publish()
}

// addTokens records tokens the source obtained, forgetting the oldest past
// keptTokens.
func (k *secretSet) addTokens(tokens ...string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, s := range tokens {
		if s == "" || slices.Contains(k.tokens, s) || slices.Contains(k.fixed, s) {
			continue
		}
		k.tokens = append(k.tokens, s)
		if len(k.tokens) > keptTokens {
			k.tokens = slices.Delete(k.tokens, 0, len(k.tokens)-keptTokens)
		}
	}
	k.publish()
}

func (k *secretSet) publish() {
	all := slices.Concat(k.fixed, k.tokens)
	k.snap.Store(&all)
}

// list returns the secrets; the caller must not modify the slice.
func (k *secretSet) list() []string {
	if p := k.snap.Load(); p != nil {
		return *p
	}
	return nil
}

// redact hides the process-wide secrets and these in text.
func (k *secretSet) redact(text string) string {
	return leigaapi.RedactSecrets(leigaapi.Redact(text), k.list())
}
