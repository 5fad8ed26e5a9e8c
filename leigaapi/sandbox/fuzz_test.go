package sandbox

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzServeHTTP sends arbitrary method, path and body with a valid token.
// The sandbox must never panic (a recovered panic would answer HTTP 500)
// and must always answer the JSON envelope, except for a successful
// download, which answers raw bytes.
func FuzzServeHTTP(f *testing.F) {
	f.Add("POST", "/issue/add", `{"projectId":101,"issueTypeId":1,"data":{"summary":"x","label":[501,"a"]}}`)
	f.Add("PATCH", "/openapi/api/issue/update", `{"id":10003,"data":{"status":null,"sprint":1e99}}`)
	f.Add("GET", "/issue/get?id=-1", ``)
	f.Add("POST", "/issue/v2/page", `{"projectId":101,"numberFilter":[{"fieldCode":"dueDate","operator":"inRange","range":{}}]}`)
	f.Add("DELETE", "/comment/remove", `[1,2,3]`)
	f.Add("POST", "/file/download", `{"fileKey":"fk-9001"}`)
	sb, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, target, body string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || strings.HasPrefix(u.Path, adminPrefix) {
			t.Skip() // admin endpoints switch faults on; they are tested elsewhere
		}
		req := httptest.NewRequest(http.MethodGet, "/", strings.NewReader(body))
		req.Method, req.URL, req.RequestURI = method, u, target
		req.Header.Set("accessToken", StaticToken)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, req)
		if rec.Code == http.StatusInternalServerError {
			t.Fatalf("%s %s %q: HTTP 500 %s", method, target, body, rec.Body)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			if apiPath(u.Path) != "/file/download" || rec.Code != http.StatusOK {
				t.Fatalf("%s %s: non-JSON answer %q", method, target, rec.Header().Get("Content-Type"))
			}
			return
		}
		var env struct {
			Code *string         `json:"code"`
			Msg  *string         `json:"msg"`
			Data json.RawMessage `json:"data"`
		}
		raw, _ := io.ReadAll(rec.Body)
		if err := json.Unmarshal(raw, &env); err != nil || env.Code == nil || *env.Code == "" || env.Msg == nil {
			t.Fatalf("%s %s %q: not an envelope: %s", method, target, body, raw)
		}
	})
}
