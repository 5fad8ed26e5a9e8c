package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// redactingWriter is where a real deployment's log handler writes: every
// line passes through leigaapi.Redact.
type redactingWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (w *redactingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.WriteString(leigaapi.Redact(string(p)))
	return len(p), nil
}

func (w *redactingWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// TestPlantedSecretNeverShown: a planted secret (and the tokens issued for
// it) appear in no error string, log line or printed Credentials, even when
// Leiga echoes the secret back in its message.
func TestPlantedSecretNeverShown(t *testing.T) {
	const secret = "PLANTED-secret-7f3c9a1e"
	const refresh = "PLANTED-refresh-55aa77"
	lg := newAuthFakeLeiga(t)
	lg.set(func(f *authFakeLeiga) {
		f.clients["cid-9"] = "the-real-secret-000" // so the planted one is refused
		f.tokenMsg = "secretKey " + secret + " is not valid for this client"
	})
	env := map[string]string{"LEIGA_AUTH": "refresh", "LEIGA_CLIENT_ID": "cid-9", "LEIGA_SECRET": secret, "LEIGA_REFRESH_TOKEN": refresh}
	creds, err := CredentialsFromEnv(authEnv(env))
	if err != nil {
		t.Fatal(err)
	}

	// Printed without any redaction help: no secret in any form.
	var plain bytes.Buffer
	slog.New(slog.NewJSONHandler(&plain, nil)).Info("credentials", "auth", creds, "oauth", creds.OAuth)
	js, _ := json.Marshal(creds)
	printed := fmt.Sprintf("%v|%+v|%#v|%s|%s|%v", creds, creds, creds, creds, js, &creds)
	for _, s := range []string{plain.String(), printed} {
		if strings.Contains(s, secret) || strings.Contains(s, refresh) {
			t.Fatalf("credentials printed a secret: %s", s)
		}
	}
	if !strings.Contains(plain.String(), "cid-9") {
		t.Fatalf("log line does not name the client id: %s", plain.String())
	}

	// Through a source: the refresh token is refused (it is unknown), the
	// fallback with the secret is refused with a message echoing the secret.
	logs := &redactingWriter{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ts, err := NewTokenSource(lg.authClient(t), creds, nil, WithSourceLogger(log))
	if err != nil {
		t.Fatal(err)
	}
	api := lg.apiClient(t, ts)
	err = authCallProtected(context.Background(), api)
	if err == nil {
		t.Fatal("call succeeded with refused credentials")
	}
	log.Error("call failed", "err", err, "auth", creds)
	if !strings.Contains(err.Error(), "Leiga rejected the credentials for client id cid-9") {
		t.Fatalf("err = %v", err)
	}
	for name, s := range map[string]string{"error": err.Error(), "log": logs.String()} {
		if strings.Contains(s, secret) || strings.Contains(s, refresh) {
			t.Fatalf("%s shows a secret: %s", name, s)
		}
	}
	if !strings.Contains(logs.String(), "refresh token") {
		t.Fatalf("fallback was not logged: %s", logs.String())
	}

	// A token obtained later is registered too: a log line quoting it is
	// redacted.
	lg.set(func(f *authFakeLeiga) { f.clients["cid-9"] = secret })
	tok, err := NewPermanentSource(lg.authClient(t), "cid-9", secret, nil).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	log.Info("oops", "token", tok)
	if strings.Contains(logs.String(), tok) {
		t.Fatalf("access token reached the log: %s", logs.String())
	}
}
