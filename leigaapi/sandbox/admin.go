package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// adminPrefix is the namespace of the admin endpoints.
const adminPrefix = "/__sandbox/"

// adminRoute is one admin endpoint.
type adminRoute struct {
	method string
	serve  func(s *Sandbox, r *http.Request) (any, error)
}

// adminRoutes are the endpoints documented in the package comment.
var adminRoutes = map[string]adminRoute{
	adminPrefix + "faults": {http.MethodPost, (*Sandbox).adminFaults},
	adminPrefix + "revoke": {http.MethodPost, (*Sandbox).adminRevoke},
	adminPrefix + "stats":  {http.MethodGet, (*Sandbox).adminStats},
	adminPrefix + "reset":  {http.MethodPost, (*Sandbox).adminReset},
}

// faultsJSON is the wire form of Faults, with the latency in milliseconds.
type faultsJSON struct {
	LatencyMs  int64  `json:"latencyMs"`
	Status     int    `json:"status"`
	Count      int    `json:"count"`
	RetryAfter int    `json:"retryAfter"`
	Truncate   bool   `json:"truncate"`
	NonJSON    bool   `json:"nonJson"`
	PathPrefix string `json:"pathPrefix"`
}

// serveAdmin answers the /__sandbox/ endpoints.
func (s *Sandbox) serveAdmin(w http.ResponseWriter, r *http.Request) {
	rt, ok := adminRoutes[r.URL.Path]
	switch {
	case !ok:
		writeEnvelope(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("no endpoint %s", r.URL.Path), nil)
	case r.Method != rt.method:
		w.Header().Set("Allow", rt.method)
		writeEnvelope(w, http.StatusMethodNotAllowed, "405", fmt.Sprintf("method %s not allowed on %s", r.Method, r.URL.Path), nil)
	default:
		result, err := rt.serve(s, r)
		writeResult(w, result, err)
	}
}

// adminFaults replaces the fault switches.
func (s *Sandbox) adminFaults(r *http.Request) (any, error) {
	var fj faultsJSON
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxJSONBody))
	if err != nil {
		return nil, badRequest("cannot read request body")
	}
	if len(bytes.TrimSpace(raw)) > 0 {
		var te *json.UnmarshalTypeError
		if err := json.Unmarshal(raw, &fj); errors.As(err, &te) {
			return nil, badRequest("%s", typeError("faults", fj, err))
		} else if err != nil {
			return nil, badRequest("malformed JSON body: %v", err)
		}
	}
	if fj.LatencyMs < 0 || fj.LatencyMs > int64(time.Hour/time.Millisecond) {
		return nil, badRequest("latencyMs must be between 0 and 3600000")
	}
	if fj.Status != 0 && (fj.Status < 400 || fj.Status > 599) {
		return nil, badRequest("status must be between 400 and 599")
	}
	s.SetFaults(Faults{
		Latency:    time.Duration(fj.LatencyMs) * time.Millisecond,
		Status:     fj.Status,
		Count:      fj.Count,
		RetryAfter: fj.RetryAfter,
		Truncate:   fj.Truncate,
		NonJSON:    fj.NonJSON,
		PathPrefix: fj.PathPrefix,
	})
	return fj, nil
}

// adminRevoke invalidates every token.
func (s *Sandbox) adminRevoke(*http.Request) (any, error) {
	s.RevokeTokens()
	return done, nil
}

// adminStats answers the request counters.
func (s *Sandbox) adminStats(*http.Request) (any, error) {
	return s.Stats(), nil
}

// adminReset restores the initial state.
func (s *Sandbox) adminReset(*http.Request) (any, error) {
	if err := s.Reset(); err != nil {
		return nil, err
	}
	return done, nil
}
