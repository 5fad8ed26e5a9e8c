package richtext

import (
	"bufio"
	"bytes"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is the CommonMark parser MarkdownToHTML uses: goldmark's default
// block and inline parsers without the two that recognise raw HTML (so that
// "<b>" or "<script>" stays text and is escaped like any other text, instead
// of becoming a node to drop), plus GFM strike-through. A goldmark parser
// keeps no state between calls and is safe for concurrent use.
var markdown = parser.NewParser(
	parser.WithBlockParsers(
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(parser.NewListParser(), 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(parser.NewCodeBlockParser(), 500),
		util.Prioritized(parser.NewATXHeadingParser(), 600),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(parser.NewBlockquoteParser(), 800),
		util.Prioritized(parser.NewParagraphParser(), 1000),
	),
	parser.WithInlineParsers(
		util.Prioritized(parser.NewCodeSpanParser(), 100),
		util.Prioritized(parser.NewLinkParser(), 200),
		util.Prioritized(parser.NewAutoLinkParser(), 300),
		util.Prioritized(parser.NewEmphasisParser(), 500),
		util.Prioritized(extension.NewStrikethroughParser(), 500),
	),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
)

// maxMarkdown is the longest Markdown MarkdownToHTML parses, in bytes. Some
// inputs (thousands of unclosed links, quotes nested thousands deep) take
// goldmark time that grows with the square of their length: 64 KiB of them
// take about a second, 4 MiB (the largest request the server reads) would
// take hours. No description or comment a model writes comes near it.
const maxMarkdown = 64 << 10

// newlines turns Windows (and old Mac) line endings into "\n" before parsing.
var newlines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// escaper escapes text exactly as html.EscapeString does, but writes to the
// output directly.
var escaper = strings.NewReplacer(`&`, "&amp;", `'`, "&#39;", `<`, "&lt;", `>`, "&gt;", `"`, "&#34;")

// MarkdownToHTML converts the Markdown a model writes into the simple HTML
// Leiga's rich text holds: paragraphs (single line breaks kept as <br>),
// headings, bullet and numbered lists, block quotes, fenced code, rules, and
// inline bold, italic, strike-through, code and links (http, https and
// mailto only; a link with any other scheme renders as its text). Images
// become links to the image. Everything else is escaped text: no raw HTML
// gets through. The output has no line breaks between tags. Text longer
// than 64 KiB is not read as Markdown: it becomes escaped paragraphs, one
// per run of lines between blank lines, with its line breaks kept.
func MarkdownToHTML(md string) string {
	if strings.ContainsRune(md, '\r') {
		md = newlines.Replace(md)
	}
	if len(md) > maxMarkdown {
		return plainHTML(md)
	}
	src := []byte(md)
	doc := markdown.Parse(text.NewReader(src))
	r := htmlRenderer{src: src}
	r.b.Grow(len(md) + len(md)/4)
	// The walker never returns an error: every visit below returns nil.
	_ = ast.Walk(doc, r.visit)
	return r.b.String()
}

// plainHTML renders text as paragraphs without reading any Markdown in it:
// blank lines end a paragraph, other line breaks become <br>, and all of it
// is escaped.
func plainHTML(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	open := false
	for l := range strings.SplitSeq(s, "\n") {
		if strings.TrimSpace(l) == "" {
			if open {
				b.WriteString("</p>")
				open = false
			}
			continue
		}
		if open {
			b.WriteString("<br>")
		} else {
			b.WriteString("<p>")
			open = true
		}
		escaper.WriteString(&b, strings.TrimSpace(l))
	}
	if open {
		b.WriteString("</p>")
	}
	return b.String()
}

// htmlRenderer writes the HTML for one parsed Markdown document. It writes
// every tag itself, so the output holds only the tags named here, and
// escapes every piece of text it copies from the source.
type htmlRenderer struct {
	src []byte
	b   strings.Builder
}

// visit is the ast.Walker that renders node n, entering or leaving it.
func (r *htmlRenderer) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	switch n := n.(type) {
	case *ast.Paragraph:
		r.tag("p", entering)
	case *ast.Heading:
		r.tag("h"+strconv.Itoa(n.Level), entering)
	case *ast.Blockquote:
		r.tag("blockquote", entering)
	case *ast.List:
		r.list(n, entering)
	case *ast.ListItem:
		r.tag("li", entering)
	case *ast.ThematicBreak:
		if entering {
			r.b.WriteString("<hr>")
		}
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		if entering {
			r.codeBlock(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.CodeSpan:
		if entering {
			r.codeSpan(n)
		}
		return ast.WalkSkipChildren, nil
	case *ast.Emphasis:
		if n.Level == 2 {
			r.tag("strong", entering)
		} else {
			r.tag("em", entering)
		}
	case *extast.Strikethrough:
		r.tag("s", entering)
	case *ast.Link:
		r.link(n.Destination, entering)
	case *ast.Image:
		r.image(n, entering)
	case *ast.AutoLink:
		if entering {
			r.autoLink(n)
		}
	case *ast.Text:
		if entering {
			r.text(n)
		}
	case *ast.String:
		// None of the parsers above makes String nodes; should one
		// appear, its value is shown as text.
		if entering {
			r.inlineText(n.Value, n.IsRaw())
		}
	case *ast.LinkReferenceDefinition:
		return ast.WalkSkipChildren, nil
	}
	// Anything else (the document, tight list items' text blocks) is a
	// container without a tag of its own: only its children are rendered.
	return ast.WalkContinue, nil
}

// tag writes <name> when entering a node and </name> when leaving it.
func (r *htmlRenderer) tag(name string, entering bool) {
	if entering {
		r.b.WriteString("<" + name + ">")
	} else {
		r.b.WriteString("</" + name + ">")
	}
}

// list writes a list's tags. A list that directly follows one of the same
// kind continues it: CommonMark starts a new list when the bullet or the
// number delimiter changes ("1." then "2)"), which a writer never means.
func (r *htmlRenderer) list(n *ast.List, entering bool) {
	name := "ul"
	if n.IsOrdered() {
		name = "ol"
	}
	switch {
	case entering && !sameList(n.PreviousSibling(), n):
		r.b.WriteString("<" + name)
		if n.IsOrdered() && n.Start != 1 {
			r.b.WriteString(` start="` + strconv.Itoa(n.Start) + `"`)
		}
		r.b.WriteString(">")
	case !entering && !sameList(n.NextSibling(), n):
		r.b.WriteString("</" + name + ">")
	}
}

// sameList reports whether sibling is a list of the same kind (bullet or
// numbered) as l.
func sameList(sibling ast.Node, l *ast.List) bool {
	s, ok := sibling.(*ast.List)
	return ok && s.IsOrdered() == l.IsOrdered()
}

// codeBlock writes a fenced or indented code block verbatim (escaped),
// without the info string and without its last line break.
func (r *htmlRenderer) codeBlock(n ast.Node) {
	var code []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code = append(code, seg.Value(r.src)...)
	}
	code = bytes.TrimSuffix(code, []byte("\n"))
	r.b.WriteString("<pre><code>")
	escaper.WriteString(&r.b, string(code))
	r.b.WriteString("</code></pre>")
}

// codeSpan writes an inline code span verbatim (escaped): no emphasis,
// escapes or links are read inside it. A line break inside the span is a
// space.
func (r *htmlRenderer) codeSpan(n ast.Node) {
	r.b.WriteString("<code>")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		v := t.Segment.Value(r.src)
		if len(v) > 0 && v[len(v)-1] == '\n' {
			escaper.WriteString(&r.b, string(v[:len(v)-1]))
			r.b.WriteByte(' ')
		} else {
			escaper.WriteString(&r.b, string(v))
		}
	}
	r.b.WriteString("</code>")
}

// link writes the tags of a link to dest around its text, or only its text
// when dest is not an http, https or mailto address. Link titles are left
// out: Leiga's rich text has no use for them.
func (r *htmlRenderer) link(dest []byte, entering bool) {
	href := string(util.URLEscape(dest, true))
	if !safeLink(href) {
		return
	}
	if entering {
		r.b.WriteString(`<a href="`)
		escaper.WriteString(&r.b, href)
		r.b.WriteString(`">`)
	} else {
		r.b.WriteString("</a>")
	}
}

// image writes an image as a link to it whose text is the image's
// description (or its address when the description is empty): Leiga keeps
// no remote images from a model's text.
func (r *htmlRenderer) image(n *ast.Image, entering bool) {
	r.link(n.Destination, entering)
	if entering && n.FirstChild() == nil {
		r.inlineText(n.Destination, false)
	}
}

// autoLink writes <https://...> and <name@example.com> autolinks; one with
// another scheme is written as its address, as text.
func (r *htmlRenderer) autoLink(n *ast.AutoLink) {
	label := n.Label(r.src)
	href := n.URL(r.src)
	if n.AutoLinkType == ast.AutoLinkEmail {
		href = append([]byte("mailto:"), href...)
	}
	url := string(util.URLEscape(href, false))
	if !safeLink(url) {
		r.inlineText(label, false)
		return
	}
	r.b.WriteString(`<a href="`)
	escaper.WriteString(&r.b, url)
	r.b.WriteString(`">`)
	r.inlineText(label, false)
	r.b.WriteString("</a>")
}

// text writes a run of text and the line break that ends it, if any: soft
// and hard line breaks alike become <br>, as Leiga's editor shows them.
func (r *htmlRenderer) text(n *ast.Text) {
	r.inlineText(n.Segment.Value(r.src), n.IsRaw())
	if n.SoftLineBreak() || n.HardLineBreak() {
		r.b.WriteString("<br>")
	}
}

// inlineText writes Markdown text escaped for HTML. Unless raw, backslash
// escapes ("\*") and entity references ("&copy;") are resolved first, as
// CommonMark reads them.
func (r *htmlRenderer) inlineText(v []byte, raw bool) {
	if raw || !bytes.ContainsAny(v, "\\&\x00") {
		escaper.WriteString(&r.b, string(v))
		return
	}
	// goldmark's writer resolves escapes and references and escapes the
	// result with &amp; &lt; &gt; &quot;, which html.UnescapeString undoes
	// exactly; the text is then escaped the way the rest of the output is.
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	gmhtml.DefaultWriter.Write(w, v)
	_ = w.Flush() // into a bytes.Buffer: cannot fail
	escaper.WriteString(&r.b, html.UnescapeString(buf.String()))
}
