package toolkit

import "unicode/utf8"

// Shorten cuts s to at most n bytes, at a character boundary, and marks
// the cut with "…"; a string of n bytes or fewer is returned as it is.
func Shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
