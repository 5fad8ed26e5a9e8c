package leigaapi

import "time"

// Exchange is one HTTP request a Client sent to Leiga and how it ended,
// as an Observer sees it.
type Exchange struct {
	Method string // GET, POST, PATCH, DELETE
	// Path is the endpoint path relative to the base URL ("/issue/get"),
	// never the query string, which may hold ids or names.
	Path string
	// Status is the HTTP status, or 0 when no response arrived (the
	// connection failed, the call timed out or was cancelled).
	Status   int
	Duration time.Duration
}

// Observer is told of every HTTP exchange a Client makes: each attempt,
// retries and /authorize calls included. It runs on the calling goroutine,
// so it must be quick and safe for concurrent use (a metrics counter).
type Observer func(Exchange)
