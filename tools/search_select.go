package tools

import (
	"context"
	"slices"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"golang.org/x/sync/errgroup"
)

// Every issue a search matches, not a page of rows: what search_issues
// would list, in its order, as issues. bulk_update_issues selects its
// issues with it, so that the two tools always agree on what a filter
// means.

// searchResult is every issue a search matched.
type searchResult struct {
	issues  []endpoints.Issue // in search_issues' order, each with its project
	capped  bool              // a project had more candidates than were read
	applied []string          // the filters, in words
}

// searchAll runs the search of args in every project it names and returns
// every match, ranked and sorted as search_issues sorts them. At most
// maxMergedRows candidates are read per project (capped says so).
func searchAll(ctx context.Context, d *toolkit.Deps, args *schemas.SearchIssues) (*searchResult, error) {
	sq, live, err := planSearch(ctx, d.Resolver, args)
	if err != nil {
		return nil, err
	}
	merged, capped, err := rankAll(ctx, d, sq, live)
	if err != nil {
		return nil, err
	}
	out := &searchResult{issues: make([]endpoints.Issue, 0, len(merged)), capped: capped, applied: sq.applied}
	for _, s := range merged {
		is := s.issue
		if is.Number == "" {
			is.Number = s.row.Number // "#10015 (WEB)": list rows may lack the number
		}
		out.issues = append(out.issues, is)
	}
	return out, nil
}

// rankAll reads the candidates of every live project, a few projects at
// a time, and sorts them in the search's order. capped reports that some
// project had more candidates than were read.
func rankAll(ctx context.Context, d *toolkit.Deps, sq *searchQuery, live []*projectFilter) ([]scoredIssue, bool, error) {
	var words []string
	if len(sq.terms) > 0 {
		words = serverWords(sq.terms, 4)
	}
	parts := make([][]scoredIssue, len(live))
	capped := make([]bool, len(live))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fanOut)
	for i, pf := range live {
		g.Go(func() (err error) {
			parts[i], capped[i], err = candidates(gctx, d, sq, pf, words)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, false, err
	}
	merged := slices.Concat(parts...)
	sortScored(merged, sortOf(sq))
	return merged, slices.Contains(capped, true), nil
}
