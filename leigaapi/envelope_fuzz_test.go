package leigaapi_test

// FuzzDecodeEnvelope feeds arbitrary response bodies, with an HTTP status
// and content type the input picks, to DecodeEnvelope and to a whole
// Client.Do. Neither may panic; DecodeEnvelope accepts only a JSON object
// with a code; Do returns either the data of a 2xx envelope with code "0"
// or an *Error with a bounded message that never carries the token.
//
//	go test -run '^$' -fuzz '^FuzzDecodeEnvelope$' -fuzztime 15s ./leigaapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

const envelopeFuzzToken = "envelope-fuzz-token-8d2e"

// envelopeStatuses are the HTTP statuses an input can pick.
var envelopeStatuses = []int{200, 201, 204, 400, 401, 403, 404, 429, 500, 502, 503}

// envelopeTypes are the Content-Types an input can pick.
var envelopeTypes = []string{"application/json", "application/json; charset=utf-8", "text/html", "application/octet-stream", ""}

// replay answers every request with one status, type and body.
type replay struct {
	status int
	ctype  string
	body   []byte
}

func (r replay) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	h := http.Header{}
	if r.ctype != "" {
		h.Set("Content-Type", r.ctype)
	}
	h.Set("Retry-After", "0")
	return &http.Response{StatusCode: r.status, Header: h, Body: io.NopCloser(bytes.NewReader(r.body)), ContentLength: int64(len(r.body)), Request: req}, nil
}

func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []struct {
		body    string
		status  uint8
		ctype   uint8
		rawBody bool
	}{
		{`{"code":"0","msg":"success","data":{"id":1}}`, 0, 0, false},
		{`{"code":0,"msg":"success","data":[1,2,3]}`, 0, 1, false},
		{`{"code":"10001","msg":"invalid clientId or secretKey","data":null}`, 0, 0, false},
		{`{"code":"401","msg":"accessToken invalid or expired"}`, 4, 0, false},
		{`{"msg":"no code"}`, 0, 0, false},
		{`{"code":null,"data":{}}`, 0, 0, false},
		{`{"code":{"nested":true},"msg":"x"}`, 0, 0, false},
		{`{"code":"0","msg":"success","data":{"total":12,"list":[{"id":10001,"summ`, 0, 0, false},
		{"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", 9, 2, false},
		{"", 2, 4, false},
		{"   \n\t ", 0, 0, false},
		{`[{"code":"0"}]`, 0, 0, false},
		{"\ufeff{\"code\":\"0\"}", 0, 0, false},
		{`{"code":"0","code":"1","msg":"dup"}`, 0, 0, false},
		{`{"code":"0","data":` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`, 0, 0, false},
		{"raw file bytes \x00\x01\x02", 0, 3, true},
		{`{"code":"500","msg":"` + strings.Repeat("x", 500) + `"}`, 8, 0, false},
		{`{"code":"429","msg":"slow down"}`, 7, 0, false},
	} {
		f.Add([]byte(s.body), s.status, s.ctype, s.rawBody)
	}
	f.Fuzz(func(t *testing.T, body []byte, statusPick, typePick uint8, rawBody bool) {
		// DecodeEnvelope alone.
		env, err := leigaapi.DecodeEnvelope(body)
		trimmed := bytes.TrimSpace(body)
		if err == nil {
			if env.CodeString() == "" {
				t.Fatalf("accepted %q with no code", body)
			}
			if len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed) {
				t.Fatalf("accepted %q, which is not a JSON object", body)
			}
		} else if msg := err.Error(); msg == "" || len(msg) > 1024 {
			t.Fatalf("error message of %d bytes for %q: %q", len(msg), body, msg)
		}

		// The whole client path.
		status := envelopeStatuses[int(statusPick)%len(envelopeStatuses)]
		ctype := envelopeTypes[int(typePick)%len(envelopeTypes)]
		c, cerr := leigaapi.New(leigaapi.Options{
			BaseURL:     "http://leiga.invalid/openapi/api",
			Tokens:      auth.NewStaticToken(envelopeFuzzToken),
			HTTPClient:  &http.Client{Transport: replay{status, ctype, body}},
			Timeout:     5 * time.Second,
			MaxAttempts: 1,
		})
		if cerr != nil {
			t.Fatal(cerr)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		resp, err := c.Do(ctx, leigaapi.Request{Method: http.MethodGet, Path: "/issue/get", Raw: rawBody})
		if err != nil {
			e, ok := leigaapi.AsError(err)
			if !ok {
				t.Fatalf("status %d %q: error is not a *leigaapi.Error: %T %v", status, body, err, err)
			}
			msg := e.Error()
			if msg == "" || len(msg) > 2048 {
				t.Fatalf("status %d %q: error message of %d bytes: %q", status, body, len(msg), msg)
			}
			if strings.Contains(msg, envelopeFuzzToken) {
				t.Fatalf("status %d %q: error carries the token: %q", status, body, msg)
			}
			return
		}
		if resp == nil {
			t.Fatalf("status %d %q: nil response and nil error", status, body)
		}
		if status/100 != 2 {
			t.Fatalf("HTTP %d %q accepted as success", status, body)
		}
		if rawBody {
			return // raw downloads may be anything
		}
		if env2, err := leigaapi.DecodeEnvelope(body); err != nil || env2.CodeString() != "0" {
			t.Fatalf("HTTP %d %q accepted although its envelope is not a success (%v)", status, body, err)
		} else if !bytes.Equal(resp.Data, env2.Data) {
			t.Fatalf("data %q, want %q", resp.Data, env2.Data)
		}
	})
}
