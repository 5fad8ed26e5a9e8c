package richtext

// safeLink reports whether href may become a link: http, https and mailto
// only, whatever the case of the scheme. Anything else (javascript:, data:,
// relative paths) is rendered as text.
func safeLink(href string) bool {
	return hasPrefixFold(href, "http://") || hasPrefixFold(href, "https://") || hasPrefixFold(href, "mailto:")
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case only, so that no
// Unicode case folding can make a foreign scheme pass; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}
