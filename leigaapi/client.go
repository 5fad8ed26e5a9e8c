package leigaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// DefaultBaseURL is the production Leiga Open API.
const DefaultBaseURL = "https://app.leiga.com/openapi/api"

// Defaults for Options fields left zero.
const (
	DefaultTimeout          = 30 * time.Second
	DefaultMaxResponseBytes = 16 << 20
	DefaultMaxAttempts      = 3
	DefaultMaxRetryAfter    = 10 * time.Second
)

// Options configure a Client. Zero values take the defaults above.
type Options struct {
	BaseURL          string        // default DefaultBaseURL; a trailing slash is fine
	Tokens           TokenSource   // supplies the accessToken header
	Timeout          time.Duration // whole call, retries included
	MaxResponseBytes int64         // larger bodies fail with KindTooLarge
	MaxAttempts      int           // sends per call, first one included
	MaxRetryAfter    time.Duration // cap on an honoured Retry-After
	HTTPClient       *http.Client  // default: pooled transport, proxy from environment
	Logger           *slog.Logger
	UserAgent        string
	// Observer, when set, is told of every HTTP exchange (metrics).
	Observer Observer
}

// Client calls the Leiga Open API. It is safe for concurrent use.
type Client struct {
	base       *url.URL
	tokens     TokenSource
	http       *http.Client
	timeout    time.Duration
	maxBody    int64
	attempts   int
	retryAfter time.Duration
	log        *slog.Logger
	userAgent  string
	observe    Observer
	backoff    func(attempt int) time.Duration
}

// New returns a client for opts. It fails only on a malformed base URL.
func New(opts Options) (*Client, error) {
	raw := opts.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	base, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("invalid Leiga base URL %q: want http(s)://host/path", raw)
	}
	c := &Client{
		base:       base,
		tokens:     opts.Tokens,
		http:       opts.HTTPClient,
		timeout:    opts.Timeout,
		maxBody:    opts.MaxResponseBytes,
		attempts:   opts.MaxAttempts,
		retryAfter: opts.MaxRetryAfter,
		log:        opts.Logger,
		userAgent:  opts.UserAgent,
		observe:    opts.Observer,
		backoff:    jitteredBackoff,
	}
	if c.http == nil {
		c.http = &http.Client{Transport: NewTransport()}
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	if c.maxBody <= 0 {
		c.maxBody = DefaultMaxResponseBytes
	}
	if c.attempts <= 0 {
		c.attempts = DefaultMaxAttempts
	}
	if c.retryAfter <= 0 {
		c.retryAfter = DefaultMaxRetryAfter
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.userAgent == "" {
		c.userAgent = "leiga-mcp"
	}
	return c, nil
}

// NewTransport returns an HTTP transport sized for many concurrent calls to
// one host, with the proxy taken from HTTP_PROXY/HTTPS_PROXY/NO_PROXY.
func NewTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = http.ProxyFromEnvironment
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// BaseURL returns the API base URL without a trailing slash.
func (c *Client) BaseURL() string { return c.base.String() }

// Tokens returns the client's own token source.
func (c *Client) Tokens() TokenSource { return c.tokens }

// Request is one call to the Open API.
type Request struct {
	Method string     // GET, POST, PATCH, DELETE
	Path   string     // relative to the base URL, e.g. "/issue/get"
	Query  url.Values // sent in the query string
	Body   any        // JSON-encoded when non-nil (DELETE included)
	// Multipart, when set, is the body instead of Body: ContentType is the
	// multipart header and Payload the encoded form, resent as is on retry.
	Multipart *Multipart
	// Idempotent marks a call that may be resent after it could have reached
	// the server (reads sent as POST). GET is always idempotent.
	Idempotent bool
	// NoAuth sends no accessToken header (the /authorize calls).
	NoAuth bool
	// Raw returns the body as is instead of decoding the envelope (downloads).
	Raw bool
}

// Multipart is an encoded multipart/form-data body.
type Multipart struct {
	ContentType string
	Payload     []byte
}

// Response is the outcome of a successful call.
type Response struct {
	Data        json.RawMessage // the envelope's data (Raw: the whole body)
	Message     string          // the envelope's msg
	ContentType string          // of the HTTP response
	Header      http.Header
}

// Do sends req and returns the envelope's data. Failures are *Error.
//
// Retries: a call is resent at most MaxAttempts times in all, with jittered
// exponential backoff or the server's Retry-After (capped), within the call's
// deadline. Any call is resent after HTTP 429 or 503 or when the connection
// could not be made; idempotent calls also after other 5xx, timeouts and
// broken connections. After an auth failure the token is renewed once and
// the call resent once; a source that cannot renew (its Token fails with an
// error that is not an *Error) ends the call with Leiga's refusal.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	tokens := TokenSourceFrom(ctx)
	if tokens == nil {
		tokens = c.tokens
	}
	body, err := c.encodeBody(req)
	if err != nil {
		return nil, err
	}
	idempotent := req.Idempotent || req.Method == http.MethodGet
	start := time.Now()
	attempt := 0
	var rejected *Error // the auth failure that made the source renew
	for {
		attempt++
		token := ""
		if !req.NoAuth {
			if tokens == nil {
				return nil, c.fail(req, KindAuth, 0, "", ErrNoToken.Error(), attempt-1, ErrNoToken)
			}
			token, err = tokens.Token(ctx)
			if err != nil {
				if ctx.Err() != nil {
					return nil, c.ctxError(ctx, req, attempt-1)
				}
				if e, ok := AsError(err); ok {
					return nil, e
				}
				if rejected != nil {
					// A source that cannot renew (a static token): report
					// Leiga's refusal of the token this call sent.
					return nil, authRejected(rejected, tokens)
				}
				return nil, c.fail(req, KindAuth, 0, "", err.Error(), attempt-1, err)
			}
		}
		resp, sent, err := c.send(ctx, req, body, token)
		if err == nil {
			c.log.DebugContext(ctx, "leiga call", "method", req.Method, "path", req.Path, "attempts", attempt, "ms", time.Since(start).Milliseconds())
			return resp, nil
		}
		err.Attempts = attempt
		if !req.NoAuth && IsAuthFailure(err) {
			tokens.Invalidate(token)
			if rejected != nil {
				return nil, authRejected(err, tokens)
			}
			rejected = err
			attempt-- // the renewal retry does not count against MaxAttempts
			continue
		}
		wait, retry := c.retryDelay(err, sent, idempotent, attempt)
		if !retry {
			return nil, err
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return nil, err
		}
		c.log.DebugContext(ctx, "leiga retry", "method", req.Method, "path", req.Path, "attempt", attempt, "status", err.HTTPStatus, "wait", wait)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, err
		case <-timer.C:
		}
	}
}

// authRejected turns a second auth failure into the final error, naming the
// credential (never its secret).
func authRejected(err *Error, tokens TokenSource) *Error {
	who := "the configured credentials"
	if d, ok := tokens.(Describer); ok {
		who = d.Describe()
	}
	e := *err
	e.Kind = KindAuth
	e.Message = fmt.Sprintf("Leiga rejected %s: %s", who, err.Message)
	return &e
}

// encodeBody serialises the request body once so that retries resend the
// same bytes.
func (c *Client) encodeBody(req Request) ([]byte, error) {
	if req.Multipart != nil {
		return req.Multipart.Payload, nil
	}
	if req.Body == nil {
		return nil, nil
	}
	b, err := json.Marshal(req.Body)
	if err != nil {
		return nil, c.fail(req, KindDecode, 0, "", "cannot encode request body: "+err.Error(), 0, err)
	}
	return b, nil
}

// send makes one HTTP exchange. sent reports whether the request may have
// reached the server (false only when the connection could not be made).
func (c *Client) send(ctx context.Context, req Request, body []byte, token string) (*Response, bool, *Error) {
	u := *c.base
	u.Path = c.base.Path + "/" + strings.TrimLeft(req.Path, "/")
	if len(req.Query) > 0 {
		u.RawQuery = req.Query.Encode()
	}
	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, u.String(), rdr)
	if err != nil {
		return nil, false, c.fail(req, KindNetwork, 0, "", err.Error(), 0, err)
	}
	// Leiga's docs list Content-Type as required on every call, GET
	// included; a multipart upload names its own.
	if req.Multipart != nil {
		hreq.Header.Set("Content-Type", req.Multipart.ContentType)
	} else {
		hreq.Header.Set("Content-Type", "application/json")
	}
	if req.Raw {
		hreq.Header.Set("Accept", "*/*")
	} else {
		hreq.Header.Set("Accept", "application/json")
	}
	hreq.Header.Set("User-Agent", c.userAgent)
	if token != "" {
		hreq.Header.Set("accessToken", token)
	}
	start := time.Now()
	hresp, err := c.http.Do(hreq)
	if c.observe != nil {
		status := 0
		if err == nil {
			status = hresp.StatusCode
		}
		c.observe(Exchange{Method: req.Method, Path: req.Path, Status: status, Duration: time.Since(start)})
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, c.ctxError(ctx, req, 0)
		}
		return nil, !isDialError(err), c.networkError(req, err, u.String())
	}
	defer hresp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(hresp.Body, c.maxBody+1))
	if err != nil {
		if ctx.Err() != nil {
			return nil, true, c.ctxError(ctx, req, 0)
		}
		return nil, true, c.fail(req, KindNetwork, hresp.StatusCode, "", "response body cut off: "+err.Error(), 0, err)
	}
	if int64(len(raw)) > c.maxBody {
		return nil, true, c.fail(req, KindTooLarge, hresp.StatusCode, "", fmt.Sprintf("response larger than %d bytes", c.maxBody), 0, nil)
	}
	return c.decode(req, hresp, raw)
}

// decode turns one HTTP response into a Response or an *Error.
func (c *Client) decode(req Request, hresp *http.Response, raw []byte) (*Response, bool, *Error) {
	status := hresp.StatusCode
	ctype := hresp.Header.Get("Content-Type")
	if req.Raw && status/100 == 2 && !strings.HasPrefix(ctype, "application/json") {
		return &Response{Data: raw, ContentType: ctype, Header: hresp.Header}, true, nil
	}
	env, derr := DecodeEnvelope(raw)
	if status/100 != 2 {
		e := c.fail(req, KindHTTP, status, "", http.StatusText(status), 0, nil)
		if derr == nil {
			e.Code, e.Message = env.CodeString(), env.Msg
		} else if len(bytes.TrimSpace(raw)) > 0 && !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("<")) {
			e.Message = snippet(bytes.TrimSpace(raw))
		}
		e.retryAfter = parseRetryAfter(hresp.Header.Get("Retry-After"))
		return nil, true, e
	}
	if derr != nil {
		if req.Raw {
			return &Response{Data: raw, ContentType: ctype, Header: hresp.Header}, true, nil
		}
		return nil, true, c.fail(req, KindDecode, status, "", "unexpected response: "+derr.Error(), 0, derr)
	}
	if code := env.CodeString(); code != "0" {
		msg := env.Msg
		if msg == "" {
			msg = "no message"
		}
		return nil, true, c.fail(req, KindEnvelope, status, code, msg, 0, nil)
	}
	return &Response{Data: env.Data, Message: env.Msg, ContentType: ctype, Header: hresp.Header}, true, nil
}

// ctxError reports a call that ran out of time or was cancelled.
func (c *Client) ctxError(ctx context.Context, req Request, attempts int) *Error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return c.fail(req, KindTimeout, 0, "", fmt.Sprintf("no answer within %s", c.timeout), attempts, ctx.Err())
	}
	return c.fail(req, KindTimeout, 0, "", "call cancelled", attempts, ctx.Err())
}

func (c *Client) fail(req Request, kind ErrorKind, status int, code, msg string, attempts int, cause error) *Error {
	return &Error{Kind: kind, Method: req.Method, Path: req.Path, HTTPStatus: status, Code: code, Message: msg, Attempts: attempts, Err: cause}
}

// networkError words a failure to exchange with Leiga, naming the host
// (never the query) and, for a host that does not resolve or refuses the
// connection, what to fix: those are lasting, and not retried.
func (c *Client) networkError(req Request, err error, url string) *Error {
	host := c.base.Host
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && (dnsErr.IsNotFound || !dnsErr.IsTemporary):
		e := c.fail(req, KindNetwork, 0, "", fmt.Sprintf("cannot resolve the host %s: check LEIGA_BASE_URL (now %s)", dnsErr.Name, c.base.Redacted()), 0, err)
		e.Lasting = true
		return e
	case errors.Is(err, syscall.ECONNREFUSED):
		e := c.fail(req, KindNetwork, 0, "", fmt.Sprintf("nothing answers at %s (connection refused): check LEIGA_BASE_URL (now %s), or the service is down", host, c.base.Redacted()), 0, err)
		e.Lasting = true
		return e
	}
	return c.fail(req, KindNetwork, 0, "", fmt.Sprintf("cannot reach Leiga at %s: %s", host, redactURL(err.Error(), url)), 0, err)
}

// isDialError reports whether err happened before any byte was sent.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// redactURL removes the full URL (which may hold query values) from a
// transport error message.
func redactURL(msg, u string) string {
	return strings.ReplaceAll(msg, u, "<url>")
}
