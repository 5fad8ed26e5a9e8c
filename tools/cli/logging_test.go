package cli

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

// TestLogRedactsRequestSecrets: a log line made for a request hides that
// request's header token, in the message and in every attribute; the same
// line made for another request, or for none, is untouched.
func TestLogRedactsRequestSecrets(t *testing.T) {
	reg := auth.NewSourceRegistry(nil, 0)
	ctxOf := func(token string) context.Context {
		ts, _, err := reg.FromHeaders(http.Header{auth.HeaderAccessToken: {token}})
		if err != nil {
			t.Fatal(err)
		}
		return leigaapi.WithTokenSource(context.Background(), ts)
	}
	const line = `"msg":"upstream said tok-a-secret-99","detail":"tok-a-secret-99 rejected","err":"token tok-a-secret-99","group":{"k":"tok-a-secret-99"}`
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"its request", ctxOf("tok-a-secret-99"), strings.ReplaceAll(line, "tok-a-secret-99", "[REDACTED]")},
		{"another request", ctxOf("tok-b-secret-11"), line},
		{"no request", context.Background(), line},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		log, err := newLogger(&buf, "info", "json")
		if err != nil {
			t.Fatal(err)
		}
		log.InfoContext(tt.ctx, "upstream said tok-a-secret-99", "detail", "tok-a-secret-99 rejected",
			"err", errors.New("token tok-a-secret-99"), slog.Group("group", "k", "tok-a-secret-99"))
		if !strings.Contains(buf.String(), tt.want) {
			t.Errorf("%s: log line\n%s\nwant it to contain\n%s", tt.name, buf.String(), tt.want)
		}
	}
}
