package sandbox

import (
	"crypto/rand"
	"crypto/subtle"
	"time"
)

// refreshTTL is the lifetime of a refresh token.
const refreshTTL = 30 * 24 * time.Hour

// tokenStore holds the issued tokens. Every token belongs to the seed's
// current user. A zero expiry means the token never expires.
type tokenStore struct {
	access        map[string]time.Time
	refresh       map[string]time.Time
	staticRevoked bool
}

// newTokenStore returns an empty store in which StaticToken is valid.
func newTokenStore() *tokenStore {
	return &tokenStore{access: map[string]time.Time{}, refresh: map[string]time.Time{}}
}

// valid reports whether token may call the API at now.
func (t *tokenStore) valid(token string, now time.Time) bool {
	if token == "" {
		return false
	}
	if token == StaticToken {
		return !t.staticRevoked
	}
	exp, ok := t.access[token]
	if !ok {
		return false
	}
	if !exp.IsZero() && !now.Before(exp) {
		delete(t.access, token)
		return false
	}
	return true
}

// revokeAll invalidates every token, StaticToken included.
func (t *tokenStore) revokeAll() {
	clear(t.access)
	clear(t.refresh)
	t.staticRevoked = true
}

// issue stores a new random access token expiring at exp (zero: never).
func (t *tokenStore) issue(exp time.Time) string {
	tok := rand.Text() + rand.Text()
	t.access[tok] = exp
	return tok
}

// issueRefresh stores a new refresh token.
func (t *tokenStore) issueRefresh(now time.Time) string {
	tok := rand.Text() + rand.Text()
	t.refresh[tok] = now.Add(refreshTTL)
	return tok
}

// useRefresh consumes a refresh token: it works once (rotation).
func (t *tokenStore) useRefresh(token string, now time.Time) bool {
	exp, ok := t.refresh[token]
	delete(t.refresh, token)
	return ok && now.Before(exp)
}

// tokenResult is the answer of the /authorize endpoints.
type tokenResult struct {
	AccessToken  string `json:"accessToken"`
	ExpireIn     int64  `json:"expireIn"` // seconds, -1 never
	RefreshToken string `json:"refreshToken,omitempty"`
}

// credentials checks clientId and secretKey. refresh also requires
// refreshToken and returns it.
func credentials(c *call, refresh bool) (string, error) {
	id := c.reqString("clientId")
	secret := c.reqString("secretKey")
	var token string
	if refresh {
		token = c.reqString("refreshToken")
	}
	if err := c.check(); err != nil {
		return "", err
	}
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(ClientID))
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(Secret))
	if idOK&secretOK != 1 {
		return "", errBadCredentials
	}
	return token, nil
}

// permanentToken serves /authorize/access-permanent-token.
func (st *store) permanentToken(c *call) (any, error) {
	if _, err := credentials(c, false); err != nil {
		return nil, err
	}
	c.issuedToken = true
	if c.permTTL > 0 {
		return tokenResult{AccessToken: st.tokens.issue(c.now.Add(c.permTTL)), ExpireIn: int64(c.permTTL / time.Second)}, nil
	}
	return tokenResult{AccessToken: st.tokens.issue(time.Time{}), ExpireIn: -1}, nil
}

// accessToken serves /authorize/access-token.
func (st *store) accessToken(c *call) (any, error) {
	if _, err := credentials(c, false); err != nil {
		return nil, err
	}
	return st.grant(c), nil
}

// refreshToken serves /authorize/refresh-token. The refresh token is
// rotated: the one sent stops working.
func (st *store) refreshToken(c *call) (any, error) {
	old, err := credentials(c, true)
	if err != nil {
		return nil, err
	}
	if !st.tokens.useRefresh(old, c.now) {
		return nil, errBadRefresh
	}
	return st.grant(c), nil
}

// grant issues an expiring access token and a refresh token.
func (st *store) grant(c *call) tokenResult {
	c.issuedToken = true
	return tokenResult{
		AccessToken:  st.tokens.issue(c.now.Add(c.ttl)),
		ExpireIn:     int64(c.ttl / time.Second),
		RefreshToken: st.tokens.issueRefresh(c.now),
	}
}
