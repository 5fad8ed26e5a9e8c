package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// search_issues: issues found by names and words, in one project or merged
// across every visible project.
func searchIssuesTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "search_issues", Title: "Search issues",
		Description: "Find issues by words (best match first) and filters: project, type, status (open, done), assignee (me, none), priority, labels, sprint (current, none), epic, version, dates.",
		Effect:      toolkit.Read,
	}, handleSearchIssues)
}

func handleSearchIssues(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.SearchIssues) (*mcp.CallToolResult, error) {
	return searchIssues(ctx, d, args)
}

// statusCategories maps the category words search_issues accepts to
// Leiga's status categories.
var statusCategories = map[string][]int{
	"todo": {2}, "to_do": {2}, "not_started": {2},
	"in_progress": {3}, "inprogress": {3}, "doing": {3},
	"done": {4}, "finished": {4}, "completed": {4}, "closed": {4},
	"open": {2, 3}, "not_done": {2, 3},
}

// maxMergedRows caps how many rows a search reads to rank, filter or
// merge locally.
const maxMergedRows = 500

// fanOut bounds the concurrent Leiga calls of a search across projects.
const fanOut = 4

// searchQuery is a search_issues call with its cross-project names
// resolved and its dates read.
type searchQuery struct {
	args       *schemas.SearchIssues
	terms      []string // text terms
	categories []int
	statuses   []string // names, resolved per project
	assignee   *resolve.Ref
	unassigned bool
	dates      map[string]schemas.DateRange
	applied    []string // the filters, as words, for notes
}

// searchIssues runs a search in one project or, fanned out a few at a
// time, in every visible project.
func searchIssues(ctx context.Context, d *toolkit.Deps, args *schemas.SearchIssues) (*mcp.CallToolResult, error) {
	args.ApplyDefaults()
	sq, live, err := planSearch(ctx, d.Resolver, args)
	if err != nil {
		return nil, err
	}
	rows, total, capped, err := fetchSearch(ctx, d, sq, live)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"total": total, "page": args.Page, "page_size": args.PageSize, "issues": rows}
	shown := (args.Page-1)*args.PageSize + len(rows)
	var notes []string
	switch {
	case total == 0:
		notes = append(notes, "No issues match "+strings.Join(sq.applied, ", ")+". Widen a filter or check the words.")
	case len(rows) == 0:
		notes = append(notes, fmt.Sprintf("Page %d is past the end: %d issues match.", args.Page, total))
	case shown < total:
		notes = append(notes, fmt.Sprintf("Issues %d-%d of %d, %s. More: call again with page=%d.", shown-len(rows)+1, shown, total, sortWords(sq), args.Page+1))
		out["next_page"] = args.Page + 1
	default:
		notes = append(notes, fmt.Sprintf("Issues %d-%d of %d (last page), %s.", shown-len(rows)+1, shown, total, sortWords(sq)))
	}
	if capped {
		notes = append(notes, fmt.Sprintf("Only the %d most recently updated candidates were read: narrow the search to see older issues.", maxMergedRows))
	}
	return toolkit.Result(ctx, d, out, notes...)
}

// planSearch reads the search's arguments and resolves its names in each
// project; it returns the projects where the search can match (live).
func planSearch(ctx context.Context, r *resolve.Resolver, args *schemas.SearchIssues) (*searchQuery, []*projectFilter, error) {
	sq, projects, err := newSearchQuery(ctx, r, args)
	if err != nil {
		return nil, nil, err
	}
	filters, err := projectFilters(ctx, r, sq, projects)
	if err != nil {
		return nil, nil, err
	}
	var live []*projectFilter
	for _, pf := range filters {
		if !pf.skip {
			live = append(live, pf)
		}
	}
	return sq, live, nil
}

// newSearchQuery reads the arguments that are the same in every project
// (assignee, dates, status categories, the projects) and says what the
// search asks for. Every failure is reported at once.
func newSearchQuery(ctx context.Context, r *resolve.Resolver, args *schemas.SearchIssues) (*searchQuery, []resolve.Ref, error) {
	sq := &searchQuery{args: args, terms: terms(args.Text), dates: map[string]schemas.DateRange{}}
	var errs []error
	for _, s := range args.Status {
		key := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "_")
		if cats, ok := statusCategories[key]; ok {
			for _, c := range cats {
				if !slices.Contains(sq.categories, c) {
					sq.categories = append(sq.categories, c)
				}
			}
			continue
		}
		sq.statuses = append(sq.statuses, s)
	}
	// The assignee and the projects are independent: read them at once.
	var wg sync.WaitGroup
	var assigneeErr error
	switch {
	case args.Assignee == "":
	case isNone(args.Assignee):
		sq.unassigned = true
	default:
		wg.Go(func() {
			u, err := r.Member(ctx, resolve.Ref{}, args.Assignee)
			if err != nil {
				assigneeErr = fmt.Errorf("assignee: %w", err)
			}
			sq.assignee = &u
		})
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
		sq.dates[rng.code] = schemas.DateRange{(*schemas.Millis)(from), (*schemas.Millis)(to)}
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
			wg.Wait()
			return nil, nil, err
		}
		for _, p := range all {
			if !p.Closed {
				projects = append(projects, p)
			}
		}
	}
	wg.Wait()
	sq.describe(projects)
	return sq, projects, errors.Join(append(errs, assigneeErr)...)
}

// isNone reports a value meaning "no one" or "nothing".
func isNone(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "nobody", "no one", "unassigned", "null", "-", "empty":
		return true
	}
	return false
}

// describe words the search's filters for notes.
func (sq *searchQuery) describe(projects []resolve.Ref) {
	a := sq.args
	add := func(label, value string) {
		if value != "" {
			sq.applied = append(sq.applied, label+" "+value)
		}
	}
	if len(projects) == 1 {
		add("project", projects[0].ProjectKey)
	} else {
		add("projects", "all")
	}
	if a.Text != "" {
		add("words", fmt.Sprintf("%q", a.Text))
	}
	add("type", strings.Join(a.Type, " or "))
	add("status", strings.Join(a.Status, " or "))
	add("assignee", a.Assignee)
	add("priority", strings.Join(a.Priority, " or "))
	add("labels", strings.Join(a.Labels, " or "))
	add("sprint", a.Sprint)
	add("epic", a.Epic)
	add("version", a.Version)
	add("created", a.Created)
	add("updated", a.Updated)
	add("due", a.Due)
}

// sortOf is the order of a search: relevance when it has words, else the
// last update, unless sort says otherwise.
func sortOf(sq *searchQuery) string {
	if sq.args.Sort != "" {
		if sq.args.Sort == "relevance" && len(sq.terms) == 0 {
			return "updated"
		}
		return sq.args.Sort
	}
	if len(sq.terms) > 0 {
		return "relevance"
	}
	return "updated"
}

// sortWords words the order of results for notes.
func sortWords(sq *searchQuery) string {
	return map[string]string{
		"relevance": "best match first", "updated": "newest update first", "created": "newest first",
		"priority": "highest priority first", "due": "earliest due first",
	}[sortOf(sq)]
}

// fetchSearch reads the requested page. A search Leiga can answer as it
// stands (one project, no words, nothing filtered or sorted here) is paged
// by Leiga; any other reads the candidates of every project (at most
// maxMergedRows), then filters, ranks, sorts and pages them here. live
// are the projects where the search can match.
func fetchSearch(ctx context.Context, d *toolkit.Deps, sq *searchQuery, live []*projectFilter) ([]compactIssue, int, bool, error) {
	args := sq.args
	if len(live) == 0 {
		return []compactIssue{}, 0, false, nil
	}
	order := sortOf(sq)
	if len(live) == 1 && len(sq.terms) == 0 && !live[0].local() && (order == "updated" || order == "created") {
		page, err := searchPage(ctx, d, sq, live[0], "", args.Page, args.PageSize)
		if err != nil {
			return nil, 0, false, err
		}
		rows := make([]compactIssue, 0, len(page.Rows))
		for _, is := range page.Rows {
			rows = append(rows, compactRow(is, live[0].p.ProjectKey, d.Loc()))
		}
		return rows, int(page.Total), false, nil
	}
	merged, capped, err := rankAll(ctx, d, sq, live)
	if err != nil {
		return nil, 0, false, err
	}
	total := len(merged)
	from := min((args.Page-1)*args.PageSize, total)
	to := min(from+args.PageSize, total)
	rows := make([]compactIssue, 0, to-from)
	for _, s := range merged[from:to] {
		rows = append(rows, s.row)
	}
	return rows, total, capped, nil
}

// scoredIssue is a candidate with its relevance and priority rank.
type scoredIssue struct {
	row   compactIssue
	score float64
	prio  int             // position in the project's priority list: 0 highest
	issue endpoints.Issue // the row as read, its project filled in (bulk_update_issues)
}

// candidates reads a project's issues that pass Leiga's filters (one
// query per word, when there are words), keeps those that pass the local
// ones and scores them.
func candidates(ctx context.Context, d *toolkit.Deps, sq *searchQuery, pf *projectFilter, words []string) ([]scoredIssue, bool, error) {
	queries := words
	if len(queries) == 0 {
		queries = []string{""}
	}
	seen := map[int64]bool{}
	var out []scoredIssue
	capped := false
	for _, w := range queries {
		for n := 1; ; n++ {
			page, err := searchPage(ctx, d, sq, pf, w, n, schemas.MaxListPageSize)
			if err != nil {
				return nil, false, err
			}
			for _, is := range page.Rows {
				if seen[is.ID] || !pf.keep(is) {
					continue
				}
				seen[is.ID] = true
				labels := make([]string, 0, len(is.Tags))
				for _, t := range is.Tags {
					labels = append(labels, t.Name)
				}
				score := relevance(sq.terms, is.Summary, append(labels, is.TypeName)...)
				if score == 0 {
					continue
				}
				is.ProjectID, is.ProjectKey = cmp.Or(is.ProjectID, pf.p.ID), cmp.Or(is.ProjectKey, pf.p.ProjectKey)
				out = append(out, scoredIssue{row: compactRow(is, pf.p.ProjectKey, d.Loc()), score: score, prio: pf.priorityRank(is.PriorityID), issue: is})
			}
			read := (n-1)*schemas.MaxListPageSize + len(page.Rows)
			if len(page.Rows) < schemas.MaxListPageSize || int64(read) >= page.Total {
				break
			}
			if read >= maxMergedRows {
				capped = true
				break
			}
		}
	}
	return out, capped, nil
}

// searchPage asks Leiga for one page of a project's issues with the
// filters it understands; word narrows the titles.
func searchPage(ctx context.Context, d *toolkit.Deps, sq *searchQuery, pf *projectFilter, word string, page, size int) (endpoints.Page[endpoints.Issue], error) {
	in := schemas.IssuePage{ProjectID: pf.p.ID, Summary: word, OrderBy: "updateTime", Sort: "DESC", Paging: schemas.Paging{PageNumber: page, PageSize: size}}
	if sortOf(sq) == "created" {
		in.OrderBy = "createTime"
	}
	if len(sq.categories) > 0 && len(sq.statuses) == 0 {
		in.StatusTypes = sq.categories
	}
	if len(pf.selects) > 0 {
		in.SelectFields = pf.selects
	}
	if len(sq.dates) > 0 {
		in.DateFields = sq.dates
	}
	got, err := endpoints.Call(ctx, d.API, endpoints.IssuePage, in)
	if err != nil {
		return got, fmt.Errorf("searching %s: %w", pf.p.ProjectKey, err)
	}
	return got, nil
}

// sortScored orders candidates: by relevance (then last update), last
// update, creation, priority (highest first) or due date (earliest first,
// none last).
func sortScored(list []scoredIssue, order string) {
	newer := func(a, b scoredIssue) int {
		return cmp.Or(cmp.Compare(b.row.updated, a.row.updated), cmp.Compare(b.row.id, a.row.id))
	}
	slices.SortStableFunc(list, func(a, b scoredIssue) int {
		switch order {
		case "relevance":
			return cmp.Or(cmp.Compare(b.score, a.score), newer(a, b))
		case "created":
			return cmp.Or(cmp.Compare(b.row.created, a.row.created), cmp.Compare(b.row.id, a.row.id))
		case "priority":
			return cmp.Or(cmp.Compare(a.prio, b.prio), cmp.Compare(b.score, a.score), newer(a, b))
		case "due":
			ad, bd := a.row.dueMs, b.row.dueMs
			switch {
			case ad == 0 && bd != 0:
				return 1
			case bd == 0 && ad != 0:
				return -1
			}
			return cmp.Or(cmp.Compare(ad, bd), newer(a, b))
		}
		return newer(a, b)
	})
}
