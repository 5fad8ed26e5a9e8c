package richtext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLToText turns Leiga rich text into plain text for compact results:
// block ends become line breaks, paragraphs, headings, quotes and code are
// set apart by a blank line (a list follows the line that introduces it),
// list items become "- " (indented two spaces per level of nesting), tags
// go, entities are decoded, <script> and <style> content is dropped,
// trailing spaces go and there is at most one blank line in a row. The
// result is trimmed. Text with no '<' and no '&' is returned trimmed
// without being parsed.
func HTMLToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	// Leiga rich text is the inside of a <body>. The parsed nodes come back
	// detached; put them back under one parent so that each sees its
	// siblings.
	root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), root)
	if err != nil {
		// Reading a strings.Reader cannot fail; keep the text rather
		// than lose it if it ever does.
		return strings.TrimSpace(s)
	}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	var w textWriter
	w.b.Grow(len(s))
	w.children(root)
	return tidy(w.b.String())
}

// textWriter accumulates the plain text of an HTML tree.
type textWriter struct {
	b strings.Builder
	// lineStart is true when nothing has been written since the last line
	// break; lineText is true when the current line holds text (a list
	// marker or an indent is not text).
	lineStart, lineText bool
	// lists counts the <ul> and <ol> elements the walk is inside.
	lists int
	// indent starts every line of a list item after its first.
	indent string
}

// write appends text as it is; it may hold line breaks. Each line it
// starts is indented to the list item it is in.
func (w *textWriter) write(s string) {
	for s != "" {
		if w.lineStart && s[0] != '\n' {
			w.b.WriteString(w.indent)
		}
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			w.b.WriteString(s)
			w.lineStart = false
			w.lineText = w.lineText || strings.TrimSpace(s) != ""
			return
		}
		w.b.WriteString(s[:i+1])
		w.lineStart, w.lineText = true, false
		s = s[i+1:]
	}
}

// newline ends the current line.
func (w *textWriter) newline() {
	w.b.WriteByte('\n')
	w.lineStart, w.lineText = true, false
}

// endLine ends the current line unless nothing has been written on it.
func (w *textWriter) endLine() {
	if !w.lineStart {
		w.newline()
	}
}

// startLine starts a new line unless the current one holds no text yet
// (it is empty, or holds only a list marker).
func (w *textWriter) startLine() {
	if w.lineText {
		w.newline()
	}
}

// startBlock starts a block set apart by a blank line: none at the very
// start, and none right after a list marker.
func (w *textWriter) startBlock() {
	w.startLine()
	if w.lineStart && w.b.Len() > 0 && !strings.HasSuffix(w.b.String(), "\n\n") {
		w.newline()
	}
}

// The kinds of element HTMLToText tells apart.
const (
	inline    = iota
	paragraph // set apart by a blank line
	line      // on a line of its own
)

// blockKind says how an element is laid out.
func blockKind(a atom.Atom) int {
	switch a {
	case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Pre, atom.Blockquote, atom.Table, atom.Hr:
		return paragraph
	case atom.Div, atom.Tr, atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Figure,
		atom.Figcaption, atom.Details, atom.Summary, atom.Caption:
		return line
	}
	return inline
}

// node writes the text of n and of everything inside it.
func (w *textWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if !layoutSpace(n) {
			w.write(n.Data)
		}
		return
	case html.ElementNode:
	default: // comments and doctypes
		return
	}
	switch n.DataAtom {
	case atom.Script, atom.Style:
		return
	case atom.Br:
		w.newline()
	case atom.Hr:
		w.startBlock()
	case atom.Li:
		w.endLine()
		outer := w.indent
		w.b.WriteString(strings.Repeat("  ", max(w.lists-1, 0)) + "- ")
		w.lineStart, w.indent = false, strings.Repeat("  ", max(w.lists, 1))
		w.children(n)
		w.endLine()
		w.indent = outer
	case atom.Ul, atom.Ol:
		w.startLine()
		w.lists++
		w.children(n)
		w.lists--
		w.endLine()
		if !inside(n, atom.Li) {
			w.newline() // a blank line after a list
		}
	case atom.Td, atom.Th:
		w.children(n)
		w.write("\t")
	default:
		switch blockKind(n.DataAtom) {
		case paragraph:
			w.startBlock()
		case line:
			w.startLine()
		default:
			w.children(n)
			return
		}
		w.children(n)
		w.endLine()
	}
}

// children writes the text of n's children.
func (w *textWriter) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
}

// layoutSpace reports whether text node n is whitespace that only lays out
// the source: between the items of a list or the cells of a table, or next
// to a block.
func layoutSpace(n *html.Node) bool {
	if strings.TrimSpace(n.Data) != "" {
		return false
	}
	if p := n.Parent; p != nil && p.Type == html.ElementNode {
		switch p.DataAtom {
		case atom.Ul, atom.Ol, atom.Table, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr:
			return true
		}
	}
	isBlock := func(s *html.Node) bool {
		return s != nil && s.Type == html.ElementNode && blockKind(s.DataAtom) != inline
	}
	return isBlock(n.PrevSibling) || isBlock(n.NextSibling)
}

// inside reports whether n has an ancestor element a.
func inside(n *html.Node, a atom.Atom) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == a {
			return true
		}
	}
	return false
}

// tidy drops trailing spaces and tabs from every line, keeps at most one
// blank line in a row and trims the result.
func tidy(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blanks := 0
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blanks++
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n"[:min(blanks+1, 2)])
		}
		blanks = 0
		b.WriteString(l)
	}
	return strings.TrimSpace(b.String())
}
