package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"golang.org/x/sync/errgroup"
)

// search_issues: issues found by names and words, in one project or
// merged across every visible project by last update.
func searchIssuesTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "search_issues", Title: "Search issues",
		Description: "Find issues by title words, project (default all), status or todo/in_progress/done/open, assignee or me, labels, sprint, date ranges. Compact rows.",
		Effect:      toolkit.Read,
	}, handleSearchIssues)
}

// statusCategories maps the category words search_issues accepts to
// Leiga's status categories.
var statusCategories = map[string][]int{
	"todo": {2}, "to_do": {2}, "not_started": {2},
	"in_progress": {3}, "inprogress": {3}, "doing": {3},
	"done": {4}, "finished": {4}, "completed": {4},
	"open": {2, 3}, "not_done": {2, 3},
}

// maxMergedRows caps how deep a search across every project may page.
const maxMergedRows = 500

// searchQuery is a search_issues call with its dates read and its
// assignee resolved (user ids are organisation-wide).
type searchQuery struct {
	args       *schemas.SearchIssues
	categories []int
	statuses   []string // names, resolved per project
	assignee   *resolve.Ref
	dates      map[string][]*schemas.Millis
}

func handleSearchIssues(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.SearchIssues) (*mcp.CallToolResult, error) {
	return searchIssues(ctx, d, args)
}

// searchIssues runs a search in one project or, fanned out a few at a
// time, in every visible project, merging by last update.
func searchIssues(ctx context.Context, d *toolkit.Deps, args *schemas.SearchIssues) (*mcp.CallToolResult, error) {
	args.ApplyDefaults()
	r := d.Resolver
	sq := &searchQuery{args: args, dates: map[string][]*schemas.Millis{}}
	var errs []error
	for _, s := range args.Status {
		if cats, ok := statusCategories[strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(s), " ")), " ", "_")]; ok && !strings.Contains(s, " ") {
			for _, c := range cats {
				if !slices.Contains(sq.categories, c) {
					sq.categories = append(sq.categories, c)
				}
			}
			continue
		}
		sq.statuses = append(sq.statuses, s)
	}
	if args.Assignee != "" {
		u, err := r.Member(ctx, resolve.Ref{}, args.Assignee)
		if err != nil {
			errs = append(errs, fmt.Errorf("assignee: %w", err))
		}
		sq.assignee = &u
	}
	for _, rng := range []struct{ field, code, expr string }{
		{"created", "createTime", args.Created}, {"updated", "updateTime", args.Updated}, {"due", "dueDate", args.Due},
	} {
		if rng.expr == "" {
			continue
		}
		from, to, err := resolve.ParseDateRange(rng.expr, r.Now(), r.Location())
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", rng.field, err))
			continue
		}
		sq.dates[rng.code] = []*schemas.Millis{(*schemas.Millis)(from), (*schemas.Millis)(to)}
	}
	var projects []resolve.Ref
	if args.Project != "" {
		p, err := r.Project(ctx, args.Project)
		if err != nil {
			errs = append(errs, fmt.Errorf("project: %w", err))
		}
		projects = []resolve.Ref{p}
	} else {
		all, err := r.Projects(ctx)
		if err != nil {
			return nil, err
		}
		for _, p := range all {
			if !p.Closed {
				projects = append(projects, p)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	filters, err := projectFilters(ctx, r, sq, projects)
	if err != nil {
		return nil, err
	}
	rows, total, err := fetchSearch(ctx, d, sq, filters)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"total": total, "page": args.Page, "page_size": args.PageSize, "issues": rows}
	shown := (args.Page-1)*args.PageSize + len(rows)
	var note string
	switch {
	case total == 0:
		note = "No issues match."
	case len(rows) == 0:
		note = fmt.Sprintf("Page %d is past the end: %d issues match.", args.Page, total)
	case shown < total:
		note = fmt.Sprintf("Issues %d-%d of %d, newest update first. More: call again with page=%d.", shown-len(rows)+1, shown, total, args.Page+1)
		out["next_page"] = args.Page + 1
	default:
		note = fmt.Sprintf("Issues %d-%d of %d (last page).", shown-len(rows)+1, shown, total)
	}
	return toolkit.Result(ctx, d, out, note)
}

// fetchSearch reads the requested page: directly for one project, or the
// first page*size rows of each project, merged by last update. Leiga
// matches the title text as one phrase; several words are matched in any
// order by asking Leiga for the longest word and keeping the rows whose
// title has every word.
func fetchSearch(ctx context.Context, d *toolkit.Deps, sq *searchQuery, filters []*projectFilter) ([]compactIssue, int, error) {
	r := d.Resolver
	args := sq.args
	words := strings.Fields(strings.ToLower(args.Text))
	everyWord := len(words) > 1
	var live []*projectFilter
	for _, pf := range filters {
		if !pf.skip {
			live = append(live, pf)
		}
	}
	body := func(pf *projectFilter, page, size int) schemas.IssuePage {
		b := schemas.IssuePage{ProjectID: pf.p.ID, OrderBy: "updateTime", Sort: "DESC", Paging: schemas.Paging{PageNumber: page, PageSize: size}}
		switch {
		case everyWord:
			b.Summary = slices.MaxFunc(words, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
		case len(words) == 1:
			b.Summary = strings.TrimSpace(args.Text)
		}
		if len(sq.categories) > 0 && len(sq.statuses) == 0 {
			b.StatusTypes = sq.categories
		}
		if len(pf.selects) > 0 {
			b.SelectFields = pf.selects
		}
		if len(sq.dates) > 0 {
			b.DateFields = sq.dates
		}
		return b
	}
	page := func(ctx context.Context, pf *projectFilter, n, size int) ([]compactIssue, int, error) {
		got, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, body(pf, n, size))
		if err != nil {
			return nil, 0, fmt.Errorf("searching %s: %w", pf.p.ProjectKey, err)
		}
		var rows []compactIssue
		for _, row := range got.Rows {
			rows = append(rows, compactRow(row, pf.p.ProjectKey, r.Location()))
		}
		return rows, int(got.Total), nil
	}
	switch {
	case len(live) == 0:
		return []compactIssue{}, 0, nil
	case len(live) == 1 && !everyWord:
		rows, total, err := page(ctx, live[0], args.Page, args.PageSize)
		if rows == nil {
			rows = []compactIssue{}
		}
		return rows, total, err
	}
	need := args.Page * args.PageSize
	if everyWord {
		need = maxMergedRows // filtered here: read every candidate, up to the cap
	} else if need > maxMergedRows {
		return nil, 0, fmt.Errorf("page %d of %d rows is too deep for a search across every project (at most %d rows): name a project or narrow the search", args.Page, args.PageSize, maxMergedRows)
	}
	parts := make([][]compactIssue, len(live))
	totals := make([]int, len(live))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(fanOut)
	for i, pf := range live {
		g.Go(func() error {
			size := min(need, schemas.MaxListPageSize)
			for n := 1; len(parts[i]) < need; n++ {
				rows, total, err := page(gctx, pf, n, size)
				if err != nil {
					return err
				}
				parts[i], totals[i] = append(parts[i], rows...), total
				if len(rows) < size || len(parts[i]) >= total {
					break
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, 0, err
	}
	merged := slices.Concat(parts...)
	slices.SortStableFunc(merged, func(a, b compactIssue) int {
		return cmp.Or(cmp.Compare(b.updated, a.updated), cmp.Compare(b.id, a.id))
	})
	total := 0
	for _, t := range totals {
		total += t
	}
	if everyWord {
		merged = slices.DeleteFunc(merged, func(c compactIssue) bool { return !hasEveryWord(c.Title, words) })
		total = len(merged)
	}
	from := min((args.Page-1)*args.PageSize, len(merged))
	to := min(from+args.PageSize, len(merged))
	return slices.Clone(merged[from:to]), total, nil
}

// hasEveryWord reports whether title contains each of the lower-case words.
func hasEveryWord(title string, words []string) bool {
	title = strings.ToLower(title)
	for _, w := range words {
		if !strings.Contains(title, w) {
			return false
		}
	}
	return true
}

// fanOut bounds the concurrent Leiga calls of a search across projects.
const fanOut = 4
