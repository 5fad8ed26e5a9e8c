package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/lmittmann/tint"
)

// newLogger returns the logger for stderr: tint text (colour only on a
// terminal) or JSON, every string passed through secret redaction.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("invalid --log-level %q: use debug, info, warn or error", level)
	}
	var h slog.Handler
	switch strings.ToLower(format) {
	case "text", "":
		h = tint.NewTextHandler(w, &tint.Options{Level: lvl, TimeFormat: "15:04:05.000", NoColor: !isTerminal(w)})
	case "json":
		h = slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl})
	default:
		return nil, fmt.Errorf("invalid --log-format %q: use text or json", format)
	}
	return slog.New(redactingHandler{h}), nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// redactingHandler removes secrets from every log record: the server's own
// everywhere, and those of the per-request credentials of the record's
// context (leigaapi.RedactContext), so a request's log lines hide that
// request's token and no other request's token changes them.
type redactingHandler struct{ next slog.Handler }

// Enabled defers to the wrapped handler.
func (h redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle redacts r with the secrets of ctx's request, then passes it on.
func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	redact := func(s string) string { return leigaapi.RedactContext(ctx, s) }
	if !needsRedaction(r, redact) {
		return h.next.Handle(ctx, r)
	}
	out := slog.NewRecord(r.Time, r.Level, redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a, redact))
		return true
	})
	return h.next.Handle(ctx, out)
}

// needsRedaction reports whether any text of r holds a secret; most
// records hold none and pass through without a copy.
func needsRedaction(r slog.Record, redact func(string) string) bool {
	if redact(r.Message) != r.Message {
		return true
	}
	found := false
	r.Attrs(func(a slog.Attr) bool {
		v := a.Value.Resolve()
		if v.Kind() == slog.KindString {
			found = redact(v.String()) != v.String()
		} else {
			found = v.Kind() == slog.KindGroup || v.Kind() == slog.KindAny
		}
		return !found
	})
	return found
}

// WithAttrs redacts attrs with the server's own secrets: they are shared by
// every request that logs through the returned handler.
func (h redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a, leigaapi.Redact)
	}
	return redactingHandler{h.next.WithAttrs(red)}
}

// WithGroup defers to the wrapped handler.
func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.next.WithGroup(name)}
}

// redactAttr passes every string in a through redact.
func redactAttr(a slog.Attr, redact func(string) string) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, redact(v.String()))
	case slog.KindGroup:
		group := v.Group()
		red := make([]any, len(group))
		for i, g := range group {
			red[i] = redactAttr(g, redact)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, redact(err.Error()))
		}
		return slog.String(a.Key, redact(fmt.Sprint(v.Any())))
	}
	return slog.Attr{Key: a.Key, Value: v}
}
