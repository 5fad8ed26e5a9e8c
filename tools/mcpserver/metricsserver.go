package mcpserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// metricsHandler serves /metrics alone, for the listener at
// HTTPConfig.MetricsAddr. The Host header is checked as on the main
// listener; the bearer token is required unless the listener is on
// loopback (a scraper beside the server), and CheckBind has already
// refused any other address without a token.
func metricsHandler(m *Metrics, addr, token string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", m.Handler())
	host, _, _ := net.SplitHostPort(addr)
	needToken := token != "" && !isLoopback(host)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r) {
			http.Error(w, fmt.Sprintf("forbidden: Host %q is not allowed for a server bound to loopback", r.Host), http.StatusForbidden)
			return
		}
		if needToken && !bearerMatches(r.Header.Values("Authorization"), token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leiga-mcp"`)
			http.Error(w, "unauthorized: send Authorization: Bearer <LEIGA_MCP_AUTH_TOKEN>", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// serveMetrics serves the metrics listener on ln until ctx is done.
func serveMetrics(ctx context.Context, ln net.Listener, cfg HTTPConfig) error {
	srv := &http.Server{
		Handler:           metricsHandler(cfg.Metrics, cfg.MetricsAddr, cfg.AuthToken),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       cfg.IdleTimeout,
		WriteTimeout:      cfg.WriteTimeout,
		ErrorLog:          ErrorLog(cfg.Logger),
	}
	return Serve(ctx, ln, srv, nil)
}
