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

// loginCallback serves the loopback redirect of a login. Only a redirect
// that carries this login's state counts: the first one delivers its code
// (or the authorization server's refusal) to wait, and its browser page
// reports the outcome of the token exchange. A redirect with a wrong or
// missing state gets a 400 page and changes nothing, so a stray or forged
// request cannot end the login.
type loginCallback struct {
	state string
	path  string

	once   sync.Once
	got    chan loginRedirect // the first redirect with the right state
	result chan error         // the outcome of the exchange, for its page
}

// loginRedirect is what a redirect with the right state brought.
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
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(cb.state)) != 1 {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, "This redirect does not belong to the leiga-mcp login in progress (its state does not match), so it was ignored.\n"+
			"The login is still waiting: finish it from the URL that leiga-mcp login printed.\n")
		return
	}
	var rd loginRedirect
	switch {
	case q.Get("error") != "":
		rd.err = fmt.Errorf("login failed: the authorization server answered %s", loginClip(strings.TrimSpace(q.Get("error")+" "+q.Get("error_description"))))
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

// wait returns the code of the first redirect with the right state, or why
// there is none (the server's refusal, or ctx's end).
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
