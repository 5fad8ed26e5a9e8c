package toolkit

import (
	"errors"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A small JSON reader for result shaping. It keeps object members in the
// order Leiga sent them (so columns and fields come out in a stable,
// meaningful order), points into the input instead of copying strings,
// and notes whether any string holds an invisible character, so that a
// clean answer is passed on untouched.

// kind is a JSON value's type.
type kind byte

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

// node is one JSON value. raw is the value's bytes in the input (for a
// string, with its quotes and escapes).
type node struct {
	kind    kind
	raw     []byte
	members []member // objects
	items   []node   // arrays
	dirty   bool     // a string that holds invisible characters
	spaced  bool     // a container with whitespace between its tokens
}

// member is one key and value of an object; key is the raw key without
// quotes (escapes undecoded: keys Leiga sends are plain).
type member struct {
	key string
	val node
}

// keyString returns a key as a string that shares the input's bytes: the
// input is never written to while its tree is in use.
func keyString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// errSyntax is malformed JSON.
var errSyntax = errors.New("malformed JSON")

// parser reads one JSON document. Members and items are gathered on
// stacks and copied out once per container, so a container costs one
// allocation whatever its size.
type parser struct {
	b       []byte
	i       int
	dirty   bool // some string needs cleaning
	depth   int
	members []member
	items   []node
}

// maxDepth bounds nesting, so hostile input cannot exhaust the stack.
const maxDepth = 200

// parseTree parses data into a tree; dirty reports whether any string
// holds an invisible character.
func parseTree(data []byte) (n node, dirty bool, err error) {
	p := parser{b: data}
	p.space()
	if p.i >= len(p.b) {
		return node{kind: kNull}, false, nil
	}
	n, err = p.value()
	if err != nil {
		return node{}, false, err
	}
	p.space()
	if p.i != len(p.b) {
		return node{}, false, errSyntax
	}
	return n, p.dirty, nil
}

// space skips whitespace and reports whether there was any.
func (p *parser) space() bool {
	start := p.i
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return p.i > start
		}
	}
	return p.i > start
}

func (p *parser) value() (node, error) {
	if p.i >= len(p.b) {
		return node{}, errSyntax
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		start := p.i
		dirty, err := p.str()
		return node{kind: kString, raw: p.b[start:p.i], dirty: dirty}, err
	case c == 't':
		return p.literal("true", kBool)
	case c == 'f':
		return p.literal("false", kBool)
	case c == 'n':
		return p.literal("null", kNull)
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return node{}, errSyntax
}

func (p *parser) literal(word string, k kind) (node, error) {
	if len(p.b)-p.i < len(word) || string(p.b[p.i:p.i+len(word)]) != word {
		return node{}, errSyntax
	}
	n := node{kind: k, raw: p.b[p.i : p.i+len(word)]}
	p.i += len(word)
	return n, nil
}

func (p *parser) number() (node, error) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++ // a leading zero stands alone
	} else if digits() == 0 {
		return node{}, errSyntax
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return node{}, errSyntax
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return node{}, errSyntax
		}
	}
	return node{kind: kNumber, raw: p.b[start:p.i]}, nil
}

// str reads a string starting at its opening quote and reports whether it
// holds an invisible character (literal or escaped).
func (p *parser) str() (bool, error) {
	p.i++ // opening quote
	dirty := false
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if dirty {
				p.dirty = true
			}
			return dirty, nil
		case c == '\\':
			if p.i+1 >= len(p.b) {
				return false, errSyntax
			}
			switch p.b[p.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				if e := p.b[p.i+1]; e == 'b' || e == 'f' {
					dirty = true
				}
				p.i += 2
			case 'u':
				r, size, ok := unicodeEscape(p.b[p.i:])
				if !ok {
					return false, errSyntax
				}
				if invisible(r) {
					dirty = true
				}
				p.i += size
			default:
				return false, errSyntax
			}
		case c < 0x20:
			return false, errSyntax
		case c < utf8.RuneSelf:
			p.i++
		default:
			r, size := utf8.DecodeRune(p.b[p.i:])
			if r == utf8.RuneError && size == 1 || invisible(r) {
				dirty = true
			}
			p.i += size
		}
	}
	return false, errSyntax
}

// unicodeEscape decodes \uXXXX (and a following low surrogate) at the
// start of b.
func unicodeEscape(b []byte) (r rune, size int, ok bool) {
	hex4 := func(b []byte) (rune, bool) {
		if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(b[2:6]), 16, 32)
		return rune(v), err == nil
	}
	r, ok = hex4(b)
	if !ok {
		return 0, 0, false
	}
	if r >= 0xD800 && r < 0xDC00 {
		if lo, ok := hex4(b[6:]); ok && lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + (lo - 0xDC00), 12, true
		}
		return utf8.RuneError, 6, true
	}
	return r, 6, true
}

func (p *parser) object() (node, error) {
	if p.depth++; p.depth > maxDepth {
		return node{}, errSyntax
	}
	defer func() { p.depth-- }()
	start, base := p.i, len(p.members)
	p.i++
	n := node{kind: kObject}
	n.spaced = p.space() || n.spaced
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		n.raw = p.b[start:p.i]
		return n, nil
	}
	for {
		n.spaced = p.space() || n.spaced
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return node{}, errSyntax
		}
		ks := p.i
		if _, err := p.str(); err != nil {
			return node{}, err
		}
		key := p.b[ks+1 : p.i-1]
		n.spaced = p.space() || n.spaced
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return node{}, errSyntax
		}
		p.i++
		n.spaced = p.space() || n.spaced
		v, err := p.value()
		if err != nil {
			return node{}, err
		}
		p.members = append(p.members, member{key: keyString(key), val: v})
		n.dirty = n.dirty || v.dirty
		n.spaced = n.spaced || v.spaced
		n.spaced = p.space() || n.spaced
		if p.i >= len(p.b) {
			return node{}, errSyntax
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] != '}' {
			return node{}, errSyntax
		}
		p.i++
		n.raw = p.b[start:p.i]
		n.members = slices.Clone(p.members[base:])
		p.members = p.members[:base]
		return n, nil
	}
}

func (p *parser) array() (node, error) {
	if p.depth++; p.depth > maxDepth {
		return node{}, errSyntax
	}
	defer func() { p.depth-- }()
	start, base := p.i, len(p.items)
	p.i++
	n := node{kind: kArray}
	n.spaced = p.space() || n.spaced
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		n.raw = p.b[start:p.i]
		return n, nil
	}
	for {
		n.spaced = p.space() || n.spaced
		v, err := p.value()
		if err != nil {
			return node{}, err
		}
		p.items = append(p.items, v)
		n.dirty = n.dirty || v.dirty
		n.spaced = n.spaced || v.spaced
		n.spaced = p.space() || n.spaced
		if p.i >= len(p.b) {
			return node{}, errSyntax
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] != ']' {
			return node{}, errSyntax
		}
		p.i++
		n.raw = p.b[start:p.i]
		n.items = slices.Clone(p.items[base:])
		p.items = p.items[:base]
		return n, nil
	}
}

// invisible reports control and invisible formatting characters: text
// from Leiga is data, and hidden characters have no business reaching a
// model. Line breaks and tabs stay.
func invisible(r rune) bool {
	if r == '\n' || r == '\t' || r == '\r' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// get returns the member value under key.
func (n *node) get(key string) (*node, bool) {
	for i := range n.members {
		if n.members[i].key == key {
			return &n.members[i].val, true
		}
	}
	return nil, false
}

// text returns a string node's text, unescaped and cleaned, or a scalar's
// raw text.
func (n *node) text() string {
	switch n.kind {
	case kString:
		return string(appendText(nil, n.raw))
	case kNull:
		return ""
	}
	return string(n.raw)
}

// appendText appends the text of a raw JSON string (with quotes) to dst,
// unescaped, without invisible characters.
func appendText(dst, raw []byte) []byte {
	s := raw[1 : len(raw)-1]
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			switch s[i+1] {
			case 'n':
				dst = append(dst, '\n')
			case 't':
				dst = append(dst, '\t')
			case 'r':
				dst = append(dst, '\r')
			case 'b', 'f':
			case 'u':
				r, size, _ := unicodeEscape(s[i:])
				if !invisible(r) {
					dst = utf8.AppendRune(dst, r)
				}
				i += size
				continue
			default:
				dst = append(dst, s[i+1])
			}
			i += 2
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			if r != utf8.RuneError && !invisible(r) || r == utf8.RuneError && size > 1 {
				dst = append(dst, s[i:i+size]...)
			} else if r == utf8.RuneError {
				dst = utf8.AppendRune(dst, utf8.RuneError)
			}
			i += size
		}
	}
	return dst
}

// empty reports null, "", [] and {}.
func (n *node) empty() bool {
	switch n.kind {
	case kNull:
		return true
	case kString:
		return len(n.raw) == 2
	case kArray:
		return len(n.items) == 0
	case kObject:
		return len(n.members) == 0
	}
	return false
}

// appendJSON appends n as compact JSON, cleaned: an untouched clean value
// is copied as Leiga sent it.
func appendJSON(dst []byte, n *node) []byte {
	if n.raw != nil && !n.dirty && !n.spaced && n.kind != kString {
		return append(dst, n.raw...)
	}
	switch n.kind {
	case kString:
		if !n.dirty {
			return append(dst, n.raw...)
		}
		return appendQuoted(dst, appendText(nil, n.raw))
	case kObject:
		dst = append(dst, '{')
		for i := range n.members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendQuoted(dst, []byte(n.members[i].key))
			dst = append(dst, ':')
			dst = appendJSON(dst, &n.members[i].val)
		}
		return append(dst, '}')
	case kArray:
		dst = append(dst, '[')
		for i := range n.items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendJSON(dst, &n.items[i])
		}
		return append(dst, ']')
	case kNull:
		return append(dst, "null"...)
	}
	return append(dst, n.raw...)
}

// appendQuoted appends s as a JSON string.
func appendQuoted(dst, s []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}
