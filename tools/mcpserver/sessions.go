package mcpserver

import (
	"crypto/rand"
	"errors"
	"sync"
	"time"
)

// Session defaults.
const (
	DefaultMaxSessions = 1000
	DefaultSessionIdle = 10 * time.Minute
)

// sessionRetryAfter is the Retry-After, in seconds, of a refused session.
const sessionRetryAfter = "10"

// errUnknownSession is the answer for an id this server never issued, or
// one that expired or was deleted.
var errUnknownSession = errors.New("unknown or expired session")

// sessions bounds the live sessions of both HTTP transports: the
// streamable-HTTP sessions it issued (it is their mcp-go SessionIdManager,
// so an id it did not issue is refused) and the open legacy SSE streams.
type sessions struct {
	max     int
	mu      sync.Mutex
	live    map[string]struct{} // streamable-HTTP session ids
	pending int                 // initialize requests admitted, not yet done
	sse     int                 // open SSE streams
}

// newSessions returns room for max sessions (DefaultMaxSessions when <= 0).
func newSessions(max int) *sessions {
	if max <= 0 {
		max = DefaultMaxSessions
	}
	return &sessions{max: max, live: map[string]struct{}{}}
}

// Generate issues a session id. Only an initialize that reserve admitted
// reaches it.
func (s *sessions) Generate() string {
	id := "mcp-session-" + rand.Text()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live[id] = struct{}{}
	return id
}

// Validate accepts only the live ids this server issued.
func (s *sessions) Validate(id string) (isTerminated bool, err error) {
	if !s.known(id) {
		return false, errUnknownSession
	}
	return false, nil
}

// Terminate ends a session (DELETE, idle expiry or shutdown).
func (s *sessions) Terminate(id string) (isNotAllowed bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, id)
	return false, nil
}

// known reports whether id is a live session.
func (s *sessions) known(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.live[id]
	return ok
}

// reserve admits one initialize if there is room; done must follow.
func (s *sessions) reserve() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.countLocked() >= s.max {
		return false
	}
	s.pending++
	return true
}

// done ends an initialize admitted by reserve; the session it created, if
// any, is live by now.
func (s *sessions) done() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pending--
}

// openSSE admits one SSE stream if there is room; closeSSE must follow.
func (s *sessions) openSSE() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.countLocked() >= s.max {
		return false
	}
	s.sse++
	return true
}

// closeSSE ends an SSE stream admitted by openSSE.
func (s *sessions) closeSSE() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sse--
}

// count returns the live sessions of both transports.
func (s *sessions) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.countLocked()
}

func (s *sessions) countLocked() int { return len(s.live) + s.pending + s.sse }
