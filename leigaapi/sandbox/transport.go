package sandbox

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// Transport returns a round tripper that serves requests in process by
// calling ServeHTTP, without a socket. Requests may use any scheme and
// host. It is safe for concurrent use.
func (s *Sandbox) Transport() http.RoundTripper { return transport{h: s} }

// transport is an http.RoundTripper over an http.Handler.
type transport struct{ h http.Handler }

// RoundTrip serves req and returns the recorded response.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	body := req.Body
	if body == nil {
		body = http.NoBody
	}
	defer body.Close()
	ctx := req.Context()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	in := req.Clone(ctx)
	in.Body = body
	in.RequestURI = req.URL.RequestURI()
	in.RemoteAddr = "sandbox-transport"
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	rec := &recorder{header: http.Header{}}
	t.h.ServeHTTP(rec, in)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return rec.response(req), nil
}

// recorder is the http.ResponseWriter of an in-process round trip.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// Header returns the response headers.
func (r *recorder) Header() http.Header { return r.header }

// WriteHeader records the first status.
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

// Write buffers the body, starting a 200 response if needed.
func (r *recorder) Write(b []byte) (int, error) {
	r.WriteHeader(http.StatusOK)
	return r.body.Write(b)
}

// response converts the recording into an *http.Response for req.
func (r *recorder) response(req *http.Request) *http.Response {
	r.WriteHeader(http.StatusOK)
	data := r.body.Bytes()
	h := r.header.Clone()
	if h.Get("Content-Length") == "" {
		h.Set("Content-Length", strconv.Itoa(len(data)))
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", r.status, http.StatusText(r.status)),
		StatusCode:    r.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(data)),
		ContentLength: int64(len(data)),
		Request:       req,
	}
}
