package leigaapi

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrorKind classifies why a Leiga call failed.
type ErrorKind string

// The kinds of failure a call can end in.
const (
	KindEnvelope ErrorKind = "envelope" // HTTP 2xx, envelope code other than "0"
	KindHTTP     ErrorKind = "http"     // non-2xx HTTP status
	KindDecode   ErrorKind = "decode"   // body is not the JSON envelope
	KindTooLarge ErrorKind = "too_large"
	KindTimeout  ErrorKind = "timeout"
	KindNetwork  ErrorKind = "network"
	KindAuth     ErrorKind = "auth" // credentials rejected after one renewal
)

// Error is a failed Leiga call. It never carries the access token.
type Error struct {
	Kind       ErrorKind
	Method     string
	Path       string
	HTTPStatus int    // 0 when no response arrived
	Code       string // Leiga's envelope code, "" when there was none
	Message    string // Leiga's msg, or a description of the failure
	Attempts   int    // how many times the request was sent
	Err        error  // underlying cause, if any
	// Lasting marks a failure that trying again cannot mend (the host does
	// not resolve, nothing listens there, the base URL serves something
	// else): it is not retried, and says what to fix.
	Lasting bool

	retryAfter time.Duration // from the Retry-After header
}

// WrongBaseURL reports a reply that does not come from the Leiga Open API:
// a 404 or 405 for a path it serves, or a body that is not its envelope.
// Such a failure is the base URL's, not the credentials'.
func WrongBaseURL(err error) bool {
	e, ok := AsError(err)
	if !ok {
		return false
	}
	switch {
	case e.HTTPStatus == 404 || e.HTTPStatus == 405:
		return true
	case e.Kind == KindEnvelope && e.Code == "404":
		return true
	case e.Kind == KindDecode && e.HTTPStatus/100 == 2:
		return true
	}
	return false
}

// Error renders the failure for a person or a model:
// "Leiga POST /issue/add failed: code 10010: Project not found (HTTP 200)".
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Leiga %s %s failed: ", e.Method, e.Path)
	switch e.Kind {
	case KindEnvelope, KindAuth:
		if e.Code != "" {
			fmt.Fprintf(&b, "code %s: ", e.Code)
		}
		b.WriteString(e.Message)
	case KindHTTP:
		fmt.Fprintf(&b, "HTTP %d", e.HTTPStatus)
		if e.Code != "" {
			fmt.Fprintf(&b, ", code %s", e.Code)
		}
		if e.Message != "" {
			b.WriteString(": " + e.Message)
		}
	default:
		b.WriteString(e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// AsError returns err as a *Error when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// authFailureCodes are envelope codes that mean the access token is missing,
// invalid or expired. Leiga publishes no code list; these are the codes its
// gateway and the sandbox use, and "401" mirrors the HTTP status.
var authFailureCodes = map[string]bool{"401": true, "10401": true, "40001": true, "40100": true}

// IsAuthFailure reports whether err means Leiga rejected the access token:
// HTTP 401, or an envelope whose code or message says the token is invalid.
func IsAuthFailure(err error) bool {
	e, ok := AsError(err)
	if !ok {
		return false
	}
	if e.Kind == KindAuth || e.HTTPStatus == 401 || authFailureCodes[e.Code] {
		return true
	}
	if e.Kind != KindEnvelope && e.Kind != KindHTTP {
		return false
	}
	msg := strings.ToLower(e.Message)
	return strings.Contains(msg, "token") &&
		(strings.Contains(msg, "invalid") || strings.Contains(msg, "expired") || strings.Contains(msg, "illegal"))
}
