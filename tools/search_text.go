package tools

import (
	"strings"
	"unicode"
)

// Text relevance for search_issues: words are matched on word boundaries,
// in any order, after dropping stopwords and folding simple inflections;
// CJK text, which has no spaces between words, is matched by character
// pairs. An issue scores by the share of query words its title holds,
// plus a little for words found in its type or labels ("login bug" finds
// the login issues of type Bug first).

// stopwords are words that carry no meaning in a search.
var stopwords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "with": true, "about": true, "from": true, "by": true, "is": true, "are": true,
	"it": true, "its": true, "this": true, "that": true, "be": true, "as": true, "when": true, "not": true,
	"issue": true, "issues": true, "ticket": true, "tickets": true, "all": true, "any": true, "my": true,
	"does": true, "doesn": true, "don": true, "didn": true, "t": true, "no": true, "can": true, "cannot": true,
	"isn": true, "won": true, "after": true, "before": true, "into": true, "up": true, "out": true, "do": true,
}

// isCJK reports runes of scripts written without spaces between words.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// terms splits text into search terms: lower-case words without stopwords,
// stemmed; CJK runs become overlapping character pairs.
func terms(text string) []string { return splitTerms(text, false) }

// charTerms is terms with CJK runs split into single characters: order
// free, for comparing two titles.
func charTerms(text string) []string { return splitTerms(text, true) }

func splitTerms(text string, cjkChars bool) []string {
	var out []string
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		if isCJK(word[0]) && cjkChars {
			for _, r := range word {
				out = append(out, string(r))
			}
		} else if isCJK(word[0]) {
			if len(word) == 1 {
				out = append(out, string(word))
			}
			for i := 0; i+1 < len(word); i++ {
				out = append(out, string(word[i:i+2]))
			}
		} else if w := string(word); !stopwords[w] {
			out = append(out, stem(w))
		}
		word = word[:0]
	}
	for _, r := range strings.ToLower(text) {
		switch {
		case isCJK(r):
			if len(word) > 0 && !isCJK(word[0]) {
				flush()
			}
			word = append(word, r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if len(word) > 0 && isCJK(word[0]) {
				flush()
			}
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return dedupe(out)
}

// stem folds simple English inflections: crashes→crash, logging→log,
// failed→fail, arrives and arrive→arriv, slowly→slow.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	if base, ok := strings.CutSuffix(w, "ly"); ok && len(base) >= 4 {
		return base
	}
	for _, suf := range []string{"ing", "ies", "es", "ed", "s"} {
		if base, ok := strings.CutSuffix(w, suf); ok && len(base) >= 3 {
			switch suf {
			case "ies":
				return base + "y"
			case "s":
				if strings.HasSuffix(base, "s") {
					return w // "class", "access"
				}
			case "ing", "ed":
				if n := len(base); n >= 2 && base[n-1] == base[n-2] {
					base = base[:n-1] // "logging" → "log"
				}
			}
			return trimE(base)
		}
	}
	return trimE(w)
}

// trimE drops a final "e", so that "arrive" and "arrives" meet.
func trimE(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "e") {
		return w[:len(w)-1]
	}
	return w
}

func dedupe(words []string) []string {
	seen := map[string]bool{}
	out := words[:0]
	for _, w := range words {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// relevance scores how well an issue matches the query terms: the share
// of terms found in the title (on word boundaries), plus a quarter for
// each term found only in the type or labels. 0: no title term at all.
func relevance(query []string, title string, extra ...string) float64 {
	if len(query) == 0 {
		return 1
	}
	have := map[string]bool{}
	for _, t := range terms(title) {
		have[t] = true
	}
	also := map[string]bool{}
	for _, e := range extra {
		for _, t := range terms(e) {
			also[t] = true
		}
	}
	inTitle, elsewhere := 0, 0
	for _, q := range query {
		switch {
		case have[q]:
			inTitle++
		case also[q]:
			elsewhere++
		}
	}
	if inTitle == 0 {
		return 0
	}
	return (float64(inTitle) + 0.25*float64(elsewhere)) / float64(len(query))
}

// serverWords picks the query terms worth asking Leiga for (its title
// filter is one substring): the longest few, since a matching title
// holds at least one of them.
func serverWords(query []string, n int) []string {
	words := append([]string(nil), query...)
	// longest first: rarer, so fewer rows to read
	for i := 1; i < len(words); i++ {
		for j := i; j > 0 && len([]rune(words[j])) > len([]rune(words[j-1])); j-- {
			words[j], words[j-1] = words[j-1], words[j]
		}
	}
	if len(words) > n {
		words = words[:n]
	}
	return words
}
