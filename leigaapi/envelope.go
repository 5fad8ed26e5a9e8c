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
	i := 1 // past '{'
	for {
		i = skipSpace(body, i)
		if i >= len(body) || body[i] == '}' {
			return true
		}
		if body[i] == ',' {
			i = skipSpace(body, i+1)
		}
		if i >= len(body) || body[i] != '"' {
			return false
		}
		end := skipString(body, i)
		if end < 0 {
			return false
		}
		key := body[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		i = skipSpace(body, end)
		if i >= len(body) || body[i] != ':' {
			return false
		}
		i = skipSpace(body, i+1)
		vend := skipValue(body, i)
		if vend < 0 {
			return false
		}
		val := body[i:vend]
		switch string(key) {
		case "code":
			env.Code = val
		case "data":
			env.Data = val
		case "msg":
			if len(val) > 0 && val[0] == '"' {
				inner := val[1 : len(val)-1]
				if bytes.IndexByte(inner, '\\') >= 0 {
					return false
				}
				env.Msg = string(inner)
			}
		default:
			if bytes.EqualFold(key, []byte("code")) || bytes.EqualFold(key, []byte("data")) || bytes.EqualFold(key, []byte("msg")) {
				return false // encoding/json would match it case-insensitively
			}
		}
		i = vend
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i], or -1.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index after the value starting at b[i] (b is
// valid JSON), or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				j := skipString(b, i)
				if j < 0 {
					return -1
				}
				i = j - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\n' && b[i] != '\t' && b[i] != '\r' {
		i++
	}
	return i
}
