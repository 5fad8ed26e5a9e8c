package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// Envelope codes the sandbox answers with.
const (
	codeOK             = "0"
	codeBadRequest     = "400"
	codeUnauthorized   = "401"
	codeNotFound       = "404"
	codeConflict       = "409"
	codeBadCredentials = "10001"
	codeBadRefresh     = "10002"
)

// envelope is Leiga's response wrapper.
type envelope struct {
	Code string `json:"code"`
	Msg  string `json:"msg"`
	Data any    `json:"data"`
}

// apiError is a failed call: the HTTP status and the envelope code and msg.
type apiError struct {
	status int
	code   string
	msg    string
}

// Error returns the envelope message.
func (e *apiError) Error() string { return e.msg }

// Errors shared by several handlers.
var (
	errUnauthorized   = &apiError{http.StatusUnauthorized, codeUnauthorized, "accessToken invalid or expired"}
	errBadCredentials = &apiError{http.StatusOK, codeBadCredentials, "invalid clientId or secretKey"}
	errBadRefresh     = &apiError{http.StatusOK, codeBadRefresh, "refreshToken invalid or expired"}
)

// badRequest is a validation failure (HTTP 200, code "400").
func badRequest(format string, args ...any) error {
	return &apiError{http.StatusOK, codeBadRequest, fmt.Sprintf(format, args...)}
}

// notFound is an unknown id (HTTP 200, code "404"): "issue 123 not found".
func notFound(kind string, id any) error {
	return &apiError{http.StatusOK, codeNotFound, fmt.Sprintf("%s %v not found", kind, id)}
}

// conflict is a request the current state forbids (HTTP 200, code "409").
func conflict(format string, args ...any) error {
	return &apiError{http.StatusOK, codeConflict, fmt.Sprintf(format, args...)}
}

// rawFile is a handler result sent as raw bytes instead of an envelope.
type rawFile struct {
	name        string
	contentType string
	data        []byte
}

// success is the {"success":true} answer of most writes.
type success struct {
	Success bool `json:"success"`
}

// done is the answer of a successful write.
var done = success{Success: true}

// created is the {"id":n} answer of most creations.
type created struct {
	ID int64 `json:"id"`
}

// writeResult answers a handler's result or error.
func writeResult(w http.ResponseWriter, result any, err error) {
	if err != nil {
		var ae *apiError
		if !errors.As(err, &ae) {
			ae = &apiError{http.StatusInternalServerError, "500", err.Error()}
		}
		writeEnvelope(w, ae.status, ae.code, ae.msg, nil)
		return
	}
	if f, ok := result.(rawFile); ok {
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("Content-Length", strconv.Itoa(len(f.data)))
		h.Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", f.name))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(f.data)
		return
	}
	writeEnvelope(w, http.StatusOK, codeOK, "success", result)
}

// writeEnvelope answers {"code","msg","data"} with the given HTTP status.
func writeEnvelope(w http.ResponseWriter, status int, code, msg string, data any) {
	var body bytes.Buffer
	enc := json.NewEncoder(&body)
	enc.SetEscapeHTML(false) // rich text stays readable, as the real service sends it
	if err := enc.Encode(envelope{Code: code, Msg: msg, Data: data}); err != nil {
		status = http.StatusInternalServerError
		body.Reset()
		_ = enc.Encode(envelope{Code: "500", Msg: "cannot encode response: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body.Bytes())
}

// pageResult is a paged answer.
type pageResult[T any] struct {
	Total int `json:"total"`
	List  []T `json:"list"`
}

// paginate cuts one page out of items and renders it with view.
func paginate[T, R any](items []T, p pageReq, view func(T) R) pageResult[R] {
	out := pageResult[R]{Total: len(items), List: []R{}}
	if p.number-1 >= int64(len(items))/p.size+1 {
		return out
	}
	start := (p.number - 1) * p.size
	end := min(start+p.size, int64(len(items)))
	for _, it := range items[start:end] {
		out.List = append(out.List, view(it))
	}
	return out
}

// same is the identity view for paginate.
func same[T any](v T) T { return v }

// nullInt is an id or timestamp that encodes 0 as null.
type nullInt int64

// MarshalJSON encodes 0 as null.
func (n nullInt) MarshalJSON() ([]byte, error) {
	if n == 0 {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(n), 10), nil
}

// nullStr is a name that encodes "" as null.
type nullStr string

// MarshalJSON encodes "" as null.
func (s nullStr) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// idName is the {"id","name"} reference used in option lists and *VO fields.
type idName struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}
