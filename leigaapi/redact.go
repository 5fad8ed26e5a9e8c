package leigaapi

import (
	"context"
	"strings"
	"sync"
)

// secrets is the process-wide set of strings that must never be shown:
// access and refresh tokens, client secrets. Token sources add every secret
// they hold; logs, errors and tool results pass through Redact.
var secrets struct {
	mu   sync.RWMutex
	list []string
}

// minSecretLen keeps short, common strings out of the set, so redaction
// never mangles ordinary text.
const minSecretLen = 6

// RegisterSecret adds s to the strings Redact hides.
func RegisterSecret(s string) {
	if len(s) < minSecretLen {
		return
	}
	secrets.mu.Lock()
	defer secrets.mu.Unlock()
	for _, have := range secrets.list {
		if have == s {
			return
		}
	}
	secrets.list = append(secrets.list, s)
}

// Redact replaces every registered secret in text with "[REDACTED]".
func Redact(text string) string {
	secrets.mu.RLock()
	defer secrets.mu.RUnlock()
	for _, s := range secrets.list {
		if strings.Contains(text, s) {
			text = strings.ReplaceAll(text, s, "[REDACTED]")
		}
	}
	return text
}

// RedactContext is Redact for the text of one request.
func RedactContext(_ context.Context, text string) string { return Redact(text) }
