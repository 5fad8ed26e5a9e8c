package tools

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// Markdown <-> Leiga rich text (simple HTML), shared by the workflow tools.

// The Markdown forms markdownHTML and inlineMarkdown read.
var (
	mdHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*$`)
	mdRule    = regexp.MustCompile(`^(\*\s*){3,}$|^(-\s*){3,}$|^(_\s*){3,}$`)
	mdBullet  = regexp.MustCompile(`^\s*[-*+]\s+(.*)$`)
	mdOrdered = regexp.MustCompile(`^\s*\d{1,9}[.)]\s+(.*)$`)
	mdCode    = regexp.MustCompile("`([^`]+)`")
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)(?:\s+&#34;[^)]*&#34;)?\)`)
	mdAuto    = regexp.MustCompile(`&lt;((?:https?|mailto):[^\s&]+)&gt;`)
	mdBold    = regexp.MustCompile(`\*\*([^*]+?)\*\*|__([^_]+?)__`)
	mdItalic  = regexp.MustCompile(`\*([^*\s][^*]*?)\*|(^|[^\pL\pN_])_([^_]+?)_($|[^\pL\pN_])`)
	mdStrike  = regexp.MustCompile(`~~([^~]+?)~~`)
	mdHold    = regexp.MustCompile("\x00([0-9]+)\x00")
)

// markdownHTML converts the Markdown a model writes into the simple HTML
// Leiga's rich text holds: paragraphs (single line breaks kept), headings,
// bullet and numbered lists, block quotes, fenced code, rules, and inline
// bold, italic, strike-through, code and links (http, https and mailto
// only). Everything else is escaped text: no raw HTML gets through.
func markdownHTML(md string) string {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	var b strings.Builder
	var para, quote, items []string
	listTag := ""
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + strings.Join(para, "<br>") + "</p>")
			para = nil
		}
		if len(quote) > 0 {
			b.WriteString("<blockquote><p>" + strings.Join(quote, "<br>") + "</p></blockquote>")
			quote = nil
		}
		if len(items) > 0 {
			b.WriteString("<" + listTag + ">")
			for _, it := range items {
				b.WriteString("<li>" + it + "</li>")
			}
			b.WriteString("</" + listTag + ">")
			items, listTag = nil, ""
		}
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			flush()
			fence := trimmed[:3]
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, lines[i])
			}
			b.WriteString("<pre><code>" + html.EscapeString(strings.Join(code, "\n")) + "</code></pre>")
			continue
		}
		switch {
		case trimmed == "":
			flush()
		case mdHeading.MatchString(trimmed):
			flush()
			m := mdHeading.FindStringSubmatch(trimmed)
			n := strconv.Itoa(len(m[1]))
			b.WriteString("<h" + n + ">" + inlineMarkdown(m[2]) + "</h" + n + ">")
		case mdRule.MatchString(trimmed):
			flush()
			b.WriteString("<hr>")
		case mdBullet.MatchString(line) || mdOrdered.MatchString(line):
			tag, m := "ul", mdBullet.FindStringSubmatch(line)
			if m == nil {
				tag, m = "ol", mdOrdered.FindStringSubmatch(line)
			}
			if listTag != tag {
				flush()
				listTag = tag
			}
			items = append(items, inlineMarkdown(m[1]))
		case strings.HasPrefix(trimmed, ">"):
			if len(quote) == 0 {
				flush()
			}
			quote = append(quote, inlineMarkdown(strings.TrimSpace(strings.TrimPrefix(trimmed, ">"))))
		case len(items) > 0 && (line[0] == ' ' || line[0] == '\t'):
			items[len(items)-1] += "<br>" + inlineMarkdown(trimmed) // continuation of a list item
		default:
			if len(items) > 0 || len(quote) > 0 {
				flush()
			}
			para = append(para, inlineMarkdown(trimmed))
		}
	}
	flush()
	return b.String()
}

// inlineMarkdown renders the inline Markdown of one line as HTML. Code
// spans and link tags are set aside first so that emphasis never reaches
// into them.
func inlineMarkdown(s string) string {
	var held []string
	hold := func(h string) string {
		held = append(held, h)
		return "\x00" + strconv.Itoa(len(held)-1) + "\x00"
	}
	s = strings.ReplaceAll(s, "\x00", "")
	s = mdCode.ReplaceAllStringFunc(s, func(m string) string {
		return hold("<code>" + html.EscapeString(m[1:len(m)-1]) + "</code>")
	})
	s = html.EscapeString(s)
	s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
		parts := mdLink.FindStringSubmatch(m)
		href := html.UnescapeString(parts[2])
		if !safeLink(href) {
			return parts[1]
		}
		return hold(`<a href="`+html.EscapeString(href)+`">`) + parts[1] + hold("</a>")
	})
	s = mdAuto.ReplaceAllStringFunc(s, func(m string) string {
		href := html.UnescapeString(mdAuto.FindStringSubmatch(m)[1])
		return hold(`<a href="`+html.EscapeString(href)+`">`) + html.EscapeString(href) + hold("</a>")
	})
	s = mdBold.ReplaceAllString(s, "<strong>$1$2</strong>")
	s = mdItalic.ReplaceAllString(s, "$2<em>$1$3</em>$4")
	s = mdStrike.ReplaceAllString(s, "<s>$1</s>")
	return mdHold.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(strings.Trim(m, "\x00"))
		return held[n]
	})
}

// safeLink accepts http, https and mailto links only.
func safeLink(href string) bool {
	l := strings.ToLower(href)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// The HTML forms htmlText rewrites.
var (
	htmlBreaks = regexp.MustCompile(`(?i)<br\s*/?>|</(p|div|li|h[1-6]|pre|blockquote|tr|ul|ol)>`)
	htmlItem   = regexp.MustCompile(`(?i)<li[^>]*>`)
	htmlTag    = regexp.MustCompile(`<[^>]*>`)
	blankRuns  = regexp.MustCompile(`\n{3,}`)
)

// htmlText turns Leiga rich text into plain text for compact results:
// block ends become line breaks, list items "- ", tags go, entities are
// decoded.
func htmlText(s string) string {
	if !strings.Contains(s, "<") && !strings.Contains(s, "&") {
		return strings.TrimSpace(s)
	}
	s = htmlBreaks.ReplaceAllString(s, "\n")
	s = htmlItem.ReplaceAllString(s, "- ")
	s = htmlTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(blankRuns.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}
