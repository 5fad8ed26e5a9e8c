package mcpserver

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// HTTP defaults.
const (
	DefaultAddr        = "127.0.0.1:8080"
	MaxRequestBody     = 4 << 20
	DefaultSessionIdle = 30 * time.Minute
)

// HTTPConfig configures the HTTP transports.
type HTTPConfig struct {
	Addr           string // host:port to listen on
	Streamable     bool   // serve streamable HTTP at /mcp as well as SSE
	AuthToken      string // when set, every request needs "Authorization: Bearer <AuthToken>"
	AllowedOrigins []string
	// Narrowing names what the X-MCP-* headers may ask for; nil refuses
	// the headers.
	Narrowing   *NarrowingNames
	MaxBody     int64         // default MaxRequestBody
	SessionIdle time.Duration // idle streamable sessions expire after this
	// ContextFunc adds per-request values (credentials) to the context
	// tool handlers see.
	ContextFunc func(ctx context.Context, r *http.Request) context.Context
	Logger      *slog.Logger
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
// (when cfg.Streamable), legacy SSE at /sse and /message, and /healthz.
// The returned close function ends every open session.
func Handler(s *server.MCPServer, cfg HTTPConfig) (http.Handler, func(context.Context) error) {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = MaxRequestBody
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = DefaultSessionIdle
	}
	ctxFunc := cfg.ContextFunc
	if ctxFunc == nil {
		ctxFunc = func(ctx context.Context, _ *http.Request) context.Context { return ctx }
	}
	mux := http.NewServeMux()
	sse := server.NewSSEServer(s,
		server.WithSSEEndpoint("/sse"),
		server.WithMessageEndpoint("/message"),
		server.WithUseFullURLForMessageEndpoint(false),
		server.WithKeepAlive(true),
		server.WithSSEContextFunc(ctxFunc),
	)
	mux.Handle("/sse", sse)
	mux.Handle("/message", sse)
	closers := []func(context.Context) error{sse.Shutdown}
	if cfg.Streamable {
		opts := []server.StreamableHTTPOption{
			server.WithEndpointPath("/mcp"),
			server.WithSessionIdleTTL(cfg.SessionIdle),
			server.WithHTTPContextFunc(ctxFunc),
		}
		if cfg.Logger != nil {
			opts = append(opts, server.WithStreamableHTTPLogger(cfg.Logger))
		}
		streamable := server.NewStreamableHTTPServer(s, opts...)
		mux.Handle("/mcp", streamable)
		closers = append(closers, streamable.Shutdown)
	}
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		io.WriteString(w, "ok\n")
	})
	closeAll := func(ctx context.Context) error {
		var errs []error
		for _, c := range closers {
			errs = append(errs, c(ctx))
		}
		return errors.Join(errs...)
	}
	return harden(mux, cfg), closeAll
}

// harden wraps h with the checks every request passes first: Host and
// Origin (DNS rebinding), the bearer token, the X-MCP-* narrowing headers,
// and the body size cap.
func harden(h http.Handler, cfg HTTPConfig) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r) {
			http.Error(w, fmt.Sprintf("forbidden: Host %q is not allowed for a server bound to loopback", r.Host), http.StatusForbidden)
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !originAllowed(origin, cfg.AllowedOrigins) {
			http.Error(w, fmt.Sprintf("forbidden: Origin %q is not allowed (set LEIGA_MCP_ALLOWED_ORIGINS to allow it)", origin), http.StatusForbidden)
			return
		}
		if cfg.AuthToken != "" && r.URL.Path != "/healthz" && !bearerMatches(r.Header.Values("Authorization"), cfg.AuthToken) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leiga-mcp"`)
			http.Error(w, "unauthorized: send Authorization: Bearer <LEIGA_MCP_AUTH_TOKEN>", http.StatusUnauthorized)
			return
		}
		r, ok := narrowRequest(w, r, cfg.Narrowing)
		if !ok {
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			if r.ContentLength > cfg.MaxBody {
				http.Error(w, fmt.Sprintf("request body larger than %d bytes", cfg.MaxBody), http.StatusRequestEntityTooLarge)
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, cfg.MaxBody+1))
			if err != nil {
				http.Error(w, "cannot read request body", http.StatusBadRequest)
				return
			}
			if int64(len(body)) > cfg.MaxBody {
				http.Error(w, fmt.Sprintf("request body larger than %d bytes", cfg.MaxBody), http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		h.ServeHTTP(w, r)
	})
}

// hostAllowed rejects a non-loopback Host header on a loopback listener.
func hostAllowed(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok || local == nil {
		return true
	}
	lhost, _, err := net.SplitHostPort(local.String())
	if err != nil || !isLoopback(lhost) {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return isLoopback(host)
}

// originAllowed accepts loopback origins and the configured ones.
func originAllowed(origin string, allowed []string) bool {
	if slices.Contains(allowed, origin) || slices.Contains(allowed, "*") {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	return isLoopback(u.Hostname())
}

// bearerMatches reports whether the one Authorization header is "Bearer
// <token>", the scheme in any case (RFC 7235), the token compared in
// constant time.
func bearerMatches(headers []string, token string) bool {
	if len(headers) != 1 {
		return false
	}
	scheme, got, ok := strings.Cut(strings.TrimSpace(headers[0]), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}

func isLoopback(host string) bool {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// ServeHTTP listens on cfg.Addr until ctx is done, then shuts down
// gracefully, giving open requests up to 10 seconds.
func ServeHTTP(ctx context.Context, s *server.MCPServer, cfg HTTPConfig) error {
	if err := CheckBind(cfg.Addr, cfg.AuthToken); err != nil {
		return err
	}
	h, closeSessions := Handler(s, cfg)
	srv := &http.Server{Addr: cfg.Addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.Logger != nil {
		paths := "/sse and /message"
		if cfg.Streamable {
			paths = "/mcp (streamable HTTP), " + paths
		}
		cfg.Logger.Info("listening", "addr", ln.Addr().String(), "paths", paths)
	}
	return Serve(ctx, ln, srv, func(ctx context.Context) { closeSessions(ctx) })
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
