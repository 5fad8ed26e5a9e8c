package mcpserver

import (
	"encoding/json"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// streamableGuard checks /mcp requests before mcp-go sees them: the
// message passes the gate; initialize needs a free session slot (503 with
// Retry-After otherwise); every other request of the pre-2026 protocol
// needs a session this server issued (400 without one, 404 for an unknown
// or expired one, so that the client opens a new session).
func streamableGuard(next http.Handler, ss *sessions, gate *rpcGate) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		modern := mcp.IsModernProtocol(r.Header.Get(mcp.HeaderProtocolVersion))
		switch r.Method {
		case http.MethodPost:
			a, rej := gate.admit(bodyBytes(r))
			if rej != nil {
				writeRPCError(w, http.StatusBadRequest, rej, "")
				return
			}
			modern = modern || modernParams(a.params)
			switch {
			case modern:
			case a.request && a.method == string(mcp.MethodInitialize):
				if !ss.reserve() {
					writeRPCError(w, http.StatusServiceUnavailable, &rpcError{ID: a.id, Code: codeInvalidRequest,
						Message: "server busy: no room for a new session (the limit, LEIGA_MCP_MAX_SESSIONS, is reached); retry later"}, sessionRetryAfter)
					return
				}
				defer ss.done()
			default:
				if !sessionKnown(w, r, ss, a.id) {
					return
				}
			}
			if a.token != "" {
				defer gate.forget(a.token)
				w = &restoringWriter{ResponseWriter: w, gate: gate}
			}
			setBody(r, a.out)
		case http.MethodGet, http.MethodDelete:
			if !modern && !sessionKnown(w, r, ss, nil) {
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// sessionKnown answers 400 for a request without a session id and 404 for
// an id this server did not issue or no longer knows.
func sessionKnown(w http.ResponseWriter, r *http.Request, ss *sessions, id json.RawMessage) bool {
	sid := r.Header.Get(server.HeaderKeySessionID)
	switch {
	case sid == "":
		writeRPCError(w, http.StatusBadRequest, &rpcError{ID: id, Code: codeInvalidRequest,
			Message: "Bad Request: no " + server.HeaderKeySessionID + " header; send initialize first to open a session"}, "")
		return false
	case !ss.known(sid):
		writeRPCError(w, http.StatusNotFound, &rpcError{ID: id, Code: codeInvalidRequest,
			Message: "session not found: it expired, was deleted or was never issued; send initialize to open a new one"}, "")
		return false
	}
	return true
}

// writeRPCError answers an HTTP request with status and a JSON-RPC error.
func writeRPCError(w http.ResponseWriter, status int, e *rpcError, retryAfter string) {
	w.Header().Set("Content-Type", "application/json")
	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	w.WriteHeader(status)
	_, _ = w.Write(append(e.reply(), '\n'))
}

// restoringWriter puts big request ids back into the reply (see rpcGate).
type restoringWriter struct {
	http.ResponseWriter
	gate *rpcGate
}

// Write implements http.ResponseWriter.
func (rw *restoringWriter) Write(p []byte) (int, error) {
	if _, err := rw.ResponseWriter.Write(rw.gate.restore(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush implements http.Flusher.
func (rw *restoringWriter) Flush() { _ = http.NewResponseController(rw.ResponseWriter).Flush() }

// Unwrap returns the wrapped writer, for http.ResponseController.
func (rw *restoringWriter) Unwrap() http.ResponseWriter { return rw.ResponseWriter }
