package leigaapi

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// SecretHolder is implemented by token sources that hold secrets: a token,
// a client secret, the tokens obtained with it. The secrets of a
// per-request source are redacted only in text made for the requests that
// use it (RedactContext); those of the server's own sources everywhere
// (RegisterSecretHolder). Secrets is called on every redaction and must be
// cheap and safe for concurrent use.
type SecretHolder interface {
	Secrets() []string
}

// secrets is the process-wide set of the server's own secrets: the
// credentials in its environment and the sources built from them. It does
// not grow with the number of clients served: per-request credentials never
// enter it.
var secrets struct {
	mu      sync.RWMutex
	list    []string       // append-only
	holders []SecretHolder // append-only
}

// wordSecretLen is the length below which a secret is redacted only where
// it stands as a word of its own ("tok 1a2b3 rejected", "\"1a2b3\""), never
// inside a longer run of letters and digits ("x1a2b3y"): a short token is
// still a secret, but hiding it in every word that contains it would mangle
// ordinary text. Longer secrets are redacted wherever they occur.
const wordSecretLen = 6

// redacted replaces a secret.
const redacted = "[REDACTED]"

// RegisterSecret adds s, one of the server's own secrets (from its
// environment), to the strings Redact hides everywhere. Secrets of
// per-request credentials must not be registered: their sources implement
// SecretHolder and RedactContext hides them in their own requests only.
func RegisterSecret(s string) {
	if s == "" {
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

// RegisterSecretHolder makes Redact hide, everywhere, the secrets h holds
// at the time of each redaction. It is for the server's own token sources
// (a handful per process), whose tokens change as they renew.
func RegisterSecretHolder(h SecretHolder) {
	secrets.mu.Lock()
	defer secrets.mu.Unlock()
	secrets.holders = append(secrets.holders, h)
}

// Redact replaces every secret of the server's own in text with
// "[REDACTED]". Secrets shorter than 6 bytes are replaced only where they
// stand as a word of their own.
func Redact(text string) string {
	secrets.mu.RLock()
	list, holders := secrets.list, secrets.holders
	secrets.mu.RUnlock()
	text = RedactSecrets(text, list)
	for _, h := range holders {
		text = RedactSecrets(text, h.Secrets())
	}
	return text
}

// RedactContext is Redact plus the secrets of the per-request token source
// of ctx (TokenSourceFrom), if it is a SecretHolder: the text made for one
// request hides that request's credentials, and no request's credentials
// change the text of another. Its cost does not depend on how many clients
// the server has seen.
func RedactContext(ctx context.Context, text string) string {
	text = Redact(text)
	if h, ok := TokenSourceFrom(ctx).(SecretHolder); ok {
		text = RedactSecrets(text, h.Secrets())
	}
	return text
}

// RedactSecrets replaces each of list in text with "[REDACTED]", with the
// same rule as Redact for short secrets. It does not apply the
// process-wide secrets.
func RedactSecrets(text string, list []string) string {
	for _, s := range list {
		switch {
		case s == "" || !strings.Contains(text, s):
		case len(s) >= wordSecretLen:
			text = strings.ReplaceAll(text, s, redacted)
		default:
			text = replaceWord(text, s)
		}
	}
	return text
}

// replaceWord replaces the occurrences of s in text that are not part of a
// longer word: the characters on either side are not letters, digits or
// '_'.
func replaceWord(text, s string) string {
	var b strings.Builder
	done, from := 0, 0
	for {
		i := strings.Index(text[from:], s)
		if i < 0 {
			break
		}
		start, end := from+i, from+i+len(s)
		if !wordBefore(text, start) && !wordAfter(text, end) {
			b.WriteString(text[done:start])
			b.WriteString(redacted)
			done, from = end, end
			continue
		}
		from = start + 1
	}
	if done == 0 {
		return text
	}
	b.WriteString(text[done:])
	return b.String()
}

// wordBefore reports whether the character ending at i is a word character.
func wordBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r)
}

// wordAfter reports whether the character starting at i is a word character.
func wordAfter(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}
