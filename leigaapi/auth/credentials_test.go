package auth

import (
	"errors"
	"strings"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

func TestCredentialsFromEnv(t *testing.T) {
	oauthEnv := map[string]string{"LEIGA_OAUTH_TOKEN_URL": "https://auth.example/token", "LEIGA_OAUTH_CLIENT_ID": "oc"}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name     string
		env      map[string]string
		wantKind AuthKind
		wantErr  string // substring; "" for success
	}{
		{"nothing", nil, "", "no Leiga credentials"},
		{"access token", with(nil, "LEIGA_ACCESS_TOKEN", "tok-abcdef"), AuthToken, ""},
		{"access token wins over everything", with(oauthEnv, "LEIGA_ACCESS_TOKEN", "tok-abcdef", "LEIGA_CLIENT_ID", "c", "LEIGA_SECRET", "s-123456"), AuthToken, ""},
		{"oauth before refresh", with(oauthEnv, "LEIGA_REFRESH_TOKEN", "r-123456"), AuthOAuth, ""},
		{"refresh before permanent", with(nil, "LEIGA_REFRESH_TOKEN", "r-123456", "LEIGA_CLIENT_ID", "c", "LEIGA_SECRET", "s-123456"), AuthRefresh, ""},
		{"refresh needs the secret", with(nil, "LEIGA_REFRESH_TOKEN", "r-123456", "LEIGA_CLIENT_ID", "c"), "", "LEIGA_SECRET"},
		{"permanent", with(nil, "LEIGA_CLIENT_ID", "c", "LEIGA_SECRET", "s-123456"), AuthPermanent, ""},
		{"client id alone", with(nil, "LEIGA_CLIENT_ID", "c"), "", "LEIGA_SECRET"},
		{"secret alone", with(nil, "LEIGA_SECRET", "s-123456"), "", "LEIGA_CLIENT_ID"},
		{"explicit permanent", with(nil, "LEIGA_AUTH", "permanent", "LEIGA_ACCESS_TOKEN", "tok-abcdef", "LEIGA_CLIENT_ID", "c", "LEIGA_SECRET", "s-123456"), AuthPermanent, ""},
		{"explicit permanent missing both", with(nil, "LEIGA_AUTH", "permanent"), "", "LEIGA_CLIENT_ID and LEIGA_SECRET"},
		{"explicit token missing", with(nil, "LEIGA_AUTH", "token", "LEIGA_CLIENT_ID", "c"), "", "LEIGA_ACCESS_TOKEN"},
		{"explicit refresh, no seed", with(nil, "LEIGA_AUTH", "Refresh", "LEIGA_CLIENT_ID", "c", "LEIGA_SECRET", "s-123456"), AuthRefresh, ""},
		{"explicit oauth missing client", with(nil, "LEIGA_AUTH", "oauth", "LEIGA_OAUTH_TOKEN_URL", "https://a/t"), "", "LEIGA_OAUTH_CLIENT_ID"},
		{"explicit oauth missing url", with(nil, "LEIGA_AUTH", "oauth", "LEIGA_OAUTH_CLIENT_ID", "oc"), "", "LEIGA_OAUTH_TOKEN_URL"},
		{"oauth bad url", with(oauthEnv, "LEIGA_OAUTH_TOKEN_URL", "ftp://x"), "", "LEIGA_OAUTH_TOKEN_URL"},
		{"unknown kind", with(nil, "LEIGA_AUTH", "basic"), "", "LEIGA_AUTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := CredentialsFromEnv(authEnv(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to name %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Kind != tt.wantKind {
				t.Fatalf("kind = %q, want %q", c.Kind, tt.wantKind)
			}
			if c.From == "" {
				t.Error("From is empty")
			}
		})
	}
	if _, err := CredentialsFromEnv(authEnv(nil)); !errors.Is(err, leigaapi.ErrNoToken) {
		t.Errorf("no credentials: err = %v, want leigaapi.ErrNoToken", err)
	}
	c, _ := CredentialsFromEnv(authEnv(with(oauthEnv, "LEIGA_OAUTH_SCOPES", "read, write  admin")))
	if strings.Join(c.OAuth.Scopes, "|") != "read|write|admin" {
		t.Errorf("scopes = %q", c.OAuth.Scopes)
	}
}

func TestDescribe(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	tests := []struct {
		ts   leigaapi.Describer
		want string
	}{
		{NewStaticToken("x"), "the access token in LEIGA_ACCESS_TOKEN"},
		{NewPermanentSource(lg.authClient(t), "cid-1", "secret-describe-1", nil), "the credentials for client id cid-1"},
		{NewRefreshSource(lg.authClient(t), "cid-2", "secret-describe-2", "", nil), "the credentials for client id cid-2"},
		{NewOAuthSource(OAuthSettings{ClientID: "oc", TokenURL: "http://x/t"}, "", nil), "the credentials for client id oc"},
	}
	for _, tt := range tests {
		if got := tt.ts.Describe(); got != tt.want {
			t.Errorf("Describe = %q, want %q", got, tt.want)
		}
	}
}
