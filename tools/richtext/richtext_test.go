package richtext

import (
	"strings"
	"testing"
)

// markdownCases are the Markdown → Leiga HTML conversions MarkdownToHTML
// must make. The first ones are those the tools package's tests have always
// demanded of its regexp converter; FuzzMarkdownToHTML seeds from all of
// them.
var markdownCases = []struct{ name, md, want string }{
	// From TestAssistantMarkdown in tools/assistant_test.go.
	{"plain", "plain", "<p>plain</p>"},
	{"line breaks and paragraphs", "one\ntwo\n\nthree", "<p>one<br>two</p><p>three</p>"},
	{"heading", "# Title\nbody", "<h1>Title</h1><p>body</p>"},
	{"lists", "- a\n- *b*\n  more\n\n1. x\n2) y", "<ul><li>a</li><li><em>b</em><br>more</li></ul><ol><li>x</li><li>y</li></ol>"},
	{"fenced code", "```go\nif a < b {}\n```", "<pre><code>if a &lt; b {}</code></pre>"},
	{"block quote", "> quoted\n> text", "<blockquote><p>quoted<br>text</p></blockquote>"},
	{"inline", "a **b** _c_ ~~d~~ `e*f*`", "<p>a <strong>b</strong> <em>c</em> <s>d</s> <code>e*f*</code></p>"},
	{"no emphasis inside words or between spaces", "snake_case_name and 2 * 3 * 4", "<p>snake_case_name and 2 * 3 * 4</p>"},
	// The regexp converter stopped the destination at the first ")" and
	// left "x)"; CommonMark reads balanced parentheses, so the whole link
	// is dropped for its text.
	{"javascript link", "[x](javascript:alert(1))", "<p>x</p>"},
	{"link", "[a_b](https://e.example/a_b_c?x=1&y=2)", `<p><a href="https://e.example/a_b_c?x=1&amp;y=2">a_b</a></p>`},
	{"autolink", "<https://e.example>", `<p><a href="https://e.example">https://e.example</a></p>`},
	{"raw html is text", "<b>raw</b> & \"q\"", "<p>&lt;b&gt;raw&lt;/b&gt; &amp; &#34;q&#34;</p>"},
	{"rule", "---", "<hr>"},
	// From TestAssistantCreateIssueByNames and TestAssistantAddComment.
	{"issue description",
		"Steps:\n\n1. Open **Profile**\n2. Tap the photo\n\nSee [the log](https://logs.example/1).",
		`<p>Steps:</p><ol><li>Open <strong>Profile</strong></li><li>Tap the photo</li></ol><p>See <a href="https://logs.example/1">the log</a>.</p>`},
	{"comment with a script block",
		"**LGTM** - see [docs](https://docs.example/retry) and `retry()`\n\n<script>x</script>",
		`<p><strong>LGTM</strong> - see <a href="https://docs.example/retry">docs</a> and <code>retry()</code></p><p>&lt;script&gt;x&lt;/script&gt;</p>`},

	{"empty", "", ""},
	{"blank lines only", "\n  \n\t\n", ""},
	{"nested lists",
		"- a\n  - b\n    1. c\n    2. d\n- e",
		"<ul><li>a<ul><li>b<ol><li>c</li><li>d</li></ol></li></ul></li><li>e</li></ul>"},
	{"loose list", "- a\n\n- b", "<ul><li><p>a</p></li><li><p>b</p></li></ul>"},
	{"bullet change continues the list", "- a\n* b\n+ c", "<ul><li>a</li><li>b</li><li>c</li></ul>"},
	{"numbered list resumed", "1. a\n2. b\n\nthen\n\n3. c", `<ol><li>a</li><li>b</li></ol><p>then</p><ol start="3"><li>c</li></ol>`},
	{"link with a title", `[docs](https://docs.example/a "The docs")`, `<p><a href="https://docs.example/a">docs</a></p>`},
	{"link with an upper-case scheme", "[x](HTTPS://E.example)", `<p><a href="HTTPS://E.example">x</a></p>`},
	{"mailto link", "[mail](mailto:ops@e.example)", `<p><a href="mailto:ops@e.example">mail</a></p>`},
	{"javascript link in capitals", "[x](JavaScript:alert(1))", "<p>x</p>"},
	{"javascript link as entity", "[x](&#106;avascript:alert(1))", "<p>x</p>"},
	{"javascript link with a space", "[x](<javascript :alert(1)>)", "<p>x</p>"},
	{"javascript reference link", "[x][r]\n\n[r]: javascript:alert(1)", "<p>x</p>"},
	{"data link", "[x](data:text/html,<script>alert(1)</script>)", "<p>x</p>"},
	{"relative link", "[x](/admin)", "<p>x</p>"},
	{"link with a quote", `[x](https://e.example/"onclick="alert(1))`, `<p><a href="https://e.example/%22onclick=%22alert(1)">x</a></p>`},
	{"link with a space", "[x](<https://e.example/a b>)", `<p><a href="https://e.example/a%20b">x</a></p>`},
	{"reference link", "[docs][d]\n\n[d]: https://docs.example", `<p><a href="https://docs.example">docs</a></p>`},
	{"https autolink with query", "<https://e.example/?a=1&b=2>", `<p><a href="https://e.example/?a=1&amp;b=2">https://e.example/?a=1&amp;b=2</a></p>`},
	{"mailto autolink", "<mailto:ops@e.example>", `<p><a href="mailto:ops@e.example">mailto:ops@e.example</a></p>`},
	{"email autolink", "<ops@e.example>", `<p><a href="mailto:ops@e.example">ops@e.example</a></p>`},
	{"javascript autolink", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>"},
	{"bare address stays text", "see https://e.example", "<p>see https://e.example</p>"},
	{"image", "![shot](https://i.example/a.png)", `<p><a href="https://i.example/a.png">shot</a></p>`},
	{"image without text", "![](https://i.example/a.png)", `<p><a href="https://i.example/a.png">https://i.example/a.png</a></p>`},
	{"javascript image", "![x](javascript:alert(1))", "<p>x</p>"},
	{"emphasis inside code spans", "`*a* **b** _c_ ~~d~~ [e](https://e.example)`", "<p><code>*a* **b** _c_ ~~d~~ [e](https://e.example)</code></p>"},
	{"code span with html", "`<b>&amp;</b>`", "<p><code>&lt;b&gt;&amp;amp;&lt;/b&gt;</code></p>"},
	{"code span across lines", "`a\nb`", "<p><code>a b</code></p>"},
	{"emphasis inside a link", "[**bold** link](https://e.example)", `<p><a href="https://e.example"><strong>bold</strong> link</a></p>`},
	{"bold italic", "***both***", "<p><em><strong>both</strong></em></p>"},
	{"backslash escapes", `\*not\* \_em\_ \<b\>`, "<p>*not* _em_ &lt;b&gt;</p>"},
	{"entities", "&copy; &amp;lt; &#65; &nosuch;", "<p>© &amp;lt; A &amp;nosuch;</p>"},
	{"hard line breaks", "a  \nb\\\nc", "<p>a<br>b<br>c</p>"},
	{"headings", "## Two ##\n###### Six\nSet\n===", "<h2>Two</h2><h6>Six</h6><h1>Set</h1>"},
	{"rules", "***\n___\n- - -", "<hr><hr><hr>"},
	{"tilde fence with blank lines", "~~~\na\n\n  b\n~~~", "<pre><code>a\n\n  b</code></pre>"},
	{"unclosed fence", "```\nx <y>", "<pre><code>x &lt;y&gt;</code></pre>"},
	{"indented code", "    x := 1", "<pre><code>x := 1</code></pre>"},
	{"nested quote", "> a\n>> b", "<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote>"},
	{"quote with a list", "> - a\n> - b", "<blockquote><ul><li>a</li><li>b</li></ul></blockquote>"},
	{"script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
	{"html block is text", "<div onclick=\"x()\">\n**bold**\n</div>", "<p>&lt;div onclick=&#34;x()&#34;&gt;<br><strong>bold</strong><br>&lt;/div&gt;</p>"},
	{"html comment", "<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>"},
	{"quotes and apostrophes", `it's "ok"`, "<p>it&#39;s &#34;ok&#34;</p>"},
	{"nul", "a\x00b", "<p>a\ufffdb</p>"},
	{"cjk", "# 标题\n中文**粗体**文本，_斜体_。\n\n- 項目\n- 항목", "<h1>标题</h1><p>中文<strong>粗体</strong>文本，<em>斜体</em>。</p><ul><li>項目</li><li>항목</li></ul>"},
	{"windows line endings", "one\r\ntwo\r\n\r\n- a\r\n- b\r\n\r\n```\r\nx\r\n```\r\n", "<p>one<br>two</p><ul><li>a</li><li>b</li></ul><pre><code>x</code></pre>"},
	{"old mac line endings", "one\rtwo", "<p>one<br>two</p>"},
}

func TestMarkdownToHTML(t *testing.T) {
	for _, tc := range markdownCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := MarkdownToHTML(tc.md); got != tc.want {
				t.Errorf("MarkdownToHTML(%q)\n got %s\nwant %s", tc.md, got, tc.want)
			}
		})
	}
}

func TestMarkdownToHTMLLongText(t *testing.T) {
	line := "**bold** <script>x</script> [l](javascript:y) "
	n := maxMarkdown/len(line) + 1
	long := strings.Repeat(line+"\n", n) + "\n\nend"
	want := "<p>" + strings.Repeat("**bold** &lt;script&gt;x&lt;/script&gt; [l](javascript:y)<br>", n-1) +
		"**bold** &lt;script&gt;x&lt;/script&gt; [l](javascript:y)</p><p>end</p>"
	if got := MarkdownToHTML(long); got != want {
		t.Errorf("MarkdownToHTML(%d bytes) = %.200s...", len(long), got)
	}
	atLimit := strings.Repeat("a", maxMarkdown-len(" **b**")) + " **b**"
	if got := MarkdownToHTML(atLimit); !strings.HasSuffix(got, "a <strong>b</strong></p>") {
		t.Errorf("MarkdownToHTML(%d bytes) = ...%s", len(atLimit), got[len(got)-40:])
	}
}

func TestHTMLToText(t *testing.T) {
	cases := []struct{ name, html, want string }{
		// From TestAssistantMarkdown in tools/assistant_test.go.
		{"paragraphs and list", "<p>a &amp; b</p><ul><li>x</li><li>y</li></ul><p>c<br>d</p>", "a & b\n- x\n- y\n\nc\nd"},

		{"empty", "", ""},
		{"plain text is trimmed", "  plain\ntext  \n", "plain\ntext"},
		{"plain text is not parsed", " 2 > 1 ", "2 > 1"},
		{"entity only", "a &lt;b&gt; &nbsp;&copy; &#39;", "a <b> \u00a0© '"},
		{"paragraphs", "<p>one</p><p>two</p>", "one\n\ntwo"},
		{"heading", "<h1>Title</h1><p>body</p>", "Title\n\nbody"},
		{"inline tags", "<p>a <strong>b</strong> <em>c</em> <a href=\"https://e.example\">d</a> <code>e</code></p>", "a b c d e"},
		{"numbered list", "<p>Steps:</p><ol><li>Open</li><li>Tap</li></ol><p>See.</p>", "Steps:\n- Open\n- Tap\n\nSee."},
		{"nested lists", "<ul><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li><li>d</li></ul>", "- a\n  - b\n    - c\n- d"},
		{"list item lines", "<ul><li>a<br>more</li><li><p>b</p><p>c</p></li></ul>", "- a\n  more\n- b\n\n  c"},
		{"unclosed list items", "<ul><li>a<li>b</ul>", "- a\n- b"},
		{"source layout", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n<p>c</p>\n\n\n<p>d</p>", "- a\n- b\n\nc\n\nd"},
		{"script and style dropped", "<p>a</p><script>alert('x')</script><style>p{color:red}</style><p>b</p>", "a\n\nb"},
		{"comments dropped", "<p>a<!-- note --> b</p>", "a b"},
		{"blank lines collapse", "<p>a</p><br><br><br><br><p>b</p>", "a\n\nb"},
		{"trailing spaces go", "<p>a   <br>b\t</p>", "a\nb"},
		{"pre keeps lines", "<pre><code>if a {\n    b()\n}</code></pre>", "if a {\n    b()\n}"},
		{"quote", "<blockquote><p>quoted<br>text</p></blockquote><p>after</p>", "quoted\ntext\n\nafter"},
		{"divs are lines", "<div>a</div><div>b</div><div><br></div><div>c</div>", "a\nb\n\nc"},
		{"rule", "<p>a</p><hr><p>b</p>", "a\n\nb"},
		{"table", "<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>", "k\tv\na\t1"},
		{"unclosed tags", "<p><b>a", "a"},
		{"stray less-than", "a < b &amp; c", "a < b & c"},
		{"cjk", "<h2>标题</h2><p>中文<strong>粗体</strong>文本</p><ul><li>項目</li></ul>", "标题\n\n中文粗体文本\n- 項目"},
		{"windows line endings", "<p>a\r\nb</p>\r\n<p>c</p>", "a\nb\n\nc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(tc.html); got != tc.want {
				t.Errorf("HTMLToText(%q)\n got %q\nwant %q", tc.html, got, tc.want)
			}
		})
	}
}

func TestRoundTrip(t *testing.T) {
	cases := []struct{ name, md, want string }{
		{"comment", "**LGTM** - see [docs](https://docs.example/retry) and `retry()`\n\n<script>x</script>",
			"LGTM - see docs and retry()\n\n<script>x</script>"},
		{"description",
			"## Steps\n\n1. Open **Profile**\n2. Tap the photo\n   and wait\n\nExpected: no crash.\n> Seen on iOS 17 & 18\n\n```\nerr: nil <ptr>\n```\n\n- [ ] fix\n- nested\n  - deeper\n\n---\nThanks!",
			"Steps\n- Open Profile\n- Tap the photo\n  and wait\n\nExpected: no crash.\n\nSeen on iOS 17 & 18\n\nerr: nil <ptr>\n- [ ] fix\n- nested\n  - deeper\n\nThanks!"},
		{"cjk", "你好，**世界**\n第二行", "你好，世界\n第二行"},
		{"windows line endings", "a\r\nb\r\n\r\nc", "a\nb\n\nc"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := HTMLToText(MarkdownToHTML(tc.md)); got != tc.want {
				t.Errorf("HTMLToText(MarkdownToHTML(%q))\n got %q\nwant %q", tc.md, got, tc.want)
			}
		})
	}
}

func TestSafeLink(t *testing.T) {
	cases := []struct {
		href string
		want bool
	}{
		{"http://e.example", true},
		{"https://e.example/a?b=c", true},
		{"HTTPS://E.EXAMPLE", true},
		{"mailto:ops@e.example", true},
		{"MailTo:ops@e.example", true},
		{"javascript:alert(1)", false},
		{"JAVASCRIPT:alert(1)", false},
		{"vbscript:x", false},
		{"data:text/html,x", false},
		{"file:///etc/passwd", false},
		{"ftp://e.example", false},
		{"//e.example", false},
		{"/relative", false},
		{"https:e.example", false},
		{" https://e.example", false},
		{"httpſ://e.example", false},
		{"", false},
	}
	for _, tc := range cases {
		if got := safeLink(tc.href); got != tc.want {
			t.Errorf("safeLink(%q) = %v, want %v", tc.href, got, tc.want)
		}
	}
}
