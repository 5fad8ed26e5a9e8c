package leigaapi

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// retryDelay decides whether a failed attempt may be resent and how long to
// wait first. sent is false when the request never left this machine.
func (c *Client) retryDelay(err *Error, sent, idempotent bool, attempt int) (time.Duration, bool) {
	if attempt >= c.attempts || err.Lasting {
		return 0, false
	}
	retry := false
	switch {
	case err.HTTPStatus == http.StatusTooManyRequests || err.HTTPStatus == http.StatusServiceUnavailable:
		retry = true // the server refused the request without acting on it
	case err.Kind == KindNetwork && !sent:
		retry = true // the connection could not be made
	case idempotent && err.Kind == KindHTTP && err.HTTPStatus >= 500:
		retry = true
	case idempotent && (err.Kind == KindNetwork || err.Kind == KindDecode):
		retry = true
	}
	if !retry {
		return 0, false
	}
	if err.retryAfter > 0 {
		return min(err.retryAfter, c.retryAfter), true
	}
	return c.backoff(attempt), true
}

// jitteredBackoff is full-jitter exponential backoff: a random wait up to
// 200ms·2^(attempt-1), capped at 3s.
func jitteredBackoff(attempt int) time.Duration {
	ceiling := min(200*time.Millisecond<<(attempt-1), 3*time.Second)
	return time.Duration(rand.Int64N(int64(ceiling))) + time.Millisecond
}

// parseRetryAfter reads a Retry-After header in seconds or HTTP-date form.
func parseRetryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}
