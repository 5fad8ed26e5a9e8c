package tools

import (
	"fmt"
	"strings"
	"unicode"
)

// Size limits of the file tools.
const (
	maxUploadBytes = 25 << 20  // largest file file_upload sends
	maxInlineText  = 100 << 10 // largest text file_download returns as text
)

// maxDownloadBytes is the largest file file_download returns.
var maxDownloadBytes int64 = 10 << 20

// exactBytes renders a size in a unit and, beyond 1 KiB, in bytes too.
func exactBytes(n int64) string {
	if n < 1<<10 {
		return humanBytes(n)
	}
	return fmt.Sprintf("%s (%d bytes)", humanBytes(n), n)
}

// humanBytes renders a size as bytes, KiB or MiB.
func humanBytes(n int64) string {
	unit := func(v float64, name string) string {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") + " " + name
	}
	switch {
	case n >= 1<<20:
		return unit(float64(n)/(1<<20), "MiB")
	case n >= 1<<10:
		return unit(float64(n)/(1<<10), "KiB")
	}
	return fmt.Sprintf("%d bytes", n)
}

// cleanString strips control and invisible formatting characters.
func cleanString(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\n' && r != '\t' && r != '\r' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			return -1
		}
		return r
	}, s)
}
