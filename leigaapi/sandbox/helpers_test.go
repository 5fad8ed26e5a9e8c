package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// reply is a decoded sandbox answer.
type reply struct {
	Status int
	Header http.Header
	Body   []byte
	Code   string
	Msg    string
	Data   json.RawMessage
}

// decode unmarshals the envelope data into v.
func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode data %s: %v", r.Data, err)
	}
}

// tester calls one sandbox through ServeHTTP.
type tester struct {
	t     testing.TB
	sb    *Sandbox
	token string
}

// newTester returns a demo sandbox and a caller holding StaticToken.
func newTester(t testing.TB, opts Options) *tester {
	t.Helper()
	sb, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &tester{t: t, sb: sb, token: StaticToken}
}

// as returns a caller of the same sandbox holding token.
func (tc *tester) as(token string) *tester {
	return &tester{t: tc.t, sb: tc.sb, token: token}
}

// whoami answers the user the tester's token acts as: the uploader of a
// new file.
func (tc *tester) whoami() int64 {
	tc.t.Helper()
	r := tc.upload("whoami.txt", "text/plain", []byte("who am I"))
	if r.Code != codeOK {
		tc.t.Fatalf("whoami upload: code %q msg %q (HTTP %d)", r.Code, r.Msg, r.Status)
	}
	var f fileView
	r.decode(tc.t, &f)
	return f.UploadUserID
}

// userCreds are the /authorize parameters of a seed user.
func userCreds(id int64) map[string]any {
	return map[string]any{"clientId": ClientIDFor(id), "secretKey": Secret}
}

// request builds a request with params in the query string (GET) or a
// JSON body.
func request(method, path string, params map[string]any) *http.Request {
	if method == http.MethodGet {
		q := url.Values{}
		for k, v := range params {
			q.Set(k, queryValue(v))
		}
		return httptest.NewRequest(method, path+"?"+q.Encode(), nil)
	}
	body, _ := json.Marshal(params)
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return req
}

// queryValue formats a parameter for the query string.
func queryValue(v any) string {
	if list, ok := v.([]int64); ok {
		parts := make([]string, len(list))
		for i, n := range list {
			parts[i] = fmt.Sprint(n)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(v)
}

// serve sends req with the tester's token and decodes the answer.
func (tc *tester) serve(req *http.Request) reply {
	tc.t.Helper()
	if tc.token != "" {
		req.Header.Set("accessToken", tc.token)
	}
	rec := httptest.NewRecorder()
	tc.sb.ServeHTTP(rec, req)
	r := reply{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		var env struct {
			Code string          `json:"code"`
			Msg  string          `json:"msg"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(r.Body, &env); err != nil {
			tc.t.Fatalf("%s %s: answer is not an envelope: %s", req.Method, req.URL.Path, r.Body)
		}
		r.Code, r.Msg, r.Data = env.Code, env.Msg, env.Data
	}
	return r
}

// call sends one API call.
func (tc *tester) call(method, path string, params map[string]any) reply {
	tc.t.Helper()
	return tc.serve(request(method, path, params))
}

// ok sends one API call, fails unless it answers code "0", and decodes
// the data into out (when non-nil).
func (tc *tester) ok(method, path string, params map[string]any, out any) reply {
	tc.t.Helper()
	r := tc.call(method, path, params)
	if r.Code != codeOK {
		tc.t.Fatalf("%s %s %v: code %q msg %q (HTTP %d)", method, path, params, r.Code, r.Msg, r.Status)
	}
	if out != nil {
		r.decode(tc.t, out)
	}
	return r
}

// fails sends one API call and fails unless it answers code.
func (tc *tester) fails(code, method, path string, params map[string]any) reply {
	tc.t.Helper()
	r := tc.call(method, path, params)
	if r.Code != code {
		tc.t.Fatalf("%s %s %v: want code %q, got %q %q (HTTP %d)", method, path, params, code, r.Code, r.Msg, r.Status)
	}
	return r
}

// upload sends /file/upload with one "file" part (no part when name is "").
func (tc *tester) upload(name, contentType string, data []byte) reply {
	tc.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if name != "" {
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name="file"; filename=%q`, name)}
		h["Content-Type"] = []string{contentType}
		part, _ := mw.CreatePart(h)
		_, _ = part.Write(data)
	} else {
		_ = mw.WriteField("other", "x")
	}
	_ = mw.Close()
	req := httptest.NewRequest(http.MethodPost, "/openapi/api/file/upload", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return tc.serve(req)
}

// fakeClock is an adjustable clock for token expiry tests.
type fakeClock struct{ now time.Time }

// Now returns the current fake time.
func (c *fakeClock) Now() time.Time { return c.now }

// page is a decoded paged answer.
type page[T any] struct {
	Total int `json:"total"`
	List  []T `json:"list"`
}
