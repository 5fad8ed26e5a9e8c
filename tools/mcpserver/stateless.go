package mcpserver

import (
	"net/http"

	"github.com/mark3labs/mcp-go/server"
)

// Stateless mode: mcp-go's WithStateLess, where initialize issues no
// session id and every POST to /mcp is served on its own, so any replica
// behind a load balancer can answer any request. What needs a session is
// off, with an answer that says so:
//
//   - GET /mcp (the standalone event stream) and DELETE /mcp (ending a
//     session) get 405: there is no stream to listen to and no session to
//     end;
//   - the legacy HTTP+SSE transport (/sse, /message) gets 404: its session
//     and its event stream live in one process;
//   - a request needs no initialize first (there is nothing to
//     initialize), a session id sent is ignored, and the session limit does
//     not apply; every other limit does.

// statelessGuard checks /mcp requests in stateless mode: the message
// passes the gate, a session id header is dropped (it names nothing), and
// only POST (and HEAD) reach mcp-go.
func statelessGuard(next http.Handler, gate *rpcGate) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodPost:
			a, rej := gate.admit(bodyBytes(r))
			if rej != nil {
				writeRPCError(w, http.StatusBadRequest, rej, "")
				return
			}
			if a.token != "" {
				defer gate.forget(a.token)
				w = &restoringWriter{ResponseWriter: w, gate: gate}
			}
			r.Header.Del(server.HeaderKeySessionID)
			setBody(r, a.out)
		case http.MethodGet, http.MethodDelete:
			w.Header().Set("Allow", "POST")
			http.Error(w, "method not allowed: this server is stateless (--stateless): it keeps no sessions, so there is no event stream to open (GET) and no session to end (DELETE); send each request with POST", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// legacySSEOff answers /sse and /message in stateless mode.
func legacySSEOff(w http.ResponseWriter, _ *http.Request) {
	http.Error(w, "not found: the legacy HTTP+SSE transport (/sse, /message) is off because this server is stateless (--stateless): an SSE session lives in one process; connect to /mcp (streamable HTTP) instead", http.StatusNotFound)
}
