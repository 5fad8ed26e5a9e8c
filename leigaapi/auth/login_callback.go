package auth

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// loginCallback serves the loopback redirect of a login. The first redirect
// delivers its code (or why it has none: the authorization server's
// refusal, a state that does not match) to wait, and its browser page
// reports the outcome of the token exchange.
type loginCallback struct {
	state string
	path  string

	once   sync.Once
	got    chan loginRedirect // the first redirect
	result chan error         // the outcome of the exchange, for its page
}

// loginRedirect is what a redirect brought.
type loginRedirect struct {
	code string
	err  error
}

func newLoginCallback(state, path string) *loginCallback {
	if path == "" {
		path = "/"
	}
	return &loginCallback{state: state, path: path, got: make(chan loginRedirect, 1), result: make(chan error, 1)}
}

// ServeHTTP handles one request to the redirect listener.
func (cb *loginCallback) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != cb.path {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	q := r.URL.Query()
	var rd loginRedirect
	switch {
	case q.Get("error") != "":
		rd.err = fmt.Errorf("login failed: the authorization server answered %s", loginClip(strings.TrimSpace(q.Get("error")+" "+q.Get("error_description"))))
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(cb.state)) != 1:
		rd.err = errors.New("login failed: the state in the redirect does not match this login (possible forgery); no token was requested")
	case q.Get("code") == "":
		rd.err = errors.New("login failed: the redirect carries no authorization code")
	default:
		rd.code = q.Get("code")
	}
	first := false
	cb.once.Do(func() { first = true; cb.got <- rd })
	if !first {
		w.WriteHeader(http.StatusConflict)
		io.WriteString(w, "This login was already handled. You can close this window.\n")
		return
	}
	if rd.err != nil {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, rd.err.Error()+"\n")
		return
	}
	select {
	case err := <-cb.result:
		if err != nil {
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "leiga-mcp login failed: "+leigaapi.Redact(err.Error())+"\n")
			return
		}
		io.WriteString(w, "leiga-mcp is logged in. You can close this window.\n")
	case <-r.Context().Done():
	}
}

// wait returns the code of the first redirect, or why there is none (the
// server's refusal, a forged redirect, or ctx's end).
func (cb *loginCallback) wait(ctx context.Context) (string, error) {
	select {
	case rd := <-cb.got:
		return rd.code, rd.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// finish reports the outcome of the exchange to the redirect's page.
func (cb *loginCallback) finish(err error) { cb.result <- err }

// loginClip keeps text from the network short in messages.
func loginClip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
