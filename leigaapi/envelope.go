package leigaapi

import (
	"bytes"
	"encoding/json"
	"fmt"
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
	if err := json.Unmarshal(trimmed, &env); err != nil {
		return env, fmt.Errorf("response is not valid JSON: %v: %s", err, snippet(trimmed))
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
