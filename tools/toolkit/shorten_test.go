package toolkit

import (
	"testing"
	"unicode/utf8"
)

func TestShorten(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"a longer text", 8, "a longer…"},
		{"日本語のファイル名", 7, "日本…"}, // 3-byte runes: the cut backs up to a boundary
		{"日本語", 2, "…"},
	}
	for _, tt := range tests {
		got := Shorten(tt.s, tt.n)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("Shorten(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
