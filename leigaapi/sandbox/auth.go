package sandbox

import (
	"crypto/rand"
	"crypto/subtle"
	"strconv"
	"strings"
	"time"
)

// refreshTTL is the lifetime of a refresh token.
const refreshTTL = 30 * 24 * time.Hour

// userIn returns the user id that ClientIDFor or StaticTokenFor put after
// base, accepting only the exact form they produce.
func userIn(s, base string) (int64, bool) {
	n, ok := strings.CutPrefix(s, base+"-")
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(n, 10, 64)
	if err != nil || strconv.FormatInt(id, 10) != n {
		return 0, false
	}
	return id, true
}

// tokenGrant is an issued token: the user it acts as and when it expires (zero:
// never).
type tokenGrant struct {
	user int64
	exp  time.Time
}

// live reports whether g has not expired at now.
func (g tokenGrant) live(now time.Time) bool { return g.exp.IsZero() || now.Before(g.exp) }

// tokenStore holds the issued tokens and the users they belong to. The
// static tokens (StaticToken, StaticTokenFor) are not stored: they are
// valid until revokeAll.
type tokenStore struct {
	access        map[string]tokenGrant
	refresh       map[string]tokenGrant
	staticRevoked bool
}

// newTokenStore returns an empty store in which the static tokens are valid.
func newTokenStore() *tokenStore {
	return &tokenStore{access: map[string]tokenGrant{}, refresh: map[string]tokenGrant{}}
}

// owner returns the user an access token acts as at now; def is the owner
// of StaticToken. ok is false for an unknown, expired or revoked token.
func (t *tokenStore) owner(token string, now time.Time, def int64) (user int64, ok bool) {
	if token == "" {
		return 0, false
	}
	if token == StaticToken {
		return def, !t.staticRevoked
	}
	if id, static := userIn(token, StaticToken); static {
		return id, !t.staticRevoked
	}
	g, ok := t.access[token]
	if !ok {
		return 0, false
	}
	if !g.live(now) {
		delete(t.access, token)
		return 0, false
	}
	return g.user, true
}

// revokeAll invalidates every token, the static ones included.
func (t *tokenStore) revokeAll() {
	clear(t.access)
	clear(t.refresh)
	t.staticRevoked = true
}

// issue stores a new random access token of user expiring at exp (zero:
// never).
func (t *tokenStore) issue(user int64, exp time.Time) string {
	tok := rand.Text() + rand.Text()
	t.access[tok] = tokenGrant{user: user, exp: exp}
	return tok
}

// issueRefresh stores a new refresh token of user.
func (t *tokenStore) issueRefresh(user int64, now time.Time) string {
	tok := rand.Text() + rand.Text()
	t.refresh[tok] = tokenGrant{user: user, exp: now.Add(refreshTTL)}
	return tok
}

// useRefresh consumes a refresh token of user: it works once (rotation).
// A token of another user is refused and left alone.
func (t *tokenStore) useRefresh(user int64, token string, now time.Time) bool {
	g, ok := t.refresh[token]
	if !ok || g.user != user {
		return false
	}
	delete(t.refresh, token)
	return g.live(now)
}

// caller returns the active user an access token acts as at now. ok is
// false for an unknown, expired or revoked token, and for a token whose
// user is unknown, disabled or removed.
func (st *store) caller(token string, now time.Time) (int64, bool) {
	id, ok := st.tokens.owner(token, now, st.me)
	return id, ok && st.active(id)
}

// active reports whether id is a member who may sign in: known, not
// disabled and not removed.
func (st *store) active(id int64) bool {
	u, ok := st.users[id]
	return ok && !u.Disabled && !u.Removed
}

// tokenResult is the answer of the /authorize endpoints.
type tokenResult struct {
	AccessToken  string `json:"accessToken"`
	ExpireIn     int64  `json:"expireIn"` // seconds, -1 never
	RefreshToken string `json:"refreshToken,omitempty"`
}

// credentials checks clientId and secretKey and returns the user of the
// client id: ClientID is the seed's current user, ClientIDFor(id) the
// active user id. refresh also requires refreshToken and returns it.
func (st *store) credentials(c *call, refresh bool) (user int64, token string, err error) {
	id := c.reqString("clientId")
	secret := c.reqString("secretKey")
	if refresh {
		token = c.reqString("refreshToken")
	}
	if err := c.check(); err != nil {
		return 0, "", err
	}
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(Secret)) == 1
	user, known := st.me, id == ClientID
	if !known {
		user, known = userIn(id, ClientID)
	}
	if !secretOK || !known || !st.active(user) {
		return 0, "", errBadCredentials
	}
	return user, token, nil
}

// permanentToken serves /authorize/access-permanent-token.
func (st *store) permanentToken(c *call) (any, error) {
	user, _, err := st.credentials(c, false)
	if err != nil {
		return nil, err
	}
	c.issuedToken = true
	if c.permTTL > 0 {
		return tokenResult{AccessToken: st.tokens.issue(user, c.now.Add(c.permTTL)), ExpireIn: int64(c.permTTL / time.Second)}, nil
	}
	return tokenResult{AccessToken: st.tokens.issue(user, time.Time{}), ExpireIn: -1}, nil
}

// accessToken serves /authorize/access-token.
func (st *store) accessToken(c *call) (any, error) {
	user, _, err := st.credentials(c, false)
	if err != nil {
		return nil, err
	}
	return st.grant(c, user), nil
}

// refreshToken serves /authorize/refresh-token. The refresh token is
// rotated: the one sent stops working. It must have been issued to the
// user of the client id.
func (st *store) refreshToken(c *call) (any, error) {
	user, old, err := st.credentials(c, true)
	if err != nil {
		return nil, err
	}
	if !st.tokens.useRefresh(user, old, c.now) {
		return nil, errBadRefresh
	}
	return st.grant(c, user), nil
}

// grant issues an expiring access token and a refresh token of user.
func (st *store) grant(c *call, user int64) tokenResult {
	c.issuedToken = true
	return tokenResult{
		AccessToken:  st.tokens.issue(user, c.now.Add(c.ttl)),
		ExpireIn:     int64(c.ttl / time.Second),
		RefreshToken: st.tokens.issueRefresh(user, c.now),
	}
}
