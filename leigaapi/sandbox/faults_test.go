package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestFaultStatus answers an injected status for Count requests, with
// Retry-After, then recovers.
func TestFaultStatus(t *testing.T) {
	tc := newTester(t, Options{})
	tc.sb.SetFaults(Faults{Status: http.StatusServiceUnavailable, Count: 2, RetryAfter: 3})
	for range 2 {
		r := tc.call(http.MethodGet, "/project/list", nil)
		if r.Status != http.StatusServiceUnavailable || r.Code != "503" || r.Header.Get("Retry-After") != "3" {
			t.Fatalf("fault: HTTP %d code %q Retry-After %q", r.Status, r.Code, r.Header.Get("Retry-After"))
		}
	}
	tc.ok(http.MethodGet, "/project/list", nil, nil)

	tc.sb.SetFaults(Faults{Status: 200}) // not an error status: becomes 500
	if r := tc.call(http.MethodGet, "/project/list", nil); r.Status != http.StatusInternalServerError || r.Code != "500" {
		t.Fatalf("invalid fault status: HTTP %d code %q", r.Status, r.Code)
	}
	tc.sb.SetFaults(Faults{})
	tc.ok(http.MethodGet, "/project/list", nil, nil)
}

// TestFaultKinds covers the body faults and PathPrefix.
func TestFaultKinds(t *testing.T) {
	tests := []struct {
		name   string
		faults Faults
		path   string
		check  func(t *testing.T, r reply)
	}{
		{"truncate", Faults{Truncate: true}, "/openapi/api/issue/get?id=10003", func(t *testing.T, r reply) {
			if r.Status != http.StatusOK || !strings.HasPrefix(string(r.Body), `{"code":"0"`) || json.Valid(r.Body) {
				t.Fatalf("truncate: HTTP %d %s", r.Status, r.Body)
			}
		}},
		{"non-JSON", Faults{NonJSON: true}, "/issue/get?id=10003", func(t *testing.T, r reply) {
			if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !strings.HasPrefix(string(r.Body), "<!DOCTYPE html>") {
				t.Fatalf("non-JSON: HTTP %d %q %s", r.Status, r.Header.Get("Content-Type"), r.Body)
			}
		}},
		{"prefix matches", Faults{Status: 429, PathPrefix: "/issue/"}, "/openapi/api/issue/get?id=10003", func(t *testing.T, r reply) {
			if r.Status != http.StatusTooManyRequests || r.Code != "429" {
				t.Fatalf("HTTP %d code %q", r.Status, r.Code)
			}
		}},
		{"prefix skips", Faults{Status: 429, PathPrefix: "/issue/"}, "/openapi/api/sprint/get?id=202", func(t *testing.T, r reply) {
			if r.Code != codeOK {
				t.Fatalf("HTTP %d code %q", r.Status, r.Code)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc := newTester(t, Options{})
			tc.sb.SetFaults(tt.faults)
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			req.Header.Set("accessToken", StaticToken)
			tc.sb.ServeHTTP(rec, req)
			r := reply{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
			var env envelope
			if json.Unmarshal(r.Body, &env) == nil {
				r.Code = env.Code
			}
			tt.check(t, r)
		})
	}
}

// TestFaultLatency delays answers and gives up when the caller does.
func TestFaultLatency(t *testing.T) {
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	sb.SetFaults(Faults{Latency: 60 * time.Millisecond})
	client := &http.Client{Transport: sb.Transport()}
	req, _ := http.NewRequest(http.MethodGet, "http://sandbox/project/list", nil)
	req.Header.Set("accessToken", StaticToken)
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if elapsed := time.Since(start); elapsed < 60*time.Millisecond {
		t.Fatalf("answered after %s, want at least 60ms", elapsed)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := client.Do(req.WithContext(ctx)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("cancelled call: %v", err)
	}
}

// TestTransport round-trips requests in process: status, headers, body,
// query strings and raw downloads.
func TestTransport(t *testing.T) {
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: sb.Transport()}
	do := func(method, url, body string) (*http.Response, []byte) {
		req, _ := http.NewRequest(method, url, strings.NewReader(body))
		req.Header.Set("accessToken", StaticToken)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		return resp, data
	}
	resp, body := do(http.MethodGet, "https://app.example/openapi/api/issue/get-by-issue-number?issueNumber=OPS-6", "")
	if resp.StatusCode != http.StatusOK || resp.Request == nil || resp.ContentLength != int64(len(body)) ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || !strings.Contains(string(body), `"issueNumber":"OPS-6"`) {
		t.Fatalf("GET: %d %v %s", resp.StatusCode, resp.Header, body)
	}
	resp, body = do(http.MethodPost, "https://app.example/openapi/api/file/download", `{"fileKey":"fk-9001"}`)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "FATAL EXCEPTION") || resp.Header.Get("Content-Length") == "" {
		t.Fatalf("download: %d %s", resp.StatusCode, body)
	}
	resp, _ = do(http.MethodDelete, "https://app.example/openapi/api/issue/get", "")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != http.MethodGet || resp.Status != "405 Method Not Allowed" {
		t.Fatalf("405: %s %v", resp.Status, resp.Header)
	}
}

// TestAdminEndpoints drives faults, revoke, stats and reset over HTTP.
func TestAdminEndpoints(t *testing.T) {
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	call := func(method, path, token, body string) (int, envelope) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("accessToken", token)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var env envelope
		raw, _ := io.ReadAll(resp.Body)
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("%s %s: %s", method, path, raw)
		}
		return resp.StatusCode, env
	}

	if status, env := call(http.MethodPost, "/__sandbox/faults", "", `{"status":429,"count":1,"retryAfter":2,"latencyMs":1,"pathPrefix":"/project/"}`); status != 200 || env.Code != codeOK {
		t.Fatalf("set faults: %d %+v", status, env)
	}
	if status, env := call(http.MethodGet, "/openapi/api/project/list", StaticToken, ""); status != 429 || env.Code != "429" {
		t.Fatalf("fault: %d %+v", status, env)
	}
	if status, _ := call(http.MethodGet, "/openapi/api/project/list", StaticToken, ""); status != 200 {
		t.Fatalf("after the counted fault: %d", status)
	}
	if _, env := call(http.MethodPost, "/__sandbox/faults", "", `{"status":"x"}`); env.Code != codeBadRequest || !strings.Contains(env.Msg, "status") {
		t.Fatalf("bad faults: %+v", env)
	}
	if _, env := call(http.MethodPost, "/__sandbox/faults", "", `{"status":200}`); env.Code != codeBadRequest {
		t.Fatalf("bad fault status: %+v", env)
	}
	if _, env := call(http.MethodPost, "/__sandbox/faults", "", `{`); env.Code != codeBadRequest {
		t.Fatalf("malformed faults: %+v", env)
	}

	_, env := call(http.MethodGet, "/__sandbox/stats", "", "")
	var stats Stats
	raw, _ := json.Marshal(env.Data)
	_ = json.Unmarshal(raw, &stats)
	if stats.Requests["GET /project/list"] != 2 {
		t.Fatalf("stats: %+v", stats)
	}

	call(http.MethodPost, "/openapi/api/tag/add", StaticToken, `{"projectId":101,"tagName":"tablet"}`)
	call(http.MethodPost, "/__sandbox/revoke", "", "")
	if status, _ := call(http.MethodGet, "/openapi/api/project/list", StaticToken, ""); status != http.StatusUnauthorized {
		t.Fatalf("after revoke: %d", status)
	}
	call(http.MethodPost, "/__sandbox/reset", "", "")
	_, env = call(http.MethodPost, "/openapi/api/tag/list", StaticToken, `{"projectId":101}`)
	if tags := env.Data.([]any); len(tags) != 5 {
		t.Fatalf("after reset: %d tags", len(tags))
	}
	if status, env := call(http.MethodGet, "/__sandbox/reset", "", ""); status != http.StatusMethodNotAllowed || env.Code != "405" {
		t.Fatalf("wrong method: %d %+v", status, env)
	}
	if status, _ := call(http.MethodGet, "/__sandbox/nope", "", ""); status != http.StatusNotFound {
		t.Fatalf("unknown admin path: %d", status)
	}
}
