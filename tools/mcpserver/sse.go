package mcpserver

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
)

// maxSSEPending bounds the requests of one legacy SSE session whose replies
// have not yet been written to its stream. mcp-go parks a goroutine per
// reply it cannot queue (its queue holds 100), so a client that posts
// without reading its stream is refused past this many (429), and loses the
// session when a write to its stream stalls for the write timeout.
const maxSSEPending = 100

// sseStream is one open legacy SSE session.
type sseStream struct {
	id      string
	gate    *rpcGate
	pending atomic.Int64 // requests posted whose replies are not yet written
	cancel  context.CancelFunc
}

// sseStreams finds the open SSE sessions by id.
type sseStreams struct {
	mu   sync.Mutex
	byID map[string]*sseStream
}

type sseStreamKey struct{}

// newSSEStreams returns an empty registry.
func newSSEStreams() *sseStreams { return &sseStreams{byID: map[string]*sseStream{}} }

// sessionID issues the id of a new SSE session and registers the stream
// the guard put in ctx under it; it is mcp-go's SessionIDGenFunc.
func (t *sseStreams) sessionID(ctx context.Context, _ *http.Request) (string, error) {
	id := rand.Text()
	if st, ok := ctx.Value(sseStreamKey{}).(*sseStream); ok {
		st.id = id
		t.mu.Lock()
		t.byID[id] = st
		t.mu.Unlock()
	}
	return id, nil
}

func (t *sseStreams) get(id string) *sseStream {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.byID[id]
}

func (t *sseStreams) remove(st *sseStream) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.byID[st.id] == st {
		delete(t.byID, st.id)
	}
}

// streamGuard opens /sse streams: one session slot each (503 with
// Retry-After when none is free), and a stream that ends as soon as a
// write to it fails.
func (t *sseStreams) streamGuard(next http.Handler, ss *sessions) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		if !ss.openSSE() {
			w.Header().Set("Retry-After", sessionRetryAfter)
			http.Error(w, "server busy: no room for a new session (the limit, LEIGA_MCP_MAX_SESSIONS, is reached); retry later", http.StatusServiceUnavailable)
			return
		}
		defer ss.closeSSE()
		ctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		st := &sseStream{gate: newRPCGate(true), cancel: cancel}
		defer t.remove(st)
		next.ServeHTTP(&sseStreamWriter{ResponseWriter: w, st: st}, r.WithContext(context.WithValue(ctx, sseStreamKey{}, st)))
	})
}

// messageGuard checks /message posts: the message passes the session's
// gate, and a request finds room among the session's pending replies
// (429 with Retry-After otherwise).
func (t *sseStreams) messageGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := t.get(r.URL.Query().Get("sessionId"))
		if r.Method != http.MethodPost || st == nil {
			next.ServeHTTP(w, r) // mcp-go refuses it
			return
		}
		a, rej := st.gate.admit(bodyBytes(r))
		if rej != nil {
			writeRPCError(w, http.StatusBadRequest, rej, "")
			return
		}
		if a.request {
			if st.pending.Add(1) > maxSSEPending {
				st.pending.Add(-1)
				st.gate.forget(a.token)
				writeRPCError(w, http.StatusTooManyRequests, &rpcError{ID: a.id, Code: codeInvalidRequest,
					Message: fmt.Sprintf("too many requests waiting on this session's event stream (%d): read the stream, then retry", maxSSEPending)}, "1")
				return
			}
		}
		setBody(r, a.out)
		next.ServeHTTP(w, r)
	})
}

// sseStreamWriter is the writer of one SSE stream: it restores big ids,
// counts the replies written, and ends the stream when a write fails.
type sseStreamWriter struct {
	http.ResponseWriter
	st *sseStream
}

// Write implements http.ResponseWriter; mcp-go writes one event per call.
func (s *sseStreamWriter) Write(p []byte) (int, error) {
	if _, err := s.ResponseWriter.Write(s.st.gate.restore(p)); err != nil {
		s.st.cancel()
		return 0, err
	}
	if isReplyEvent(p) && s.st.pending.Add(-1) < 0 {
		s.st.pending.Store(0)
	}
	return len(p), nil
}

// Flush implements http.Flusher.
func (s *sseStreamWriter) Flush() {
	if err := http.NewResponseController(s.ResponseWriter).Flush(); err != nil {
		s.st.cancel()
	}
}

// Unwrap returns the wrapped writer, for http.ResponseController.
func (s *sseStreamWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// isReplyEvent reports whether an SSE event carries a reply (a message with
// a result or an error) rather than a server request or notification.
func isReplyEvent(p []byte) bool {
	const prefix = "event: message\ndata: "
	if !bytes.HasPrefix(p, []byte(prefix)) {
		return false
	}
	data := bytes.TrimSpace(p[len(prefix):])
	if len(data) == 0 || data[0] != '{' {
		return false
	}
	for _, m := range objectMembers(data, 0) {
		if m.name == "result" || m.name == "error" {
			return true
		}
		if m.name == "method" {
			return false
		}
	}
	return false
}
