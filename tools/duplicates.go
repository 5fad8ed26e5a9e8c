package tools

import (
	"context"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/richtext"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"golang.org/x/sync/errgroup"
)

// Twins: how create_issue finds the open issues a new one would duplicate,
// and the open issues it is related to. Titles are compared as sets of
// terms (stopwords and punctuation dropped, inflections folded, CJK by
// character pairs, the same terms search uses); descriptions, when both
// issues have one, confirm or refute a borderline title. The thresholds
// are tuned on the labelled pairs in duplicates_test.go.

// similarity compares two issues: the Dice coefficient of their title
// terms, and how many terms only one of the titles has.
type similarity struct {
	dice     float64 // 2|A∩B| / (|A|+|B|)
	onlyA    int     // terms of A missing from B
	onlyB    int
	shared   int
	descDice float64 // of the descriptions' terms; -1 when either has none
}

func compare(titleA, descA, titleB, descB string) similarity {
	a, b := termSet(titleA), termSet(titleB)
	s := similarity{descDice: -1}
	for t := range a {
		if b[t] {
			s.shared++
		} else {
			s.onlyA++
		}
	}
	s.onlyB = len(b) - s.shared
	if len(a)+len(b) > 0 {
		s.dice = 2 * float64(s.shared) / float64(len(a)+len(b))
	}
	if da, db := termSet(descA), termSet(descB); len(da) >= 3 && len(db) >= 3 {
		both := 0
		for t := range da {
			if db[t] {
				both++
			}
		}
		s.descDice = 2 * float64(both) / float64(len(da)+len(db))
	}
	return s
}

// termSet is the set of search terms of a text.
func termSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, t := range charTerms(s) {
		out[t] = true
	}
	return out
}

// twin reports issues that describe the same work. Titles must share at
// least two terms. When one title's terms all appear in the other (the
// other elaborates it), most of the terms must be shared; when each has a
// term the other lacks ("Safari" and "Chrome", "0.76" and "0.77"), the
// titles name different things, and only matching descriptions make them
// twins. Descriptions, when both exist, can also veto a title match.
func (s similarity) twin() bool {
	descAgrees := s.descDice < 0 || s.descDice >= 0.3
	switch {
	case s.shared < 2:
		return false
	case s.onlyA == 0 || s.onlyB == 0:
		return (s.dice >= 0.75 && descAgrees) || s.descDice >= 0.6
	}
	return s.descDice >= 0.6
}

// related reports issues worth a look next to a new one: most of the
// shorter title's terms in common.
func (s similarity) related() bool {
	short := s.shared + min(s.onlyA, s.onlyB)
	return s.shared >= 2 && float64(s.shared) >= 0.6*float64(short)
}

// openNeighbours reads the open issues of a project whose titles share a
// term with title: one query per distinctive term (a twin shares at least
// one of them).
func openNeighbours(ctx context.Context, d *toolkit.Deps, p resolve.Ref, title string) ([]endpoints.Issue, error) {
	words := serverWords(terms(title), 3)
	pages := make([]endpoints.Page[endpoints.Issue], len(words))
	g, gctx := errgroup.WithContext(ctx)
	for i, w := range words {
		g.Go(func() (err error) {
			in := schemas.IssuePage{ProjectID: p.ID, Summary: w, StatusTypes: []int{endpoints.CategoryToDo, endpoints.CategoryInProgress}, Paging: schemas.Paging{PageNumber: 1, PageSize: 50}}
			pages[i], err = endpoints.Call(gctx, d.API, endpoints.IssuePage, in)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []endpoints.Issue
	for _, page := range pages {
		for _, is := range page.Rows {
			if !seen[is.ID] {
				seen[is.ID] = true
				out = append(out, is)
			}
		}
	}
	return out, nil
}

// findDuplicates splits a project's open issues near a new title (and
// description, Markdown) into twins and related issues, best first.
func findDuplicates(ctx context.Context, d *toolkit.Deps, p resolve.Ref, title, description string) (twins, related []compactIssue, err error) {
	near, err := openNeighbours(ctx, d, p, title)
	if err != nil {
		return nil, nil, err
	}
	type scored struct {
		row  compactIssue
		dice float64
	}
	var tw, rel []scored
	desc := richtext.HTMLToText(richtext.MarkdownToHTML(description))
	for _, is := range near {
		s := compare(title, desc, is.Summary, richtext.HTMLToText(is.Description))
		switch {
		case s.twin():
			tw = append(tw, scored{compactRow(is, p.ProjectKey, d.Loc()), s.dice})
		case s.related():
			rel = append(rel, scored{compactRow(is, p.ProjectKey, d.Loc()), s.dice})
		}
	}
	best := func(list []scored) []compactIssue {
		slices.SortStableFunc(list, func(a, b scored) int {
			switch {
			case a.dice > b.dice:
				return -1
			case a.dice < b.dice:
				return 1
			}
			return 0
		})
		out := make([]compactIssue, 0, len(list))
		for _, s := range list {
			out = append(out, s.row)
		}
		return out
	}
	return best(tw), best(rel), nil
}
