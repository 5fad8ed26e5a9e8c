package sandbox

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Faults are switches that make the sandbox misbehave, for testing a
// client's error handling. The zero value turns every fault off.
type Faults struct {
	Latency    time.Duration // added before every answer
	Status     int           // when non-zero, answer this HTTP status (400-599; others mean 500) with an error envelope...
	Count      int           // ...for the next Count requests (0 = every request while set); also limits Truncate and NonJSON
	RetryAfter int           // seconds, sent as Retry-After with Status
	Truncate   bool          // answer a cut-off JSON body (valid start, missing end) with 200
	NonJSON    bool          // answer an HTML error page with 200 and Content-Type text/html
	PathPrefix string        // when non-empty, faults apply only to API paths starting with it (e.g. "/issue/")
}

// faultState is the current switches and how many failures they caused.
type faultState struct {
	f    Faults
	used int
}

// truncatedBody is the start of a plausible envelope, cut off.
const truncatedBody = `{"code":"0","msg":"success","data":{"total":12,"list":[{"id":10001,"summary":"Sign in wi`

// htmlErrorPage is what a misconfigured proxy answers.
const htmlErrorPage = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1><p>The upstream server is temporarily unavailable.</p></body></html>\n"

// SetFaults replaces the fault switches; SetFaults(Faults{}) turns them off.
func (s *Sandbox) SetFaults(f Faults) {
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		f.Status = http.StatusInternalServerError
	}
	f.Count = max(f.Count, 0)
	f.RetryAfter = max(f.RetryAfter, 0)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = faultState{f: f}
}

// injectFault applies the switches to a request for the API path path and
// reports whether it answered in the handler's place.
func (s *Sandbox) injectFault(w http.ResponseWriter, r *http.Request, path string) bool {
	s.mu.Lock()
	f := s.faults.f
	match := f.PathPrefix == "" || strings.HasPrefix(path, f.PathPrefix)
	fail := match && (f.Status != 0 || f.Truncate || f.NonJSON)
	if fail && f.Count > 0 {
		if s.faults.used >= f.Count {
			fail = false
		} else {
			s.faults.used++
		}
	}
	s.mu.Unlock()
	if !match {
		return false
	}
	sleep(r.Context(), f.Latency)
	if !fail {
		return false
	}
	switch {
	case f.Status != 0:
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		writeEnvelope(w, f.Status, strconv.Itoa(f.Status), http.StatusText(f.Status), nil)
	case f.NonJSON:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(htmlErrorPage))
	default:
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(truncatedBody))
	}
	return true
}
