// Package richtext converts between the Markdown an assistant writes and the
// simple HTML Leiga keeps as rich text (issue descriptions, comments).
//
// MarkdownToHTML parses CommonMark (plus GFM strike-through) with goldmark and
// renders a small, fixed set of tags itself, so no raw HTML and no link with a
// scheme other than http, https or mailto can reach Leiga. HTMLToText walks
// the tree that golang.org/x/net/html builds to turn Leiga rich text back into
// plain text for compact tool results.
package richtext
