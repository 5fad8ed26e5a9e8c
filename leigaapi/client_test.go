package leigaapi

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeLeiga answers with the scripted replies in order, recording requests.
type fakeLeiga struct {
	t       *testing.T
	replies []reply
	calls   atomic.Int32
	got     []recorded
}

type reply struct {
	status     int
	body       string
	retryAfter string
	delay      time.Duration
	ctype      string
}

type recorded struct {
	method, path, query, body, token string
	header                           http.Header
}

func (f *fakeLeiga) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := int(f.calls.Add(1)) - 1
	b, _ := io.ReadAll(r.Body)
	f.got = append(f.got, recorded{r.Method, r.URL.Path, r.URL.RawQuery, string(b), r.Header.Get("accessToken"), r.Header.Clone()})
	rep := f.replies[min(n, len(f.replies)-1)]
	if rep.delay > 0 {
		select {
		case <-time.After(rep.delay):
		case <-r.Context().Done():
			return
		}
	}
	if rep.retryAfter != "" {
		w.Header().Set("Retry-After", rep.retryAfter)
	}
	ct := rep.ctype
	if ct == "" {
		ct = "application/json"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(rep.status)
	io.WriteString(w, rep.body)
}

func newTestClient(t *testing.T, f *fakeLeiga, timeout time.Duration) *Client {
	t.Helper()
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	c, err := New(Options{BaseURL: srv.URL + "/openapi/api/", Tokens: fixedToken("tok-123456"), Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	c.backoff = func(int) time.Duration { return time.Millisecond }
	return c
}

// fixedToken is a token source that always offers the same token.
type fixedToken string

func (f fixedToken) Token(context.Context) (string, error) { return string(f), nil }
func (f fixedToken) Invalidate(string)                     {}

const okBody = `{"code":"0","msg":"success","data":{"id":7}}`

func TestDoSendsExactRequest(t *testing.T) {
	tests := []struct {
		name               string
		req                Request
		wantPath, wantBody string
		wantQuery          string
	}{
		{"get with query", Request{Method: "GET", Path: "/issue/get", Query: map[string][]string{"id": {"7"}}}, "/openapi/api/issue/get", "", "id=7"},
		{"post with body", Request{Method: "POST", Path: "/issue/add", Body: map[string]any{"projectId": 1}}, "/openapi/api/issue/add", `{"projectId":1}`, ""},
		{"delete with body", Request{Method: "DELETE", Path: "issue/remove", Body: map[string]any{"id": 2}}, "/openapi/api/issue/remove", `{"id":2}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLeiga{t: t, replies: []reply{{status: 200, body: okBody}}}
			c := newTestClient(t, f, time.Second)
			resp, err := c.Do(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Data) != `{"id":7}` {
				t.Errorf("data = %s", resp.Data)
			}
			g := f.got[0]
			if g.method != tt.req.Method || g.path != tt.wantPath || g.body != tt.wantBody || g.query != tt.wantQuery || g.token != "tok-123456" {
				t.Errorf("sent %+v", g)
			}
		})
	}
}

// TestDoSendsExactHeaders: every request carries Content-Type
// application/json (Leiga's docs list it as required on every call, GET
// included), except a multipart upload, which names its own; and nothing
// but the documented headers and Go's transport ones.
func TestDoSendsExactHeaders(t *testing.T) {
	const form = "multipart/form-data; boundary=xyz"
	tests := []struct {
		name string
		req  Request
		want map[string]string
	}{
		{"GET", Request{Method: "GET", Path: "/issue/get", Query: url.Values{"id": {"7"}}},
			map[string]string{"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "leiga-mcp", "Accesstoken": "tok-123456"}},
		{"GET, no token", Request{Method: "GET", Path: "/authorize/x", NoAuth: true},
			map[string]string{"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "leiga-mcp"}},
		{"POST", Request{Method: "POST", Path: "/issue/add", Body: map[string]int{"a": 1}},
			map[string]string{"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "leiga-mcp", "Accesstoken": "tok-123456", "Content-Length": "7"}},
		{"DELETE", Request{Method: "DELETE", Path: "/issue/remove", Body: map[string]int{"id": 2}},
			map[string]string{"Accept": "application/json", "Content-Type": "application/json", "User-Agent": "leiga-mcp", "Accesstoken": "tok-123456", "Content-Length": "8"}},
		{"raw download", Request{Method: "GET", Path: "/file/download", Raw: true},
			map[string]string{"Accept": "*/*", "Content-Type": "application/json", "User-Agent": "leiga-mcp", "Accesstoken": "tok-123456"}},
		{"multipart", Request{Method: "POST", Path: "/file/upload", Multipart: &Multipart{ContentType: form, Payload: []byte("--xyz--")}},
			map[string]string{"Accept": "application/json", "Content-Type": form, "User-Agent": "leiga-mcp", "Accesstoken": "tok-123456", "Content-Length": "7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLeiga{t: t, replies: []reply{{status: 200, body: okBody}}}
			c := newTestClient(t, f, time.Second)
			if _, err := c.Do(context.Background(), tt.req); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for k, v := range f.got[0].header {
				if k != "Accept-Encoding" { // the transport's own
					got[k] = strings.Join(v, ",")
				}
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("headers = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDoErrors(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		replies   []reply
		timeout   time.Duration
		wantKind  ErrorKind
		wantCalls int32
		wantText  string
	}{
		{"envelope error", "POST", []reply{{status: 200, body: `{"code":"10010","msg":"Project not found","data":null}`}}, time.Second, KindEnvelope, 1, "Leiga POST /x failed: code 10010: Project not found"},
		{"numeric code", "GET", []reply{{status: 200, body: `{"code":500,"msg":"boom"}`}}, time.Second, KindEnvelope, 1, "code 500: boom"},
		{"http 500 on POST is not retried", "POST", []reply{{status: 500, body: `{"code":"500","msg":"internal"}`}}, time.Second, KindHTTP, 1, "HTTP 500, code 500: internal"},
		{"http 500 on GET is retried", "GET", []reply{{status: 500, body: "oops"}}, time.Second, KindHTTP, 3, "HTTP 500: oops (after 3 attempts)"},
		{"non-JSON body", "POST", []reply{{status: 200, body: "<html>gateway</html>", ctype: "text/html"}}, time.Second, KindDecode, 1, "not a JSON object"},
		{"truncated JSON", "POST", []reply{{status: 200, body: `{"code":"0","data":{"id":`}}, time.Second, KindDecode, 1, "not valid JSON"},
		{"timeout", "POST", []reply{{status: 200, body: okBody, delay: 2 * time.Second}}, 100 * time.Millisecond, KindTimeout, 1, "no answer within 100ms"},
		{"429 then success on POST", "POST", []reply{{status: 429, body: `{"code":"429","msg":"slow down"}`, retryAfter: "0"}, {status: 200, body: okBody}}, time.Second, "", 2, ""},
		{"503 exhausts attempts", "POST", []reply{{status: 503, body: ""}}, time.Second, KindHTTP, 3, "HTTP 503: Service Unavailable (after 3 attempts)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fakeLeiga{t: t, replies: tt.replies}
			c := newTestClient(t, f, tt.timeout)
			_, err := c.Do(context.Background(), Request{Method: tt.method, Path: "/x", Body: map[string]int{"a": 1}})
			if got := f.calls.Load(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
			if tt.wantKind == "" {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			e, ok := AsError(err)
			if !ok {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Kind != tt.wantKind || !strings.Contains(e.Error(), tt.wantText) {
				t.Errorf("err = %q (%s), want kind %s containing %q", e.Error(), e.Kind, tt.wantKind, tt.wantText)
			}
			if strings.Contains(e.Error(), "tok-123456") {
				t.Error("error leaks the token")
			}
		})
	}
}

func TestRetryAfterHonouredAndCapped(t *testing.T) {
	f := &fakeLeiga{replies: []reply{{status: 429, retryAfter: "1"}, {status: 200, body: okBody}}}
	c := newTestClient(t, f, 5*time.Second)
	c.retryAfter = 50 * time.Millisecond
	start := time.Now()
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"}); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 50*time.Millisecond || d > 900*time.Millisecond {
		t.Errorf("waited %v, want the 1s Retry-After capped to 50ms", d)
	}
}

func TestRetryAfterBeyondDeadlineGivesUp(t *testing.T) {
	f := &fakeLeiga{replies: []reply{{status: 429, retryAfter: "5", body: `{"code":"429","msg":"slow down"}`}}}
	c := newTestClient(t, f, 200*time.Millisecond)
	_, err := c.Do(context.Background(), Request{Method: "GET", Path: "/x"})
	if e, ok := AsError(err); !ok || e.HTTPStatus != 429 {
		t.Fatalf("err = %v, want the 429", err)
	}
	if f.calls.Load() != 1 {
		t.Errorf("calls = %d, want 1: waiting would pass the deadline", f.calls.Load())
	}
}

func TestPostNotRetriedAfterConnectionBreaks(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		hj, _ := w.(http.Hijacker)
		conn, _, _ := hj.Hijack()
		conn.Close() // the request arrived; the answer never does
	}))
	defer srv.Close()
	c, _ := New(Options{BaseURL: srv.URL, Tokens: fixedToken("tok-123456")})
	c.backoff = func(int) time.Duration { return time.Millisecond }
	_, err := c.Do(context.Background(), Request{Method: "POST", Path: "/issue/add", Body: map[string]int{}})
	if err == nil || calls.Load() != 1 {
		t.Fatalf("err = %v, calls = %d: a POST that may have arrived must not be resent", err, calls.Load())
	}
	calls.Store(0)
	_, _ = c.Do(context.Background(), Request{Method: "GET", Path: "/issue/get"})
	if calls.Load() != 3 {
		t.Errorf("GET calls = %d, want 3", calls.Load())
	}
}

func TestBaseURLTrailingSlash(t *testing.T) {
	for _, base := range []string{"http://h/openapi/api", "http://h/openapi/api/"} {
		c, err := New(Options{BaseURL: base})
		if err != nil || c.BaseURL() != "http://h/openapi/api" {
			t.Errorf("New(%q) = %v, %v", base, c, err)
		}
	}
	if _, err := New(Options{BaseURL: "ftp://x"}); err == nil {
		t.Error("ftp base URL accepted")
	}
}

func TestRawDownloadSkipsEnvelope(t *testing.T) {
	f := &fakeLeiga{replies: []reply{{status: 200, body: "\x89PNG...", ctype: "image/png"}}}
	c := newTestClient(t, f, time.Second)
	resp, err := c.Do(context.Background(), Request{Method: "POST", Path: "/file/download", Body: map[string]string{"fileKey": "k"}, Raw: true})
	if err != nil || string(resp.Data) != "\x89PNG..." || resp.ContentType != "image/png" {
		t.Fatalf("resp = %+v, err = %v", resp, err)
	}
}

func TestEnvelopeDecoding(t *testing.T) {
	tests := []struct {
		body, code string
		ok         bool
	}{
		{`{"code":"0","msg":"ok","data":[1]}`, "0", true},
		{`{"code":0,"data":null}`, "0", true},
		{`{"msg":"no code"}`, "", false},
		{`[1,2]`, "", false},
		{``, "", false},
	}
	for _, tt := range tests {
		env, err := DecodeEnvelope([]byte(tt.body))
		if (err == nil) != tt.ok || (tt.ok && env.CodeString() != tt.code) {
			t.Errorf("DecodeEnvelope(%q) = %v, %v", tt.body, env.CodeString(), err)
		}
	}
}
