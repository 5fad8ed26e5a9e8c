package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// TokenCache keeps tokens on disk across restarts: one JSON file per client
// id, mode 0600, replaced atomically (temp file + rename in the same
// directory). A file that other users could read or change (a mode wider
// than 0600, or another owner) is refused: never read, never replaced, and
// reported with what to do. A nil *TokenCache is a disabled cache: loads
// find nothing and stores do nothing.
type TokenCache struct {
	dir  string // one file per client id in dir, or
	file string // this one file for whatever client id last stored
}

// cacheVersion is the format of a cache file; other versions are ignored.
const cacheVersion = 1

// maxCacheFileBytes bounds what load reads; a real entry is well under 4 KiB.
const maxCacheFileBytes = 64 << 10

// OpenTokenCache interprets a LEIGA_TOKEN_CACHE setting:
//
//   - "off" (any case): no cache; returns nil, nil.
//   - "": the directory os.UserConfigDir()/leiga-mcp, one file per client id.
//   - an existing directory, or a path ending in a separator: that directory.
//   - anything else: that one file (it records its client id; an entry for
//     another client id is ignored and replaced).
//
// A leading "~/" means the home directory. Nothing is created until the first
// store.
func OpenTokenCache(setting string) (*TokenCache, error) {
	setting = strings.TrimSpace(setting)
	if strings.EqualFold(setting, "off") {
		return nil, nil
	}
	if setting == "" {
		dir, err := os.UserConfigDir()
		if err != nil {
			return nil, fmt.Errorf("no default place for the token cache (%v): set LEIGA_TOKEN_CACHE to a file path, or to off", err)
		}
		return &TokenCache{dir: filepath.Join(dir, "leiga-mcp")}, nil
	}
	p := setting
	if strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("LEIGA_TOKEN_CACHE=%s: cannot find the home directory: %v", setting, err)
		}
		p = filepath.Join(home, p[2:])
	}
	if strings.HasSuffix(setting, "/") || strings.HasSuffix(setting, string(os.PathSeparator)) {
		return &TokenCache{dir: filepath.Clean(p)}, nil
	}
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		return &TokenCache{dir: filepath.Clean(p)}, nil
	}
	return &TokenCache{file: filepath.Clean(p)}, nil
}

// Path returns the file that holds clientID's tokens ("" for a nil cache).
func (c *TokenCache) Path(clientID string) string {
	if c == nil {
		return ""
	}
	if c.file != "" {
		return c.file
	}
	return filepath.Join(c.dir, "token-"+cacheFileKey(clientID)+".json")
}

// String names the cache location for logs (paths hold no secret).
func (c *TokenCache) String() string {
	switch {
	case c == nil:
		return "off"
	case c.file != "":
		return c.file
	default:
		return c.dir + string(os.PathSeparator)
	}
}

var safeFileKey = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$`)

// cacheFileKey makes clientID safe as part of a file name.
func cacheFileKey(clientID string) string {
	if safeFileKey.MatchString(clientID) {
		return clientID
	}
	sum := sha256.Sum256([]byte(clientID))
	return "h" + hex.EncodeToString(sum[:8])
}

// cacheEntry is the JSON form of one cache file.
type cacheEntry struct {
	Version      int        `json:"version"`
	Kind         AuthKind   `json:"kind"`
	ClientID     string     `json:"clientId"`
	Issuer       string     `json:"issuer"` // Leiga base URL or OAuth token URL
	AccessToken  string     `json:"accessToken,omitempty"`
	RefreshToken string     `json:"refreshToken,omitempty"`
	ObtainedAt   time.Time  `json:"obtainedAt"`
	ExpiresAt    *time.Time `json:"expiresAt,omitempty"` // nil: never expires
	// Seed is a hash of the LEIGA_REFRESH_TOKEN that started this refresh
	// chain; when the environment names another one, the entry is stale.
	Seed string `json:"seed,omitempty"`
}

// errNoCacheFile is load's answer when there is simply no file yet.
var errNoCacheFile = errors.New("no token cache file")

// unsafeCacheError refuses a cache file that other users could read or
// change.
type unsafeCacheError struct {
	path    string
	problem string // "has mode 0644, so other users can read it"
	fix     string // "run chmod 600 <path>, or delete it"
}

// Error names the file, the problem and the fix.
func (e *unsafeCacheError) Error() string {
	return fmt.Sprintf("token cache %s %s; it is not used: %s", e.path, e.problem, e.fix)
}

// checkSafe refuses the file at path when other users could read or change
// it; a missing file is fine.
func checkSafe(path string) error {
	fi, err := os.Stat(path)
	if err != nil {
		return nil // missing, or the open that follows reports it
	}
	if problem, fix := unsafeFile(fi, path); problem != "" {
		return &unsafeCacheError{path: path, problem: problem, fix: fix}
	}
	return nil
}

// load reads the entry for (kind, clientID, issuer). It fails with
// errNoCacheFile when there is no file, with *unsafeCacheError (without
// reading it) when other users could read or change the file, and
// otherwise with what was wrong; the caller then ignores the file, and a
// later store replaces it unless it is unsafe.
func (c *TokenCache) load(kind AuthKind, clientID, issuer string) (cacheEntry, error) {
	var e cacheEntry
	if c == nil {
		return e, errNoCacheFile
	}
	path := c.Path(clientID)
	if err := checkSafe(path); err != nil {
		return e, err
	}
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return e, errNoCacheFile
		}
		return e, fmt.Errorf("unreadable: %w", err)
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, maxCacheFileBytes+1))
	switch {
	case err != nil:
		return e, fmt.Errorf("unreadable: %w", err)
	case len(raw) > maxCacheFileBytes:
		return e, errors.New("too large")
	}
	if err := json.Unmarshal(raw, &e); err != nil {
		return cacheEntry{}, errors.New("corrupt")
	}
	switch {
	case e.Version != cacheVersion:
		return cacheEntry{}, fmt.Errorf("format version %d", e.Version)
	case e.ClientID != clientID:
		return cacheEntry{}, errors.New("for another client id")
	case e.Kind != kind:
		return cacheEntry{}, errors.New("for another kind of credentials (" + string(e.Kind) + ")")
	case e.Issuer != issuer:
		return cacheEntry{}, errors.New("for another server")
	case e.AccessToken == "" && e.RefreshToken == "":
		return cacheEntry{}, errors.New("empty")
	}
	return e, nil
}

// store writes e atomically: a temp file in the same directory, mode 0600,
// synced, then renamed over the old file. Readers see the old file or the
// new one, never a partial write. A file refused as unsafe is left for the
// user to fix or delete.
func (c *TokenCache) store(e cacheEntry) error {
	if c == nil {
		return nil
	}
	e.Version = cacheVersion
	raw, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	path := c.Path(e.ClientID)
	if err := checkSafe(path); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("cannot create the token cache directory: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".leiga-token-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	if _, err := tmp.Write(append(raw, '\n')); err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("cannot write the token cache: %w", err)
	}
	ok = true
	return nil
}

// seedHash identifies a refresh token given in the environment without
// storing it.
func seedHash(refreshToken string) string {
	if refreshToken == "" {
		return ""
	}
	sum := sha256.Sum256([]byte("leiga-mcp seed\x00" + refreshToken))
	return hex.EncodeToString(sum[:12])
}
