package mcpserver

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxConns is how many client connections the HTTP server keeps open.
const DefaultMaxConns = 1000

// fdReserve is how many file descriptors the connection cap leaves for
// everything else (upstream connections, files, the listener).
const fdReserve = 128

// maxRejecting bounds the goroutines answering refused connections.
const maxRejecting = 32

// connLimiter is a listener that keeps at most max connections open. When
// it is full, a new connection takes the place of the connection that has
// been idle longest (never sent a request, or between keep-alive requests);
// when none is idle, the new one is answered 503 with Retry-After and
// closed. Accept never blocks on the limit, so idle connections cannot
// starve a client that has something to send.
type connLimiter struct {
	net.Listener
	max       int
	log       *slog.Logger
	mu        sync.Mutex
	conns     map[net.Conn]*connInfo
	rejecting chan struct{}
	lastWarn  atomic.Int64 // unix seconds of the last warning
}

// connInfo is a connection's HTTP state and since when it is in it.
type connInfo struct {
	state http.ConnState
	since time.Time
}

// newConnLimiter wraps ln; srv.ConnState must call its connState.
func newConnLimiter(ln net.Listener, max int, log *slog.Logger) *connLimiter {
	return &connLimiter{Listener: ln, max: max, log: log, conns: map[net.Conn]*connInfo{}, rejecting: make(chan struct{}, maxRejecting)}
}

// Accept returns the next connection admitted under the limit.
func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.admit(c) {
			return c, nil
		}
		l.reject(c)
	}
}

// admit makes room for c, closing the longest-idle connection if the
// limiter is full; false when every connection is busy.
func (l *connLimiter) admit(c net.Conn) bool {
	l.mu.Lock()
	var victim net.Conn
	if len(l.conns) >= l.max {
		var oldest time.Time
		for vc, info := range l.conns {
			if (info.state == http.StateNew || info.state == http.StateIdle) && (victim == nil || info.since.Before(oldest)) {
				victim, oldest = vc, info.since
			}
		}
		if victim == nil {
			l.mu.Unlock()
			return false
		}
		delete(l.conns, victim)
	}
	l.conns[c] = &connInfo{state: http.StateNew, since: time.Now()}
	l.mu.Unlock()
	if victim != nil {
		victim.Close()
		l.warn("connection limit reached: closed the longest-idle connection", victim.RemoteAddr())
	}
	return true
}

// connState tracks the connections' states; set it as http.Server.ConnState.
func (l *connLimiter) connState(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateClosed, http.StateHijacked:
		delete(l.conns, c)
	default:
		if info, ok := l.conns[c]; ok {
			info.state, info.since = state, time.Now()
		}
	}
}

// open returns how many connections are open.
func (l *connLimiter) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// reject answers c 503 with Retry-After and closes it, off the accept loop.
func (l *connLimiter) reject(c net.Conn) {
	l.warn("connection limit reached and every connection busy: refused a connection", c.RemoteAddr())
	select {
	case l.rejecting <- struct{}{}:
	default:
		c.Close()
		return
	}
	go func() {
		defer func() { <-l.rejecting }()
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(time.Second))
		// Read the request's headers first: a client gets the answer to
		// what it sent, not a reply it never asked for.
		br := bufio.NewReader(io.LimitReader(c, 64<<10))
		if _, err := http.ReadRequest(br); err != nil {
			return
		}
		body := fmt.Sprintf("server busy: %d connections open (the limit, LEIGA_MCP_MAX_CONNS); retry shortly\n", l.max)
		_, _ = fmt.Fprintf(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		if tc, ok := c.(*net.TCPConn); ok {
			// Read what else the client sent so that closing does not reset
			// the connection before it reads the answer.
			_ = tc.CloseWrite()
			_, _ = io.Copy(io.Discard, br)
		}
	}()
}

// warn logs a limit event at most once every 10 seconds.
func (l *connLimiter) warn(msg string, remote net.Addr) {
	now := time.Now().Unix()
	last := l.lastWarn.Load()
	if now-last < 10 || !l.lastWarn.CompareAndSwap(last, now) {
		return
	}
	l.log.Warn(msg, "limit", l.max, "remote", remote.String())
}

// connCap is the connection limit actually applied: max, lowered to what
// the process's open-file limit allows.
func connCap(limit int, log *slog.Logger) int {
	if limit <= 0 {
		limit = DefaultMaxConns
	}
	if files := openFileLimit(); files > 0 && limit > files-fdReserve {
		lowered := max(files-fdReserve, 16)
		log.Warn("connection limit lowered to fit the open-file limit", "asked", limit, "limit", lowered, "open_files", files)
		return lowered
	}
	return limit
}
