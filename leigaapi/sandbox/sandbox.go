package sandbox

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Credentials the /authorize endpoints accept, and a ready-made token. They
// belong to the seed's current user (Seed.CurrentUserID); ClientIDFor and
// StaticTokenFor give the other users theirs.
const (
	ClientID    = "sandbox-client" // accepted by the three /authorize endpoints
	Secret      = "sandbox-secret" // secretKey paired with ClientID and every ClientIDFor
	StaticToken = "sandbox-token"  // valid until RevokeTokens, while its user is active
)

// ClientIDFor returns the clientId of the seed user userID, paired with
// Secret on the /authorize endpoints: "sandbox-client-1002" for 1002. The
// tokens it obtains act as that user. The /authorize endpoints refuse it
// like a wrong clientId when the user is unknown, disabled or removed.
func ClientIDFor(userID int64) string { return ClientID + "-" + strconv.FormatInt(userID, 10) }

// StaticTokenFor returns the ready-made access token of the seed user
// userID: "sandbox-token-1002" for 1002. It acts as that user, is refused
// (HTTP 401) while the user is unknown, disabled or removed, and stops
// working at RevokeTokens like StaticToken.
func StaticTokenFor(userID int64) string { return StaticToken + "-" + strconv.FormatInt(userID, 10) }

// DefaultTokenTTL is the lifetime of issued access tokens when
// Options.TokenTTL is zero.
const DefaultTokenTTL = 2 * time.Hour

// apiPrefix is the production path prefix of the Open API.
const apiPrefix = "/openapi/api"

// Options configure a Sandbox. The zero value serves DemoSeed.
type Options struct {
	SeedFile string        // optional JSON file replacing the demo data (same shape as Seed)
	Seed     *Seed         // optional seed in code; wins over SeedFile
	TokenTTL time.Duration // lifetime of issued tokens; default DefaultTokenTTL
	// PermanentTokenTTL, when set, makes permanent tokens expire after it
	// (Leiga's docs show a 30-day expireIn); zero means they never do (-1).
	PermanentTokenTTL time.Duration
	Now               func() time.Time // clock; default time.Now
	Logger            *slog.Logger     // optional request log (debug level)
}

// Stats are request counters, for tests.
type Stats struct {
	Requests      map[string]int `json:"requests"`      // "POST /issue/add" -> count
	TokenRequests int            `json:"tokenRequests"` // /authorize calls that issued a token
}

// Sandbox is an in-memory Leiga Open API. It is safe for concurrent use.
type Sandbox struct {
	seed    *Seed
	now     func() time.Time
	ttl     time.Duration
	permTTL time.Duration
	log     *slog.Logger
	routes  map[string]map[string]*route // path -> method -> route

	mu     sync.Mutex // guards everything below
	st     *store
	faults faultState
	stats  Stats
}

// New returns a sandbox serving opts.Seed, opts.SeedFile or DemoSeed.
func New(opts Options) (*Sandbox, error) {
	seed := opts.Seed
	if seed == nil && opts.SeedFile != "" {
		var err error
		if seed, err = LoadSeed(opts.SeedFile); err != nil {
			return nil, err
		}
	}
	if seed == nil {
		seed = DemoSeed()
	}
	s := &Sandbox{now: opts.Now, ttl: opts.TokenTTL, permTTL: opts.PermanentTokenTTL, log: opts.Logger, routes: routeIndex()}
	if s.now == nil {
		s.now = time.Now
	}
	if s.ttl <= 0 {
		s.ttl = DefaultTokenTTL
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if s.seed, err = seed.clone(); err != nil {
		return nil, fmt.Errorf("sandbox seed: %w", err)
	}
	if err := s.Reset(); err != nil {
		return nil, err
	}
	return s, nil
}

// Reset puts the sandbox back to its initial state: the seed's data, no
// faults, zero stats, and only the static tokens (StaticToken and
// StaticTokenFor) valid.
func (s *Sandbox) Reset() error {
	st, err := newStore(s.seed)
	if err != nil {
		return fmt.Errorf("sandbox seed: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st = st
	s.faults = faultState{}
	s.stats = Stats{Requests: map[string]int{}}
	return nil
}

// RevokeTokens invalidates every issued token, StaticToken and every
// StaticTokenFor. New tokens can be fetched through /authorize.
func (s *Sandbox) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.tokens.revokeAll()
}

// Stats returns a copy of the request counters.
func (s *Sandbox) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Stats{Requests: maps.Clone(s.stats.Requests), TokenRequests: s.stats.TokenRequests}
}

// ServeHTTP serves the catalog paths, bare or under /openapi/api, and the
// /__sandbox/ admin endpoints.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			s.log.Error("sandbox handler panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			if !rec.wrote {
				writeEnvelope(rec, http.StatusInternalServerError, "500", "internal sandbox error", nil)
			}
		}
		s.log.Debug("sandbox request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "ms", time.Since(start).Milliseconds())
	}()
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(rec, r)
		return
	}
	path := apiPath(r.URL.Path)
	s.count(r.Method, path)
	if s.injectFault(rec, r, path) {
		return
	}
	byMethod, ok := s.routes[path]
	if !ok {
		writeEnvelope(rec, http.StatusNotFound, codeNotFound, fmt.Sprintf("no endpoint %s", path), nil)
		return
	}
	rt, ok := byMethod[r.Method]
	if !ok {
		rec.Header().Set("Allow", allowHeader(byMethod))
		writeEnvelope(rec, http.StatusMethodNotAllowed, "405", fmt.Sprintf("method %s not allowed on %s", r.Method, path), nil)
		return
	}
	c := newCall(r, rt)
	result, err := s.run(rt, c, r.Header.Get("accessToken"))
	writeResult(rec, result, err)
}

// run executes one API call under the state lock: token check (which
// names the calling user), then the parameter errors found while parsing,
// then the handler.
func (s *Sandbox) run(rt *route, c *call, token string) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.now = s.now()
	c.ttl = s.ttl
	c.permTTL = s.permTTL
	if !rt.public {
		me, ok := s.st.caller(token, c.now)
		if !ok {
			return nil, errUnauthorized
		}
		c.me = me
	}
	if c.err != nil {
		return nil, c.err
	}
	result, err := rt.handle(s.st, c)
	if err == nil && c.issuedToken {
		s.stats.TokenRequests++
	}
	return result, err
}

// count records one API request in the stats.
func (s *Sandbox) count(method, path string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests[method+" "+path]++
}

// apiPath strips the production prefix from an API path.
func apiPath(p string) string {
	if rest, ok := strings.CutPrefix(p, apiPrefix); ok && strings.HasPrefix(rest, "/") {
		return rest
	}
	return p
}

// statusRecorder remembers whether and with which status a response was
// started, for the panic guard and the log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

// WriteHeader records the status and forwards it.
func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

// Write starts the response with 200 when no status was set.
func (r *statusRecorder) Write(b []byte) (int, error) {
	if !r.wrote {
		r.WriteHeader(http.StatusOK)
	}
	return r.ResponseWriter.Write(b)
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
