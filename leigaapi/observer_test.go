package leigaapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestObserverSeesEveryExchange(t *testing.T) {
	tests := []struct {
		name    string
		replies []reply
		req     Request
		want    []string // "METHOD /path status", one per attempt
	}{
		{"one read", []reply{{status: 200, body: okBody}}, Request{Method: "GET", Path: "/issue/get", Query: url.Values{"id": {"42"}}},
			[]string{"GET /issue/get 200"}},
		{"an envelope error is still HTTP 200", []reply{{status: 200, body: `{"code":"404","msg":"no such issue"}`}}, Request{Method: "GET", Path: "/issue/get"},
			[]string{"GET /issue/get 200"}},
		{"each retry is an exchange", []reply{{status: 503, body: `{}`}, {status: 500, body: `{}`}, {status: 200, body: okBody}}, Request{Method: "GET", Path: "/project/list"},
			[]string{"GET /project/list 503", "GET /project/list 500", "GET /project/list 200"}},
		{"an auth failure and its renewal retry", []reply{{status: 401, body: `{"code":"401","msg":"token expired"}`}, {status: 200, body: okBody}}, Request{Method: "POST", Path: "/issue/add", Body: map[string]any{"summary": "x"}},
			[]string{"POST /issue/add 401", "POST /issue/add 200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var got []string
			c := newTestClient(t, &fakeLeiga{t: t, replies: tt.replies}, 5*time.Second)
			c.observe = func(e Exchange) {
				mu.Lock()
				defer mu.Unlock()
				if e.Duration < 0 {
					t.Errorf("negative duration %s", e.Duration)
				}
				got = append(got, fmt.Sprintf("%s %s %d", e.Method, e.Path, e.Status))
			}
			_, _ = c.Do(context.Background(), tt.req)
			if !slices.Equal(got, tt.want) {
				t.Errorf("observed %q, want %q", got, tt.want)
			}
		})
	}
}

func TestObserverSeesAFailedConnectionAsStatusZero(t *testing.T) {
	var got []Exchange
	c, err := New(Options{
		BaseURL:     "http://127.0.0.1:1/openapi/api",
		Tokens:      fixedToken("tok-123456"),
		MaxAttempts: 1,
		HTTPClient:  &http.Client{Transport: failingTransport{}},
		Observer:    func(e Exchange) { got = append(got, e) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(context.Background(), Request{Method: "GET", Path: "/project/list", Query: url.Values{"q": {"secret-name"}}}); err == nil {
		t.Fatal("want an error")
	}
	if len(got) != 1 || got[0].Status != 0 || got[0].Path != "/project/list" || got[0].Method != "GET" {
		t.Errorf("observed %+v, want one GET /project/list with status 0", got)
	}
}

// failingTransport fails every request before any byte is sent.
type failingTransport struct{}

func (failingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, fmt.Errorf("connection refused")
}
