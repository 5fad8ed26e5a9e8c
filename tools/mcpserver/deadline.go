package mcpserver

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"
)

// Timeout defaults. The read timeout covers a request's headers and body,
// never a stream's lifetime; the write timeout bounds one write that makes
// no progress (a client that stopped reading), not a whole response.
const (
	DefaultReadTimeout  = 30 * time.Second
	DefaultIdleTimeout  = 60 * time.Second
	DefaultWriteTimeout = 30 * time.Second
	maxHeaderTimeout    = 10 * time.Second
)

// bufferedBody is a request body read in full, so that the guards can look
// at the message before mcp-go does.
type bufferedBody struct {
	*bytes.Reader
	b []byte
}

// Close implements io.Closer.
func (bufferedBody) Close() error { return nil }

// bodyBytes returns the buffered body of r, or nil.
func bodyBytes(r *http.Request) []byte {
	if bb, ok := r.Body.(bufferedBody); ok {
		return bb.b
	}
	return nil
}

// setBody replaces r's body with b.
func setBody(r *http.Request, b []byte) {
	r.Body = bufferedBody{bytes.NewReader(b), b}
	r.ContentLength = int64(len(b))
}

// readBody reads r's body in full within timeout and at most max bytes,
// or answers 408, 413 or 400 and returns false. The read deadline is
// lifted afterwards, so a stream that follows is not cut.
func readBody(w http.ResponseWriter, r *http.Request, max int64, timeout time.Duration) bool {
	if r.Body == nil || r.Body == http.NoBody {
		return true
	}
	if r.ContentLength > max {
		http.Error(w, fmt.Sprintf("request body larger than %d bytes (the limit, LEIGA_MCP_MAX_BODY)", max), http.StatusRequestEntityTooLarge)
		return false
	}
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(timeout))
	body, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	_ = rc.SetReadDeadline(time.Time{})
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		w.Header().Set("Connection", "close")
		http.Error(w, fmt.Sprintf("request body not received within %s (the limit, LEIGA_MCP_READ_TIMEOUT)", timeout), http.StatusRequestTimeout)
		return false
	case err != nil:
		http.Error(w, "cannot read request body", http.StatusBadRequest)
		return false
	case int64(len(body)) > max:
		http.Error(w, fmt.Sprintf("request body larger than %d bytes (the limit, LEIGA_MCP_MAX_BODY)", max), http.StatusRequestEntityTooLarge)
		return false
	}
	setBody(r, body)
	return true
}

// deadlineWriter gives every write of a response timeout to complete: a
// client that stops reading loses its connection instead of holding a
// goroutine for ever. After a failed write every later one fails at once.
type deadlineWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
	mu      sync.Mutex
	err     error
}

// newDeadlineWriter wraps w.
func newDeadlineWriter(w http.ResponseWriter, timeout time.Duration) *deadlineWriter {
	return &deadlineWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: timeout}
}

// Write implements http.ResponseWriter.
func (d *deadlineWriter) Write(p []byte) (int, error) {
	if err := d.failed(); err != nil {
		return 0, err
	}
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.timeout))
	n, err := d.ResponseWriter.Write(p)
	d.fail(err)
	return n, err
}

// Flush implements http.Flusher.
func (d *deadlineWriter) Flush() { _ = d.FlushError() }

// FlushError flushes and reports the error, for http.ResponseController.
func (d *deadlineWriter) FlushError() error {
	if err := d.failed(); err != nil {
		return err
	}
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.timeout))
	err := d.rc.Flush()
	d.fail(err)
	return err
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// finish gives the server's last flush of the response its own deadline.
func (d *deadlineWriter) finish() {
	_ = d.rc.SetWriteDeadline(time.Now().Add(d.timeout))
}

func (d *deadlineWriter) failed() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.err
}

func (d *deadlineWriter) fail(err error) {
	if err == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.err == nil {
		d.err = err
	}
}
