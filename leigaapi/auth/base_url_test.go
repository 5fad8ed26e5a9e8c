package auth

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// TestWrongBaseURLIsNotBlamedOnTheCredentials: a base URL that answers 404
// or an HTML page gets an error about LEIGA_BASE_URL, not the credentials.
func TestWrongBaseURLIsNotBlamedOnTheCredentials(t *testing.T) {
	for name, reply := range map[string]func(w http.ResponseWriter){
		"html 404": func(w http.ResponseWriter) { w.WriteHeader(404); io.WriteString(w, "<html>Not Found</html>") },
		"html 200": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html>welcome</html>")
		},
		"json 404 code": func(w http.ResponseWriter) { io.WriteString(w, `{"code":"404","msg":"no endpoint"}`) },
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { reply(w) }))
		api, err := leigaapi.New(leigaapi.Options{BaseURL: srv.URL + "/wrong"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewPermanentSource(api, "cid", "sec-123456", nil).Token(context.Background())
		srv.Close()
		if err == nil || !strings.Contains(err.Error(), "check LEIGA_BASE_URL") || strings.Contains(err.Error(), "rejected the credentials") {
			t.Errorf("%s: %v, want the base URL named, not the credentials", name, err)
		}
	}
}
