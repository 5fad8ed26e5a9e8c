package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
)

// TestLoginTellsTheUser: the CLI prints the authorize URL and where it waits,
// opens the browser (or says to open the URL by hand when it cannot), and
// reports where the tokens went; auth.Login itself prints nothing.
func TestLoginTellsTheUser(t *testing.T) {
	tests := []struct {
		name     string
		openErr  error
		refresh  string // the token endpoint's refresh token
		wantTail string // after the URL lines; PATH is the cache file
	}{
		{"browser opens", nil, "cli-refresh-1",
			"Logged in: tokens for OAuth client id cli-client stored in PATH\n"},
		{"no browser", errors.New("no display"), "cli-refresh-1",
			"Could not open a browser (no display); open the URL above yourself.\n" +
				"Logged in: tokens for OAuth client id cli-client stored in PATH\n"},
		{"no refresh token", nil, "",
			"Logged in: tokens for OAuth client id cli-client stored in PATH\n" +
				"Note: the token endpoint returned no refresh token; run leiga-mcp login again when the access token expires.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				json.NewEncoder(w).Encode(map[string]any{"access_token": "cli-access-1", "token_type": "Bearer", "refresh_token": tt.refresh, "expires_in": 3600})
			}))
			defer tokens.Close()
			path := filepath.Join(t.TempDir(), "oauth.json")
			creds := auth.Credentials{Kind: auth.AuthOAuth, TokenCache: path, OAuth: auth.OAuthSettings{
				TokenURL: tokens.URL + "/token", AuthURL: tokens.URL + "/authorize", ClientID: "cli-client",
				ClientSecret: "cli-secret-123", RedirectURL: "http://127.0.0.1:0/callback",
			}}
			var authURL string
			open := func(u string) error {
				authURL = u
				q, _ := url.Parse(u)
				redirect := q.Query().Get("redirect_uri") + "?" + url.Values{"state": {q.Query().Get("state")}, "code": {"c1"}}.Encode()
				go func() { // the user, in the browser
					if resp, err := http.Get(redirect); err == nil {
						resp.Body.Close()
					}
				}()
				return tt.openErr
			}
			var out bytes.Buffer
			if err := login(context.Background(), &out, creds, auth.LoginOptions{Timeout: 5 * time.Second}, open); err != nil {
				t.Fatal(err)
			}
			u, _ := url.Parse(authURL)
			want := "To authorize leiga-mcp, open this URL in your browser:\n\n  " + authURL + "\n\n" +
				"Waiting for the redirect to " + u.Query().Get("redirect_uri") + " (up to 5s) ...\n" +
				strings.ReplaceAll(tt.wantTail, "PATH", path)
			if out.String() != want {
				t.Fatalf("output:\n%s\nwant:\n%s", out.String(), want)
			}
		})
	}
}
