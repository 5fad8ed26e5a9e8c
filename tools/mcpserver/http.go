package mcpserver

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// HTTP defaults.
const (
	DefaultAddr    = "127.0.0.1:8080"
	MaxRequestBody = 4 << 20
)

// HTTPConfig configures the HTTP transports. Zero limits take their
// defaults.
type HTTPConfig struct {
	Addr           string // host:port to listen on
	Streamable     bool   // serve streamable HTTP at /mcp as well as SSE
	AuthToken      string // when set, every request needs "Authorization: Bearer <AuthToken>"
	AllowedOrigins []string
	// Narrowing names what the X-MCP-* headers may ask for; nil refuses
	// the headers.
	Narrowing *NarrowingNames

	MaxBody      int64         // largest request body (MaxRequestBody)
	MaxSessions  int           // live sessions, streamable and SSE together (DefaultMaxSessions)
	SessionIdle  time.Duration // idle streamable sessions expire after this (DefaultSessionIdle)
	MaxConns     int           // open client connections (DefaultMaxConns, lowered to fit the open-file limit)
	ReadTimeout  time.Duration // to receive a request's headers and body (DefaultReadTimeout)
	IdleTimeout  time.Duration // a keep-alive connection's wait for its next request (DefaultIdleTimeout)
	WriteTimeout time.Duration // one write to a client that makes no progress (DefaultWriteTimeout)

	// Stateless serves streamable HTTP without sessions, so that any
	// replica can answer any request (see stateless.go); the legacy SSE
	// endpoints are off. It needs Streamable.
	Stateless bool
	// Ready is the /readyz check (nil: always ready); its verdict is
	// reused for ReadyTTL (DefaultReadyTTL).
	Ready    ReadyCheck
	ReadyTTL time.Duration
	// Metrics, when set, are served at /metrics behind AuthToken, or on
	// their own listener at MetricsAddr (ServeHTTP) when that is set.
	Metrics     *Metrics
	MetricsAddr string

	// ContextFunc adds per-request values (credentials) to the context
	// tool handlers see.
	ContextFunc func(ctx context.Context, r *http.Request) context.Context
	Logger      *slog.Logger
}

// withDefaults fills the zero limits.
func (cfg HTTPConfig) withDefaults() HTTPConfig {
	set := func(d *time.Duration, def time.Duration) {
		if *d <= 0 {
			*d = def
		}
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = MaxRequestBody
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.MaxConns <= 0 {
		cfg.MaxConns = DefaultMaxConns
	}
	set(&cfg.SessionIdle, DefaultSessionIdle)
	set(&cfg.ReadTimeout, DefaultReadTimeout)
	set(&cfg.IdleTimeout, DefaultIdleTimeout)
	set(&cfg.WriteTimeout, DefaultWriteTimeout)
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return cfg
}

// CheckBind refuses a listen address that is not loopback unless an auth
// token protects it.
func CheckBind(addr, authToken string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid --addr %q: want host:port, e.g. %s", addr, DefaultAddr)
	}
	if isLoopback(host) || authToken != "" {
		return nil
	}
	return fmt.Errorf("refusing to listen on %s, which is not a loopback address, without LEIGA_MCP_AUTH_TOKEN: set it so that clients must send \"Authorization: Bearer <token>\", or bind 127.0.0.1", addr)
}

// Handler returns the hardened HTTP handler for s: streamable HTTP at /mcp
// (when cfg.Streamable), legacy SSE at /sse and /message (unless
// cfg.Stateless), /healthz, /readyz, and /metrics (when cfg.Metrics is set
// and cfg.MetricsAddr is not). The returned close function ends every open
// session.
func Handler(s *server.MCPServer, cfg HTTPConfig) (http.Handler, func(context.Context) error) {
	h, closeAll, _ := newHandler(s, cfg.withDefaults())
	return h, closeAll
}

// newHandler builds the handler for a configuration with its defaults, and
// returns the session registry too.
func newHandler(s *server.MCPServer, cfg HTTPConfig) (http.Handler, func(context.Context) error, *sessions) {
	ctxFunc := cfg.ContextFunc
	if ctxFunc == nil {
		ctxFunc = func(ctx context.Context, _ *http.Request) context.Context { return ctx }
	}
	ss := newSessions(cfg.MaxSessions)
	mux := http.NewServeMux()
	var closers []func(context.Context) error
	if cfg.Stateless {
		mux.HandleFunc("/sse", legacySSEOff)
		mux.HandleFunc("/message", legacySSEOff)
	} else {
		streams := newSSEStreams()
		sse := server.NewSSEServer(s,
			server.WithSSEEndpoint("/sse"),
			server.WithMessageEndpoint("/message"),
			server.WithUseFullURLForMessageEndpoint(false),
			server.WithKeepAlive(true),
			server.WithSSEContextFunc(ctxFunc),
			server.WithSessionIDGenerator(streams.sessionID),
		)
		mux.Handle("/sse", streams.streamGuard(sse, ss))
		mux.Handle("/message", streams.messageGuard(sse))
		closers = append(closers, sse.Shutdown)
	}
	if cfg.Streamable {
		opts := []server.StreamableHTTPOption{
			server.WithEndpointPath("/mcp"),
			server.WithHTTPContextFunc(ctxFunc),
			server.WithStreamableHTTPLogger(cfg.Logger),
		}
		var guarded http.Handler
		if cfg.Stateless {
			streamable := server.NewStreamableHTTPServer(s, append(opts, server.WithStateLess(true))...)
			guarded = statelessGuard(streamable, newRPCGate(false))
			closers = append(closers, streamable.Shutdown)
		} else {
			streamable := server.NewStreamableHTTPServer(s, append(opts,
				server.WithSessionIdManager(ss), server.WithSessionIdleTTL(cfg.SessionIdle))...)
			guarded = streamableGuard(streamable, ss, newRPCGate(false))
			closers = append(closers, streamable.Shutdown)
		}
		mux.Handle("/mcp", guarded)
	}
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "ok\n")
	})
	mux.Handle("/readyz", newReadiness(cfg.Ready, cfg.ReadyTTL, cfg.Logger))
	if cfg.Metrics != nil && cfg.MetricsAddr == "" {
		mux.Handle("/metrics", cfg.Metrics.Handler())
	}
	closeAll := func(ctx context.Context) error {
		var errs []error
		for _, c := range closers {
			errs = append(errs, c(ctx))
		}
		return errors.Join(errs...)
	}
	return cfg.Metrics.inFlight(harden(mux, cfg)), closeAll, ss
}

// HTTPServer is the MCP HTTP server with every limit applied: sessions,
// connections, timeouts, body size.
type HTTPServer struct {
	cfg      HTTPConfig
	srv      *http.Server
	sessions *sessions
	closeAll func(context.Context) error
	conns    atomic.Pointer[connLimiter] // set by Serve
}

// NewHTTPServer returns the server for s and cfg; Serve runs it.
func NewHTTPServer(s *server.MCPServer, cfg HTTPConfig) *HTTPServer {
	cfg = cfg.withDefaults()
	h, closeAll, ss := newHandler(s, cfg)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(cfg.ReadTimeout, maxHeaderTimeout),
		IdleTimeout:       cfg.IdleTimeout,
		ErrorLog:          ErrorLog(cfg.Logger),
	}
	return &HTTPServer{cfg: cfg, srv: srv, sessions: ss, closeAll: closeAll}
}

// Serve accepts connections on ln, at most cfg.MaxConns at once, until ctx
// is done, then shuts down gracefully.
func (h *HTTPServer) Serve(ctx context.Context, ln net.Listener) error {
	conns := newConnLimiter(ln, connCap(h.cfg.MaxConns, h.cfg.Logger), h.cfg.Logger)
	h.conns.Store(conns)
	h.srv.ConnState = conns.connState
	return Serve(ctx, conns, h.srv, func(ctx context.Context) { h.closeAll(ctx) })
}

// ErrorLog returns a log.Logger for http.Server.ErrorLog that writes
// through l at warn level, so that net/http's own messages get the
// configured format and redaction.
func ErrorLog(l *slog.Logger) *log.Logger {
	return slog.NewLogLogger(l.Handler(), slog.LevelWarn)
}

// ServeHTTP listens on cfg.Addr (and on cfg.MetricsAddr for the metrics,
// when set) until ctx is done, then shuts down gracefully, giving open
// requests up to 10 seconds.
func ServeHTTP(ctx context.Context, s *server.MCPServer, cfg HTTPConfig) error {
	if err := CheckBind(cfg.Addr, cfg.AuthToken); err != nil {
		return err
	}
	separateMetrics := cfg.Metrics != nil && cfg.MetricsAddr != ""
	if separateMetrics {
		if err := CheckBind(cfg.MetricsAddr, cfg.AuthToken); err != nil {
			return fmt.Errorf("metrics: %w", err)
		}
	}
	hs := NewHTTPServer(s, cfg)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	paths := "/sse and /message"
	switch {
	case cfg.Streamable && cfg.Stateless:
		paths = "/mcp (streamable HTTP, stateless)"
	case cfg.Streamable:
		paths = "/mcp (streamable HTTP), " + paths
	}
	if !separateMetrics {
		hs.cfg.Logger.Info("listening", "addr", ln.Addr().String(), "paths", paths)
		return hs.Serve(ctx, ln)
	}
	mln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		ln.Close()
		return fmt.Errorf("listen on %s for the metrics: %w", cfg.MetricsAddr, err)
	}
	hs.cfg.Logger.Info("listening", "addr", ln.Addr().String(), "paths", paths, "metrics", mln.Addr().String()+"/metrics")
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	merr := make(chan error, 1)
	go func() {
		err := serveMetrics(ctx, mln, hs.cfg)
		cancel() // the metrics listener failing stops the server too
		merr <- err
	}()
	err = hs.Serve(ctx, ln)
	cancel()
	return errors.Join(err, ignoreClosed(<-merr))
}

// ignoreClosed drops the error of a server that was shut down.
func ignoreClosed(err error) error {
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Serve runs srv on ln until ctx is done, then shuts it down gracefully:
// beforeShutdown (if set) runs first, and open requests get up to 10 seconds.
func Serve(ctx context.Context, ln net.Listener, srv *http.Server, beforeShutdown func(context.Context)) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if beforeShutdown != nil {
		beforeShutdown(shutdownCtx)
	}
	return srv.Shutdown(shutdownCtx)
}
