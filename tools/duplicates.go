package tools

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// Near-identical titles: how create_issue finds the open issues a new one
// would duplicate.

// titleTokens are the lower-case words and numbers of a title, plural
// "s" dropped ("screens" and "screen" are the same word).
func titleTokens(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			words[i] = w[:len(w)-1]
		}
	}
	return words
}

// similarTitles reports near-identical titles: the same words with a
// Jaccard index of at least 0.8, or the words of one (at least two words,
// ten letters) found in order inside the other.
func similarTitles(a, b string) bool {
	ta, tb := titleTokens(a), titleTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	sa, sb := map[string]bool{}, map[string]bool{}
	for _, t := range ta {
		sa[t] = true
	}
	for _, t := range tb {
		sb[t] = true
	}
	both := 0
	for t := range sa {
		if sb[t] {
			both++
		}
	}
	if float64(both)/float64(len(sa)+len(sb)-both) >= 0.8 {
		return true
	}
	ja, jb := " "+strings.Join(ta, " ")+" ", " "+strings.Join(tb, " ")+" "
	short, long := ja, jb
	if len(short) > len(long) {
		short, long = long, short
	}
	return len(strings.Fields(short)) >= 2 && len(short) >= 12 && strings.Contains(long, short)
}

// findDuplicates returns the open issues of a project whose title is
// near-identical to title. It searches by the title's two longest words
// (a twin shares at least one of them), then compares whole titles.
func findDuplicates(ctx context.Context, d *toolkit.Deps, p resolve.Ref, title string) ([]compactIssue, error) {
	words := titleTokens(title)
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	words = slices.Compact(words)
	if len(words) > 2 {
		words = words[:2]
	}
	seen := map[string]bool{}
	var twins []compactIssue
	for _, w := range words {
		in := schemas.IssuePage{ProjectID: p.ID, Summary: w, StatusTypes: []int{endpoints.CategoryToDo, endpoints.CategoryInProgress}, Paging: schemas.Paging{PageNumber: 1, PageSize: 50}}
		page, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, in)
		if err != nil {
			return nil, err
		}
		for _, row := range page.Rows {
			is := compactRow(row, p.ProjectKey, d.Loc())
			if !seen[is.Number] && similarTitles(title, is.Title) {
				seen[is.Number] = true
				twins = append(twins, is)
			}
		}
	}
	return twins, nil
}
