// Package jsonscan walks valid JSON without decoding it: the members of an
// object as spans of the input. The Leiga envelope reader and the server's
// JSON-RPC gate use it to look at a message's top level without copying
// what they do not need (a file's base64, an issue list).
package jsonscan

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Member is one member of an object: its key (unescaped) and where its
// value stands in the input, raw[Start:End].
type Member struct {
	Key        string
	Start, End int
	// Escaped reports a key that had escapes in the input.
	Escaped bool
}

// Members returns the members of the object starting at raw[i]. It expects
// valid JSON (check with json.Valid first) and stops early on anything
// else.
func Members(raw []byte, i int) []Member {
	var out []Member
	i = Space(raw, i+1)
	for i < len(raw) && raw[i] == '"' {
		end := String(raw, i)
		m := Member{}
		if key := raw[i+1 : max(end-1, i+1)]; bytes.IndexByte(key, '\\') < 0 {
			m.Key = string(key)
		} else {
			_ = json.Unmarshal(raw[i:end], &m.Key)
			m.Escaped = true
		}
		i = Space(raw, end)
		if i >= len(raw) || raw[i] != ':' {
			return out
		}
		i = Space(raw, i+1)
		if i >= len(raw) {
			return out
		}
		m.Start, m.End = i, Value(raw, i)
		out = append(out, m)
		i = Space(raw, m.End)
		if i >= len(raw) || raw[i] != ',' {
			return out
		}
		i = Space(raw, i+1)
	}
	return out
}

// Space returns the index of the first non-space byte at or after i.
func Space(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}

// String returns the index just past the string starting at raw[i].
func String(raw []byte, i int) int {
	i++
	for i < len(raw) {
		j := bytes.IndexAny(raw[i:], `"\`)
		if j < 0 {
			return len(raw)
		}
		i += j
		if raw[i] == '"' {
			return i + 1
		}
		i += 2
	}
	return len(raw)
}

// Value returns the index just past the value starting at raw[i].
func Value(raw []byte, i int) int {
	switch raw[i] {
	case '"':
		return String(raw, i)
	case '{', '[':
		depth := 0
		for i < len(raw) {
			switch raw[i] {
			case '"':
				i = String(raw, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(raw)
	}
	for i < len(raw) && strings.IndexByte(",}] \t\r\n", raw[i]) < 0 {
		i++
	}
	return i
}
