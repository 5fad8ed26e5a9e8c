package mcpserver

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"
)

// AuditStderr is the LEIGA_AUDIT_LOG value that writes the audit log to
// standard error, between the log lines.
const AuditStderr = "stderr"

// AuditLog appends one JSON line per tool call that creates, updates or
// deletes something in Leiga (see auditEntry for the fields). It is safe
// for concurrent use; each line is one write.
type AuditLog struct {
	mu      sync.Mutex
	w       io.Writer
	closer  io.Closer // the file; nil for stderr
	now     func() time.Time
	log     *slog.Logger
	metrics *Metrics
}

// OpenAuditLog opens the audit log dest: AuditStderr writes to stderr;
// anything else is a file path, opened for appending only and created with
// mode 0600. An existing file that other users could read or change (group
// or other permission bits, or another owner) is refused with what to do,
// as the token cache is: audit lines name people and what they changed.
func OpenAuditLog(dest string, stderr io.Writer) (*AuditLog, error) {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		return nil, errors.New("audit log: no destination; set LEIGA_AUDIT_LOG to a file path or stderr")
	}
	if strings.EqualFold(dest, AuditStderr) {
		return &AuditLog{w: stderr, now: time.Now, log: slog.New(slog.DiscardHandler)}, nil
	}
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("audit log: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("audit log: %w", err)
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("audit log %s is not a regular file: set LEIGA_AUDIT_LOG to a file path or stderr", dest)
	}
	if problem, fix := unsafeAuditFile(fi, dest); problem != "" {
		f.Close()
		return nil, fmt.Errorf("audit log %s %s: %s", dest, problem, fix)
	}
	return &AuditLog{w: f, closer: f, now: time.Now, log: slog.New(slog.DiscardHandler)}, nil
}

// SetLogger makes the log say when a line cannot be written.
func (a *AuditLog) SetLogger(l *slog.Logger) {
	if a != nil && l != nil {
		a.log = l
	}
}

// Close closes the file, if the log writes to one.
func (a *AuditLog) Close() error {
	if a == nil || a.closer == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.closer.Close()
}

// write appends one line. A failure is logged and counted, never fatal to
// the call it records.
func (a *AuditLog) write(line []byte) {
	a.mu.Lock()
	_, err := a.w.Write(line)
	a.mu.Unlock()
	if err != nil {
		a.metrics.auditFailed()
		a.log.Error("cannot write the audit log", "err", err)
	}
}
