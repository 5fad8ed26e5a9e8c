package mcpserver

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// Readiness timing.
const (
	// DefaultReadyTTL is how long a /readyz verdict is reused: probes from
	// every kubelet and load balancer cost Leiga one call per replica per
	// TTL at most.
	DefaultReadyTTL = 10 * time.Second
	// readyTimeout bounds one check, under the 5 s probe timeout of
	// deploy/kubernetes.
	readyTimeout = 4 * time.Second
)

// ReadyCheck says whether the server can do its work: Leiga reachable and
// the server's credentials valid (a token, then one cheap read).
type ReadyCheck func(ctx context.Context) error

// readiness serves /readyz: the verdict of check, reused for ttl. One
// check runs at a time; probes that arrive meanwhile wait for it.
type readiness struct {
	check ReadyCheck
	ttl   time.Duration
	now   func() time.Time
	log   *slog.Logger

	mu      sync.Mutex
	checked time.Time
	reason  string // "" when ready
}

// newReadiness returns the /readyz handler for check (nil: always ready).
func newReadiness(check ReadyCheck, ttl time.Duration, log *slog.Logger) *readiness {
	if ttl <= 0 {
		ttl = DefaultReadyTTL
	}
	return &readiness{check: check, ttl: ttl, now: time.Now, log: log}
}

// ServeHTTP answers 200 {"status":"ready"} or 503 {"status":"not ready",
// "reason":...}. The reason names the kind of failure only: never a URL,
// a client id, a token or Leiga's own words.
func (rd *readiness) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	reason := rd.verdict(r.Context())
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	body := map[string]string{"status": "ready"}
	status := http.StatusOK
	if reason != "" {
		body = map[string]string{"status": "not ready", "reason": reason}
		status = http.StatusServiceUnavailable
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// verdict returns the cached reason, checking again when it is older than
// the TTL. The check runs detached from the probe's own context, so a
// probe that gives up does not spoil the verdict for the next one.
func (rd *readiness) verdict(ctx context.Context) string {
	if rd.check == nil {
		return ""
	}
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if !rd.checked.IsZero() && rd.now().Sub(rd.checked) < rd.ttl {
		return rd.reason
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), readyTimeout)
	defer cancel()
	err := rd.check(cctx)
	rd.checked, rd.reason = rd.now(), ""
	if err != nil {
		rd.reason = notReadyReason(err)
		rd.log.Warn("not ready", "reason", rd.reason, "err", leigaapi.Redact(err.Error()))
	}
	return rd.reason
}

// notReadyReason words a failed check for an unauthenticated probe.
func notReadyReason(err error) string {
	e, ok := leigaapi.AsError(err)
	if !ok {
		return "the Leiga check failed"
	}
	switch e.Kind {
	case leigaapi.KindAuth:
		return "Leiga refused the server's credentials"
	case leigaapi.KindNetwork:
		return "cannot reach Leiga"
	case leigaapi.KindTimeout:
		return "Leiga did not answer in time"
	case leigaapi.KindHTTP:
		return fmt.Sprintf("Leiga answered HTTP %d", e.HTTPStatus)
	case leigaapi.KindEnvelope:
		if plainCode(e.Code) {
			return "Leiga answered with error code " + e.Code
		}
		return "Leiga answered with an error"
	}
	return "Leiga's answer was not understood"
}

// plainCode reports whether an envelope code is short letters and digits,
// safe to show whatever Leiga put in it.
func plainCode(code string) bool {
	if code == "" || len(code) > 12 {
		return false
	}
	for _, r := range code {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '-') {
			return false
		}
	}
	return true
}
