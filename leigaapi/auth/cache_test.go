package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOpenTokenCache(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		setting  string
		wantNil  bool
		wantPath string // Path("cid-1")
	}{
		{"off", true, ""},
		{"OFF", true, ""},
		{dir, false, filepath.Join(dir, "token-cid-1.json")},
		{filepath.Join(dir, "new") + string(os.PathSeparator), false, filepath.Join(dir, "new", "token-cid-1.json")},
		{filepath.Join(dir, "tokens.json"), false, filepath.Join(dir, "tokens.json")},
	}
	for _, tt := range tests {
		c, err := OpenTokenCache(tt.setting)
		if err != nil {
			t.Fatalf("%q: %v", tt.setting, err)
		}
		if (c == nil) != tt.wantNil {
			t.Fatalf("%q: cache = %v, want nil %v", tt.setting, c, tt.wantNil)
		}
		if got := c.Path("cid-1"); got != tt.wantPath {
			t.Errorf("%q: Path = %q, want %q", tt.setting, got, tt.wantPath)
		}
	}
	c, err := OpenTokenCache("")
	if err == nil && !strings.HasSuffix(filepath.Dir(c.Path("x")), "leiga-mcp") {
		t.Errorf("default cache dir = %q, want .../leiga-mcp", filepath.Dir(c.Path("x")))
	}
	// A client id that is not a safe file name is hashed.
	if p := (&TokenCache{dir: dir}).Path("../../etc/passwd"); filepath.Dir(p) != dir {
		t.Errorf("unsafe client id escaped the cache dir: %q", p)
	}
	// A nil cache stores nothing and finds nothing.
	var none *TokenCache
	if err := none.store(cacheEntry{ClientID: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := none.load(AuthPermanent, "x", ""); !errors.Is(err, errNoCacheFile) {
		t.Fatal("nil cache found an entry")
	}
}

// TestCacheFileModeAndAtomicWrite: the file is 0600 in a 0700 directory,
// each store replaces the file by rename (a new inode), no temp file is
// left behind, and a concurrent reader never sees a partial file.
func TestCacheFileModeAndAtomicWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sub")
	c, err := OpenTokenCache(dir + string(os.PathSeparator))
	if err != nil {
		t.Fatal(err)
	}
	entry := func(i int) cacheEntry {
		return cacheEntry{Kind: AuthPermanent, ClientID: "cid-1", Issuer: "http://leiga",
			AccessToken: strings.Repeat("a", 2000) + string(rune('a'+i%26)), ObtainedAt: time.Now().UTC()}
	}
	if err := c.store(entry(0)); err != nil {
		t.Fatal(err)
	}
	path := c.Path("cid-1")
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("cache file mode = %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(dir); di.Mode().Perm() != 0o700 {
		t.Fatalf("cache dir mode = %v, want 0700", di.Mode().Perm())
	}

	var stop atomic.Bool
	var wg sync.WaitGroup
	var reads, partial atomic.Int32
	wg.Go(func() {
		for !stop.Load() {
			raw, err := os.ReadFile(path)
			if err != nil {
				continue
			}
			reads.Add(1)
			var e cacheEntry
			if json.Unmarshal(raw, &e) != nil || len(e.AccessToken) != 2001 {
				partial.Add(1)
			}
		}
	})
	prev := fi
	for i := 1; i <= 100; i++ {
		if err := c.store(entry(i)); err != nil {
			t.Fatal(err)
		}
		cur, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if os.SameFile(prev, cur) {
			t.Fatal("store rewrote the file in place instead of renaming a temp file over it")
		}
		prev = cur
	}
	stop.Store(true)
	wg.Wait()
	if partial.Load() != 0 {
		t.Fatalf("%d of %d concurrent reads saw a partial file", partial.Load(), reads.Load())
	}
	names, _ := os.ReadDir(dir)
	if len(names) != 1 {
		t.Fatalf("cache dir holds %d files, want 1 (no temp files left)", len(names))
	}
}

// TestCacheIgnoredAndReplaced: a corrupt, other-client, other-kind, other
// server or expired cache file is ignored (not fatal) and replaced; a good
// one saves the token request.
func TestCacheIgnoredAndReplaced(t *testing.T) {
	now := newAuthClock()
	good := func(f *authFakeLeiga) cacheEntry {
		exp := now.Now().Add(time.Hour)
		return cacheEntry{Version: cacheVersion, Kind: AuthPermanent, ClientID: "cid-1", Issuer: f.srv.URL,
			AccessToken: "cached-token-123456", ObtainedAt: now.Now(), ExpiresAt: &exp}
	}
	tests := []struct {
		name      string
		content   func(f *authFakeLeiga) string
		wantFetch bool
	}{
		{"valid", func(f *authFakeLeiga) string { return mustJSON(good(f)) }, false},
		{"never expires", func(f *authFakeLeiga) string { e := good(f); e.ExpiresAt = nil; return mustJSON(e) }, false},
		{"corrupt", func(*authFakeLeiga) string { return `{"version":1,"kind":"perm` }, true},
		{"garbage", func(*authFakeLeiga) string { return "\x00\x01not json at all" }, true},
		{"other client id", func(f *authFakeLeiga) string { e := good(f); e.ClientID = "cid-2"; return mustJSON(e) }, true},
		{"other kind", func(f *authFakeLeiga) string { e := good(f); e.Kind = AuthRefresh; return mustJSON(e) }, true},
		{"other server", func(f *authFakeLeiga) string { e := good(f); e.Issuer = "http://elsewhere"; return mustJSON(e) }, true},
		{"other version", func(f *authFakeLeiga) string { e := good(f); e.Version = 99; return mustJSON(e) }, true},
		{"expired", func(f *authFakeLeiga) string {
			e := good(f)
			e.ObtainedAt = now.Now().Add(-2 * time.Hour)
			exp := now.Now().Add(-time.Hour)
			e.ExpiresAt = &exp
			return mustJSON(e)
		}, true},
		{"about to expire", func(f *authFakeLeiga) string {
			e := good(f)
			e.ObtainedAt = now.Now().Add(-time.Hour)
			exp := now.Now().Add(30 * time.Second)
			e.ExpiresAt = &exp
			return mustJSON(e)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lg := newAuthFakeLeiga(t)
			lg.accept("cached-token-123456", "cid-1")
			path := filepath.Join(t.TempDir(), "token.json") // a file setting: any client id may be in it
			if err := os.WriteFile(path, []byte(tt.content(lg)), 0o600); err != nil {
				t.Fatal(err)
			}
			cache, err := OpenTokenCache(path)
			if err != nil {
				t.Fatal(err)
			}
			ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", cache, WithClock(now.Now))
			if err := authCallProtected(context.Background(), lg.apiClient(t, ts)); err != nil {
				t.Fatal(err)
			}
			fetched := lg.permanentCalls.Load() == 1
			if fetched != tt.wantFetch {
				t.Fatalf("fetched a token = %v, want %v", fetched, tt.wantFetch)
			}
			e, err := cache.load(AuthPermanent, "cid-1", lg.srv.URL)
			if err != nil {
				t.Fatalf("cache not usable afterwards: %v", err)
			}
			if tt.wantFetch && e.AccessToken != lg.lastSeen() {
				t.Fatalf("cache not replaced: holds %q, call used %q", e.AccessToken, lg.lastSeen())
			}
			if !tt.wantFetch && lg.lastSeen() != "cached-token-123456" {
				t.Fatalf("call used %q, want the cached token", lg.lastSeen())
			}
		})
	}
}

// TestStaticTokenNeverCached: token credentials write nothing to the cache.
func TestStaticTokenNeverCached(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	lg.accept("static-token-abcdef", "static")
	dir := t.TempDir()
	cache, _ := OpenTokenCache(dir)
	creds, err := CredentialsFromEnv(authEnv(map[string]string{"LEIGA_ACCESS_TOKEN": "static-token-abcdef"}))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := NewTokenSource(lg.authClient(t), creds, cache)
	if err != nil {
		t.Fatal(err)
	}
	if err := authCallProtected(context.Background(), lg.apiClient(t, ts)); err != nil {
		t.Fatal(err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Fatalf("static token wrote %d cache files", len(names))
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestCacheRefusesUnsafeFile: a cache file other users could read or change
// (mode wider than 0600, or another owner) is not read, not replaced, and
// reported in a warning that names the file and what to do; a private one
// is used.
func TestCacheRefusesUnsafeFile(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string) // after the file is written 0600
		warn    string                          // the warning's problem and fix; "" when the file is used
	}{
		{"mode 0600", func(*testing.T, string) {}, ""},
		{"mode 0400", func(t *testing.T, p string) { chmod(t, p, 0o400) }, ""},
		{"mode 0644", func(t *testing.T, p string) { chmod(t, p, 0o644) },
			`problem="has mode 0644, wider than 0600, so other users may read or change it" fix="run chmod 600 PATH, or delete it"`},
		{"mode 0660", func(t *testing.T, p string) { chmod(t, p, 0o660) },
			`problem="has mode 0660, wider than 0600, so other users may read or change it" fix="run chmod 600 PATH, or delete it"`},
		{"mode 0602", func(t *testing.T, p string) { chmod(t, p, 0o602) },
			`problem="has mode 0602, wider than 0600, so other users may read or change it" fix="run chmod 600 PATH, or delete it"`},
		{"other owner", func(t *testing.T, p string) {
			if os.Geteuid() != 0 {
				t.Skip("needs root to give the file to another user")
			}
			if err := os.Chown(p, 65534, 65534); err != nil {
				t.Skipf("cannot chown: %v", err)
			}
		}, `problem="is owned by uid 65534, not by this user (uid 0)" fix="delete it (or have its owner delete it), or point LEIGA_TOKEN_CACHE elsewhere"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := newAuthClock()
			lg := newAuthFakeLeiga(t)
			lg.accept("cached-token-123456", "cid-1")
			path := filepath.Join(t.TempDir(), "token.json")
			exp := now.Now().Add(time.Hour)
			content := mustJSON(cacheEntry{Version: cacheVersion, Kind: AuthPermanent, ClientID: "cid-1", Issuer: lg.srv.URL,
				AccessToken: "cached-token-123456", ObtainedAt: now.Now(), ExpiresAt: &exp})
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			tt.prepare(t, path)
			before, _ := os.Stat(path)
			cache, _ := OpenTokenCache(path)
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{ReplaceAttr: dropTime}))
			ts := NewPermanentSource(lg.authClient(t), "cid-1", "secret-one-1234", cache, WithClock(now.Now), WithSourceLogger(log))
			if err := authCallProtected(context.Background(), lg.apiClient(t, ts)); err != nil {
				t.Fatal(err)
			}
			if tt.warn == "" {
				if lg.lastSeen() != "cached-token-123456" || lg.permanentCalls.Load() != 0 {
					t.Fatalf("a private cache file was not used: call sent %q", lg.lastSeen())
				}
				return
			}
			if lg.lastSeen() == "cached-token-123456" || lg.permanentCalls.Load() != 1 {
				t.Fatalf("the unsafe file's token was used")
			}
			want := "level=WARN msg=\"leiga token cache refused\" path=" + path + " " + strings.ReplaceAll(tt.warn, "PATH", path) + "\n"
			if !strings.Contains(logs.String(), want) {
				t.Fatalf("logs:\n%s\nwant the line\n%s", logs.String(), want)
			}
			after, err := os.Stat(path)
			raw, _ := os.ReadFile(path)
			if err != nil || !os.SameFile(before, after) || after.Mode() != before.Mode() || string(raw) != content {
				t.Fatalf("the unsafe file was replaced or changed")
			}
		})
	}
}

func chmod(t *testing.T, path string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
}

// dropTime removes the time from log lines, so tests can compare them.
func dropTime(_ []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
