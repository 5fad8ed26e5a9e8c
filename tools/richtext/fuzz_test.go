package richtext

// FuzzMarkdownToHTML feeds MarkdownToHTML arbitrary text. Whatever comes
// in, the HTML that comes out holds only the tags MarkdownToHTML writes, no
// <script, no on...= event attribute, no link other than http, https or
// mailto; and HTMLToText reads both the input and the output without
// panicking.
//
//	go test -run '^$' -fuzz '^FuzzMarkdownToHTML$' -fuzztime 30s ./tools/richtext

import (
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// allowedAttrs lists, per tag MarkdownToHTML writes, the attributes it may
// carry.
var allowedAttrs = map[string][]string{
	"p": nil, "br": nil, "h1": nil, "h2": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil,
	"ul": nil, "ol": {"start"}, "li": nil, "blockquote": nil, "pre": nil, "code": nil, "hr": nil,
	"strong": nil, "em": nil, "s": nil, "a": {"href"},
}

// eventAttr finds an on...= attribute in raw markup. MarkdownToHTML escapes
// every quote in attribute values and percent-encodes the spaces in
// addresses, so a space or quote before "on" inside a tag starts an
// attribute.
var eventAttr = regexp.MustCompile(`(?i)<[^>]*[\s"']on[a-z]*\s*=`)

func FuzzMarkdownToHTML(f *testing.F) {
	for _, tc := range markdownCases {
		f.Add(tc.md)
	}
	f.Add("[x](https://e.example/\" onmouseover=\"alert(1))")
	f.Add("<a href=\"javascript:alert(1)\" onclick=x>y</a>")
	f.Add("<img src=x onerror=alert(1)>")
	f.Add("<SCRIPT>alert(1)</SCRIPT>\n\n<scr<script>ipt>")
	f.Add("[a](<javascript&#58;alert(1)>) [b](jav\tascript:x) <JAVASCRIPT:x>")
	f.Add("- a\n  > b\n  > ```\n  > <c>\n  > ```\n1. ![d](data:image/png;base64,AAAA)")
	f.Fuzz(func(t *testing.T, md string) {
		out := MarkdownToHTML(md)
		if strings.Contains(strings.ToLower(out), "<script") {
			t.Fatalf("MarkdownToHTML(%q) = %s: has <script", md, out)
		}
		if eventAttr.MatchString(out) {
			t.Fatalf("MarkdownToHTML(%q) = %s: has an on...= attribute", md, out)
		}
		checkTags(t, md, out)
		HTMLToText(md)
		HTMLToText(out)
	})
}

// checkTags tokenizes out and fails unless every tag is one MarkdownToHTML
// writes, with only the attributes it may carry, and every href is an
// http, https or mailto address.
func checkTags(t *testing.T, md, out string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("MarkdownToHTML(%q) = %s: %v", md, out, z.Err())
			}
			return
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
		case html.TextToken:
			continue
		default:
			t.Fatalf("MarkdownToHTML(%q) = %s: unexpected %v token", md, out, tt)
		}
		tok := z.Token()
		allowed, ok := allowedAttrs[tok.Data]
		if !ok {
			t.Fatalf("MarkdownToHTML(%q) = %s: unexpected tag <%s>", md, out, tok.Data)
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") || !slices.Contains(allowed, a.Key) {
				t.Fatalf("MarkdownToHTML(%q) = %s: attribute %s on <%s>", md, out, a.Key, tok.Data)
			}
			if a.Key == "href" && !safeLink(a.Val) {
				t.Fatalf("MarkdownToHTML(%q) = %s: href %q", md, out, a.Val)
			}
		}
	}
}
