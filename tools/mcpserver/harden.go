package mcpserver

import (
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
)

// harden wraps h with the checks every request passes first: Host and
// Origin (DNS rebinding), the bearer token (all paths but the probes),
// the X-MCP-* narrowing headers,
// the body (size and read timeout), and a write timeout on the response.
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
		if cfg.AuthToken != "" && !probePath(r.URL.Path) && !bearerMatches(r.Header.Values("Authorization"), cfg.AuthToken) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="leiga-mcp"`)
			http.Error(w, "unauthorized: send Authorization: Bearer <LEIGA_MCP_AUTH_TOKEN>", http.StatusUnauthorized)
			return
		}
		r, ok := narrowRequest(w, r, cfg.Narrowing)
		if !ok {
			return
		}
		if !readBody(w, r, cfg.MaxBody, cfg.ReadTimeout) {
			return
		}
		dw := newDeadlineWriter(w, cfg.WriteTimeout)
		defer dw.finish()
		h.ServeHTTP(dw, r)
	})
}

// probePath reports whether path is a health probe, which needs no bearer
// token (kubelets and load balancers cannot send one) and reveals nothing
// sensitive.
func probePath(path string) bool { return path == "/healthz" || path == "/readyz" }

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
