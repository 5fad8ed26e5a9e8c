package leigaapi

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"encoding/json"
	"fmt"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/jsonscan"
)

// Envelope is Leiga's response wrapper: code "0" means success.
type Envelope struct {
	Code json.RawMessage `json:"code"`
	Msg  string          `json:"msg"`
	Data json.RawMessage `json:"data"`
}

// CodeString returns the envelope code as a string, accepting both the
// documented string form ("0") and a bare number (0).
func (e Envelope) CodeString() string {
	c := bytes.TrimSpace(e.Code)
	if len(c) == 0 || bytes.Equal(c, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(c, &s) == nil {
		return s
	}
	return string(c)
}

// DecodeEnvelope parses body as the Leiga envelope. It fails when the body
// is not JSON, is not an object, or has no code.
func DecodeEnvelope(body []byte) (Envelope, error) {
	var env Envelope
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return env, fmt.Errorf("empty response body")
	}
	if trimmed[0] != '{' {
		return env, fmt.Errorf("response is not a JSON object: %s", snippet(trimmed))
	}
	if !json.Valid(trimmed) {
		var probe any
		err := json.Unmarshal(trimmed, &probe)
		return env, fmt.Errorf("response is not valid JSON: %v: %s", err, snippet(trimmed))
	}
	if !scanEnvelope(trimmed, &env) {
		if err := json.Unmarshal(trimmed, &env); err != nil {
			return env, fmt.Errorf("response is not valid JSON: %v: %s", err, snippet(trimmed))
		}
	}
	if env.CodeString() == "" {
		return env, fmt.Errorf("response has no envelope code: %s", snippet(trimmed))
	}
	return env, nil
}

// snippet returns at most 200 bytes of b for an error message; markup
// (an HTML error page) is only described, never quoted.
func snippet(b []byte) string {
	const max = 200
	if len(b) > 0 && b[0] == '<' {
		return fmt.Sprintf("an HTML page (%d bytes)", len(b))
	}
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "…"
}

// scanEnvelope reads the code, msg and data members of a valid JSON object
// without decoding the rest: data is a slice of body, not a copy. It
// reports false when it cannot (an escaped key, a msg with escapes), and
// the caller decodes the envelope the slow way.
func scanEnvelope(body []byte, env *Envelope) bool {
	for _, m := range jsonscan.Members(body, 0) {
		val := body[m.Start:m.End]
		switch m.Key {
		case "code":
			env.Code = val
		case "data":
			env.Data = val
		case "msg":
			if len(val) > 0 && val[0] == '"' {
				inner := val[1 : len(val)-1]
				if bytes.IndexByte(inner, '\\') >= 0 || !utf8.Valid(inner) {
					return false
				}
				env.Msg = string(inner)
			}
		default:
			if m.Escaped || strings.EqualFold(m.Key, "code") || strings.EqualFold(m.Key, "data") || strings.EqualFold(m.Key, "msg") {
				return false // encoding/json would match it case-insensitively
			}
		}
	}
	return true
}
