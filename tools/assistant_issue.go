package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
	"golang.org/x/sync/errgroup"
)

// Workflow tools on issues: create_issue, update_issue, get_issue,
// search_issues and my_issues. They resolve names with the Resolver and
// call the issue endpoints directly.

// clearWords are the values that clear an optional field in update_issue.
var clearWords = map[string]bool{"none": true, "null": true, "unassigned": true, "-": true}

func isClear(s string) bool { return clearWords[normName(s)] }

// fieldPlan is a resolved issue data map (fieldCode -> value) and the
// names it stands for.
type fieldPlan struct {
	data  map[string]any
	names map[string]any
	errs  []error
}

func newFieldPlan() *fieldPlan {
	return &fieldPlan{data: map[string]any{}, names: map[string]any{}}
}

// set records a resolved field, or the failure to resolve it.
func (fp *fieldPlan) set(code, field string, ref Ref, err error) {
	if err != nil {
		fp.errs = append(fp.errs, fmt.Errorf("%s: %w", field, err))
		return
	}
	fp.data[code] = ref.ID
	fp.names[field] = ref.Name
}

// clear records a field to empty.
func (fp *fieldPlan) clear(code, field string) {
	fp.data[code] = nil
	fp.names[field] = "none"
}

// err joins every resolution failure, so that all can be fixed at once.
func (fp *fieldPlan) err() error { return errors.Join(fp.errs...) }

// planFields resolves the by-name fields of a create (clearable false) or
// an update (clearable: "none" empties a field, labels [] removes all).
func planFields(ctx context.Context, r *Resolver, p Ref, f schemas.IssueFieldsByName, clearable bool) *fieldPlan {
	fp := newFieldPlan()
	if f.Description != "" {
		fp.data["description"] = markdownHTML(f.Description)
		fp.names["description"] = fmt.Sprintf("%d characters of Markdown", len([]rune(f.Description)))
	}
	if f.Priority != "" {
		ref, err := r.Priority(ctx, p, f.Priority)
		fp.set("priority", "priority", ref, err)
	}
	optional := func(value, code, field string, resolve func(string) (Ref, error)) {
		switch {
		case value == "":
		case clearable && isClear(value):
			fp.clear(code, field)
		default:
			ref, err := resolve(value)
			fp.set(code, field, ref, err)
		}
	}
	optional(f.Assignee, "assignee", "assignee", func(q string) (Ref, error) { return r.Member(ctx, p, q) })
	optional(f.Sprint, "sprint", "sprint", func(q string) (Ref, error) {
		ref, err := r.Sprint(ctx, p, q)
		if err == nil && ref.Closed {
			err = fmt.Errorf("sprint %q is closed; choose an open sprint%s", ref.Name, openOptions(ctx, r.Sprints, p.ID))
		}
		return ref, err
	})
	optional(f.Epic, "epic", "epic", func(q string) (Ref, error) { return r.Epic(ctx, p, q) })
	optional(f.Version, "releaseVersion", "version", func(q string) (Ref, error) {
		ref, err := r.Version(ctx, q)
		if err == nil && ref.Closed {
			err = fmt.Errorf("version %q is archived; choose another%s", ref.Name, openOptions(ctx, func(ctx context.Context, _ int64) ([]Ref, error) { return r.Versions(ctx) }, 0))
		}
		return ref, err
	})
	if f.Labels != nil {
		ids, names := []int64{}, []string{}
		for _, l := range f.Labels {
			ref, err := r.Tag(ctx, p, l)
			if err != nil {
				fp.errs = append(fp.errs, fmt.Errorf("labels: %w", err))
				continue
			}
			if !slices.Contains(ids, ref.ID) {
				ids, names = append(ids, ref.ID), append(names, ref.Name)
			}
		}
		if len(ids) > 0 || clearable {
			fp.data["label"], fp.names["labels"] = ids, names
		}
	}
	date := func(value, code, field string) {
		switch {
		case value == "":
		case clearable && isClear(value):
			fp.clear(code, field)
		default:
			ms, err := DateMillis(value, r.Now(), r.Location())
			if err != nil {
				fp.errs = append(fp.errs, fmt.Errorf("%s: %w", field, err))
				return
			}
			fp.data[code], fp.names[field] = ms, FormatDate(ms, r.Location())
		}
	}
	date(f.Due, "dueDate", "due")
	date(f.Start, "startDate", "start")
	return fp
}

// openOptions lists the open (not closed) options of a list, for messages.
func openOptions(ctx context.Context, list func(context.Context, int64) ([]Ref, error), pid int64) string {
	refs, err := list(ctx, pid)
	if err != nil {
		return ""
	}
	var open []string
	for _, f := range refs {
		if !f.Closed {
			open = append(open, f.Name)
		}
	}
	if len(open) == 0 {
		return ""
	}
	return ": " + listCapped(open)
}

// ---- create_issue ----

// createdIssue is the answer of create_issue.
type createdIssue struct {
	ID     int64          `json:"id"`
	Number string         `json:"number"`
	URL    string         `json:"url"`
	Set    map[string]any `json:"set"` // the resolved names of what was set
}

func handleCreateIssue(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.CreateIssue)
	r, err := resolverOf(d)
	if err != nil {
		return nil, err
	}
	p, err := r.Project(ctx, args.Project)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	var typ Ref
	if args.Type != "" {
		typ, err = r.IssueType(ctx, p, args.Type)
	} else {
		typ, err = r.DefaultIssueType(ctx, p.ID)
	}
	if err != nil {
		return nil, fmt.Errorf("type: %w", err)
	}
	title := strings.TrimSpace(args.Title)
	fp := planFields(ctx, r, p, args.IssueFieldsByName, false)
	if err := fp.err(); err != nil {
		return nil, err
	}
	fp.data["summary"] = title
	fp.names["project"], fp.names["type"], fp.names["title"] = p.ProjectKey, typ.Name, title

	if args.CheckDuplicates == nil || *args.CheckDuplicates {
		twins, err := findDuplicates(ctx, d, r, p, title)
		if err != nil {
			return nil, fmt.Errorf("checking for duplicates: %w", err)
		}
		if len(twins) > 0 {
			return assistantResult(d, map[string]any{"created": false, "duplicates": twins},
				fmt.Sprintf("Not created: %d open issue(s) in %s have a near-identical title. Update one of them, or call create_issue again with check_duplicates=false to create anyway.", len(twins), p.ProjectKey))
		}
	}
	body := map[string]any{"projectId": p.ID, "issueTypeId": typ.ID, "data": fp.data}
	if args.DryRun {
		return assistantResult(d, map[string]any{"dry_run": true, "would_send": wouldSend{"POST", "/issue/add", body}, "set": fp.names},
			"Dry run: nothing was created. Call again without dry_run to create it.")
	}
	m, _, err := send(ctx, d, leigaapi.Request{Method: "POST", Path: "/issue/add", Body: body})
	if err != nil {
		return nil, err
	}
	out := createdIssue{ID: m.id("id", "issueId"), Number: m.str("issueNumber"), Set: fp.names}
	if out.ID == 0 {
		return nil, fmt.Errorf("Leiga created the issue but returned no id: %s", compactJSON(m))
	}
	if out.Number == "" { // the catalog's answer is only {id}: read the number back
		if is, err := r.Issue(ctx, strconv.FormatInt(out.ID, 10)); err == nil {
			out.Number, out.URL = is.Number, is.URL
		}
	}
	out.URL = cmp.Or(out.URL, r.IssueURL(p.ProjectKey, out.Number))
	return assistantResult(d, out)
}

// ---- duplicates ----

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
func findDuplicates(ctx context.Context, d *Deps, r *Resolver, p Ref, title string) ([]compactIssue, error) {
	words := titleTokens(title)
	slices.SortStableFunc(words, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	words = slices.Compact(words)
	if len(words) > 2 {
		words = words[:2]
	}
	seen := map[string]bool{}
	var twins []compactIssue
	for _, w := range words {
		body := map[string]any{"projectId": p.ID, "summary": w, "statusTypes": []int{2, 3}, "pageNumber": 1, "pageSize": 50}
		m, _, err := send(ctx, d, leigaapi.Request{Method: "POST", Path: "/issue/page", Body: body, Idempotent: true})
		if err != nil {
			return nil, err
		}
		for _, row := range asList(m) {
			is := compactRow(asMap(row), p.ProjectKey, r.Location())
			if !seen[is.Number] && similarTitles(title, is.Title) {
				seen[is.Number] = true
				twins = append(twins, is)
			}
		}
	}
	return twins, nil
}

// ---- compact rows ----

// compactIssue is an issue in lists: what a person scans for.
type compactIssue struct {
	Number   string `json:"number"`
	Title    string `json:"title"`
	Status   string `json:"status,omitempty"`
	Assignee string `json:"assignee,omitempty"`
	Priority string `json:"priority,omitempty"`
	Due      string `json:"due,omitempty"`

	updated int64
	id      int64
}

// compactRow reads an issue list row (catalog names, tolerant).
func compactRow(m jmap, projectKey string, loc *time.Location) compactIssue {
	is := compactIssue{
		Number:   m.str("issueNumber", "number"),
		Title:    m.str("summary", "title"),
		Status:   cmp.Or(m.str("statusName"), m.obj("statusVO", "status").str("name")),
		Assignee: cmp.Or(m.str("assigneeName"), m.obj("assigneeVO", "assignee").str("name")),
		Priority: cmp.Or(m.str("priorityName"), m.obj("priorityVO", "priority").str("name")),
		Due:      FormatDate(m.id("dueDate"), loc),
		updated:  cmp.Or(m.id("updateTime"), m.id("createTime")),
		id:       m.id("id", "issueId"),
	}
	if is.Number == "" {
		is.Number = "#" + strconv.FormatInt(is.id, 10)
		if projectKey != "" {
			is.Number += " (" + projectKey + ")"
		}
	}
	return is
}

// ---- update_issue ----

// change is one field's value before and after an update.
type change struct {
	From any `json:"from"`
	To   any `json:"to"`
}

func handleUpdateIssue(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.UpdateIssue)
	r, err := resolverOf(d)
	if err != nil {
		return nil, err
	}
	is, err := r.Issue(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	p := Ref{ID: is.ProjectID, ProjectID: is.ProjectID, ProjectKey: is.ProjectKey}
	fp := planFields(ctx, r, p, args.IssueFieldsByName, true)
	if t := strings.TrimSpace(args.Title); t != "" {
		fp.data["summary"], fp.names["title"] = t, t
	}
	var notes []string
	if args.Status != "" {
		target, err := r.Status(ctx, p, is.TypeID, args.Status)
		if err != nil {
			fp.errs = append(fp.errs, fmt.Errorf("status: %w", err))
		} else if target.ID == is.StatusID {
			notes = append(notes, fmt.Sprintf("%s is already %s.", is.Number, target.Name))
		} else if err := checkTransition(ctx, r, is, target); err != nil {
			fp.errs = append(fp.errs, err)
		} else {
			fp.data["status"], fp.names["status"] = target.ID, target.Name
		}
	}
	if err := fp.err(); err != nil {
		return nil, err
	}
	if len(fp.data) == 0 {
		if len(notes) > 0 {
			return assistantResult(d, map[string]any{"id": is.ID, "number": is.Number, "changed": map[string]change{}}, notes...)
		}
		return nil, errors.New("nothing to change: give at least one of title, status, description, priority, assignee, labels, sprint, epic, version, due, start")
	}
	now := issueView(is, r.Location())
	changes := map[string]change{}
	for field, to := range fp.names {
		changes[field] = change{From: now.field(field), To: to}
	}
	body := map[string]any{"id": is.ID, "data": fp.data}
	if args.DryRun {
		return assistantResult(d, map[string]any{"dry_run": true, "number": is.Number, "would_send": wouldSend{"PATCH", "/issue/update", body}, "changes": changes},
			append(notes, "Dry run: nothing was changed. Call again without dry_run to apply it.")...)
	}
	if _, _, err := send(ctx, d, leigaapi.Request{Method: "PATCH", Path: "/issue/update", Body: body}); err != nil {
		return nil, err
	}
	url := cmp.Or(is.URL, r.IssueURL(is.ProjectKey, is.Number))
	return assistantResult(d, map[string]any{"id": is.ID, "number": is.Number, "url": url, "changed": changes}, notes...)
}

// checkTransition verifies that the workflow allows moving is to target.
func checkTransition(ctx context.Context, r *Resolver, is *IssueInfo, target Ref) error {
	wf, err := r.WorkflowFor(ctx, is.ProjectID, is.TypeID)
	if err != nil {
		return err
	}
	next, err := r.NextStatuses(ctx, wf.ID, is.StatusID)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(next, func(s Ref) bool { return s.ID == target.ID }) {
		return nil
	}
	names := make([]string, len(next))
	for i, s := range next {
		names[i] = s.Name
	}
	if len(names) == 0 {
		return fmt.Errorf("status: %s cannot move from %q to %q: its workflow allows no transition out of %q", is.Number, is.StatusName, target.Name, is.StatusName)
	}
	return fmt.Errorf("status: %s cannot move from %q to %q; allowed next statuses: %s (move through them one step at a time)", is.Number, is.StatusName, target.Name, strings.Join(names, ", "))
}

// ---- get_issue ----

// issueDetail is the compact view of one issue.
type issueDetail struct {
	ID          int64         `json:"id"`
	Number      string        `json:"number"`
	URL         string        `json:"url,omitempty"`
	Title       string        `json:"title"`
	Type        string        `json:"type,omitempty"`
	Status      string        `json:"status,omitempty"`
	Priority    string        `json:"priority,omitempty"`
	Assignee    string        `json:"assignee,omitempty"`
	Owner       string        `json:"owner,omitempty"`
	Labels      []string      `json:"labels,omitempty"`
	Sprint      string        `json:"sprint,omitempty"`
	Epic        string        `json:"epic,omitempty"`
	Version     string        `json:"version,omitempty"`
	Start       string        `json:"start,omitempty"`
	Due         string        `json:"due,omitempty"`
	Points      *float64      `json:"points,omitempty"`
	LoggedHours float64       `json:"logged_hours,omitempty"`
	ParentID    int64         `json:"parent_id,omitempty"`
	Created     string        `json:"created,omitempty"`
	Updated     string        `json:"updated,omitempty"`
	Description string        `json:"description,omitempty"`
	Subtasks    []compactTask `json:"subtasks,omitempty"`
	Comments    []commentView `json:"comments,omitempty"`
}

// field returns the current value of an update_issue field, for changes.
func (v issueDetail) field(name string) any {
	switch name {
	case "title":
		return v.Title
	case "status":
		return v.Status
	case "priority":
		return v.Priority
	case "assignee":
		return v.Assignee
	case "labels":
		return v.Labels
	case "sprint":
		return v.Sprint
	case "epic":
		return v.Epic
	case "version":
		return v.Version
	case "due":
		return v.Due
	case "start":
		return v.Start
	case "description":
		return fmt.Sprintf("%d characters", len([]rune(v.Description)))
	}
	return nil
}

// maxDescription caps the description text of get_issue, in runes.
const maxDescription = 4000

// issueView reads an issue detail: the list-row fields Leiga puts at the
// top level, else the data map's *VO expansions.
func issueView(is *IssueInfo, loc *time.Location) issueDetail {
	m := is.Detail
	data := m.obj("data")
	name := func(top, code string) string {
		return cmp.Or(m.str(top), data.obj(code+"VO").str("name"), m.obj(code).str("name"))
	}
	dateOf := func(code string) string { return FormatDate(cmp.Or(m.id(code), data.id(code)), loc) }
	when := func(code string) string {
		if ms := m.id(code); ms != 0 {
			return time.UnixMilli(ms).In(loc).Format("2006-01-02 15:04")
		}
		return ""
	}
	v := issueDetail{
		ID: is.ID, Number: is.Number, URL: is.URL, Title: is.Summary,
		Type:     cmp.Or(is.TypeName, data.obj("issueTypeIdVO").str("name")),
		Status:   is.StatusName,
		Priority: name("priorityName", "priority"),
		Assignee: name("assigneeName", "assignee"),
		Owner:    name("ownerName", "owner"),
		Sprint:   name("sprintName", "sprint"),
		Epic:     name("epicName", "epic"),
		Version:  name("releaseVersionName", "releaseVersion"),
		Start:    dateOf("startDate"),
		Due:      dateOf("dueDate"),
		Created:  when("createTime"),
		Updated:  when("updateTime"),
	}
	for _, t := range asList(m["tags"]) {
		v.Labels = append(v.Labels, asMap(t).str("tagName", "name"))
	}
	if v.Labels == nil {
		for _, t := range asList(data["labelVO"]) {
			v.Labels = append(v.Labels, asMap(t).str("name", "tagName"))
		}
	}
	if pts, ok := m.num("estimatePoint"); ok {
		v.Points = &pts
	} else if pts, ok := data.num("estimatePoint"); ok {
		v.Points = &pts
	}
	v.LoggedHours, _ = m.num("actualLabour")
	v.ParentID = m.id("parentId")
	desc := htmlText(cmp.Or(m.str("description"), data.str("description")))
	if r := []rune(desc); len(r) > maxDescription {
		desc = string(r[:maxDescription]) + fmt.Sprintf("… [%d more characters]", len(r)-maxDescription)
	}
	v.Description = desc
	return v
}

// compactTask is a subtask in get_issue.
type compactTask struct {
	Number   string `json:"number"`
	Title    string `json:"title"`
	Status   string `json:"status,omitempty"`
	Assignee string `json:"assignee,omitempty"`
}

// commentView is a comment in get_issue.
type commentView struct {
	ID      int64         `json:"id"`
	Author  string        `json:"author,omitempty"`
	Date    string        `json:"date,omitempty"`
	Text    string        `json:"text"`
	Replies []commentView `json:"replies,omitempty"`
}

// Limits of get_issue's comments.
const (
	maxComments    = 20
	maxCommentText = 1000
)

func handleGetIssue(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.GetIssue)
	r, err := resolverOf(d)
	if err != nil {
		return nil, err
	}
	is, err := r.Issue(ctx, args.Issue)
	if err != nil {
		return nil, err
	}
	v := issueView(is, r.Location())
	v.URL = cmp.Or(v.URL, r.IssueURL(is.ProjectKey, is.Number))
	var notes []string
	g, gctx := errgroup.WithContext(ctx)
	if args.IncludeSubtasks {
		g.Go(func() error {
			_, raw, err := send(gctx, d, leigaapi.Request{Method: "POST", Path: "/issue/list-subtask", Body: map[string]any{"id": is.ID}, Idempotent: true})
			if err != nil {
				return fmt.Errorf("subtasks: %w", err)
			}
			v.Subtasks = []compactTask{}
			for _, row := range asList(raw) {
				s := asMap(row)
				status := cmp.Or(s.str("statusName"), s.obj("statusVO").str("name"))
				if status == "" && s["done"] != nil {
					status = map[bool]string{true: "done", false: "not done"}[s.flag("done")]
				}
				v.Subtasks = append(v.Subtasks, compactTask{Number: s.str("issueNumber"), Title: s.str("summary"), Status: status, Assignee: s.str("assigneeName")})
			}
			return nil
		})
	}
	var commentNote string
	if args.IncludeComments {
		g.Go(func() error {
			body := map[string]any{"commentModule": "issue", "linkId": is.ID, "pageNumber": 1, "pageSize": maxComments}
			m, _, err := send(gctx, d, leigaapi.Request{Method: "POST", Path: "/comment/page", Body: body, Idempotent: true})
			if err != nil {
				return fmt.Errorf("comments: %w", err)
			}
			v.Comments = []commentView{}
			for _, row := range asList(m) {
				v.Comments = append(v.Comments, readComment(asMap(row), r.Location()))
			}
			if total, ok := toInt64(m["total"]); ok && int(total) > len(v.Comments) {
				commentNote = fmt.Sprintf("Showing %d of %d comment threads; comment_page pages through the rest (linkId %d).", len(v.Comments), total, is.ID)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if commentNote != "" {
		notes = append(notes, commentNote)
	}
	return assistantResult(d, v, notes...)
}

// readComment reads a /comment/page row and its replies.
func readComment(c jmap, loc *time.Location) commentView {
	text := c.str("plainContent")
	if text == "" {
		text = htmlText(c.str("content"))
	}
	if r := []rune(text); len(r) > maxCommentText {
		text = string(r[:maxCommentText]) + "…"
	}
	v := commentView{
		ID:     c.id("commentId", "id"),
		Author: cmp.Or(c.obj("commentUser").str("userName", "name"), c.str("createByName", "userName")),
		Text:   text,
	}
	if ms := c.id("createTime"); ms != 0 {
		v.Date = time.UnixMilli(ms).In(loc).Format("2006-01-02 15:04")
	}
	for _, rep := range asList(c["subReplies"]) {
		v.Replies = append(v.Replies, readComment(asMap(rep), loc))
	}
	return v
}

// ---- search_issues and my_issues ----

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
	assignee   *Ref
	dates      map[string][]*int64
}

// projectFilter is the part of a search body that depends on the project,
// and which names resolved there.
type projectFilter struct {
	p        Ref
	selects  map[string][]int64
	skip     bool            // a name group matched nothing here: no issue can match
	resolved map[string]bool // "status:In Review" -> resolved in this project
}

func handleSearchIssues(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	return searchIssues(ctx, d, in.(*schemas.SearchIssues))
}

func handleMyIssues(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	args := in.(*schemas.MyIssues)
	q := &schemas.SearchIssues{Project: args.Project, Assignee: "me", ListPage: args.ListPage}
	if !args.IncludeDone {
		q.Status = []string{"open"}
	}
	return searchIssues(ctx, d, q)
}

// searchIssues runs a search in one project or, fanned out a few at a
// time, in every visible project, merging by last update.
func searchIssues(ctx context.Context, d *Deps, args *schemas.SearchIssues) (*mcp.CallToolResult, error) {
	args.ApplyDefaults()
	r, err := resolverOf(d)
	if err != nil {
		return nil, err
	}
	sq := &searchQuery{args: args, dates: map[string][]*int64{}}
	var errs []error
	for _, s := range args.Status {
		if cats, ok := statusCategories[strings.ReplaceAll(normName(s), " ", "_")]; ok && !strings.Contains(s, " ") {
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
		u, err := r.Member(ctx, Ref{}, args.Assignee)
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
		from, to, err := ParseDateRange(rng.expr, r.Now(), r.Location())
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", rng.field, err))
			continue
		}
		sq.dates[rng.code] = []*int64{from, to}
	}
	var projects []Ref
	if args.Project != "" {
		p, err := r.Project(ctx, args.Project)
		if err != nil {
			errs = append(errs, fmt.Errorf("project: %w", err))
		}
		projects = []Ref{p}
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
	rows, total, err := fetchSearch(ctx, d, r, sq, filters)
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
	return assistantResult(d, out, note)
}

// projectFilters resolves the per-project names (statuses, priorities,
// labels, sprint) in each project. A name may be missing from some
// projects, but one found in none of the searched projects is an error
// that lists the valid options: no name is dropped silently.
func projectFilters(ctx context.Context, r *Resolver, sq *searchQuery, projects []Ref) ([]*projectFilter, error) {
	filters := make([]*projectFilter, len(projects))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.fanOut)
	for i, p := range projects {
		g.Go(func() error {
			pf, err := filterFor(gctx, r, sq, p)
			filters[i] = pf
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	// Every name must resolve in at least one project.
	scope := Ref{}
	if len(projects) == 1 {
		scope = projects[0]
	}
	var errs []error
	check := func(group string, names []string, resolve func(string) error) {
		for _, n := range names {
			if !slices.ContainsFunc(filters, func(pf *projectFilter) bool { return pf.resolved[group+":"+n] }) {
				errs = append(errs, fmt.Errorf("%s: %w", group, resolve(n)))
			}
		}
	}
	check("status", sq.statuses, func(n string) error {
		_, err := matchStatusIn(ctx, r, scope, n, projects)
		return err
	})
	check("priority", sq.args.Priority, func(n string) error { _, err := r.Priority(ctx, scope, n); return err })
	check("labels", sq.args.Labels, func(n string) error { _, err := r.Tag(ctx, scope, n); return err })
	if sq.args.Sprint != "" {
		check("sprint", []string{sq.args.Sprint}, func(n string) error { _, err := r.Sprint(ctx, scope, n); return err })
	}
	return filters, errors.Join(errs...)
}

// filterFor resolves the search's names in one project.
func filterFor(ctx context.Context, r *Resolver, sq *searchQuery, p Ref) (*projectFilter, error) {
	pf := &projectFilter{p: p, selects: map[string][]int64{}, resolved: map[string]bool{}}
	group := func(name, code string, names []string, resolve func(string) (Ref, error)) error {
		if len(names) == 0 {
			return nil
		}
		var ids []int64
		for _, n := range names {
			ref, err := resolve(n)
			var re *ResolveError
			if errors.As(err, &re) && re.NotFound() {
				continue
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			pf.resolved[name+":"+n] = true
			if !slices.Contains(ids, ref.ID) {
				ids = append(ids, ref.ID)
			}
		}
		if len(ids) == 0 {
			pf.skip = true
		}
		pf.selects[code] = ids
		return nil
	}
	err := errors.Join(
		group("status", "status", sq.statuses, func(n string) (Ref, error) { return matchStatusIn(ctx, r, p, n, nil) }),
		sq.mixCategories(ctx, r, pf),
		group("priority", "priority", sq.args.Priority, func(n string) (Ref, error) { return r.Priority(ctx, p, n) }),
		group("labels", "label", sq.args.Labels, func(n string) (Ref, error) { return r.Tag(ctx, p, n) }),
	)
	if sq.args.Sprint != "" {
		err = errors.Join(err, group("sprint", "sprint", []string{sq.args.Sprint}, func(n string) (Ref, error) { return r.Sprint(ctx, p, n) }))
	}
	if sq.assignee != nil {
		pf.selects["assignee"] = []int64{sq.assignee.ID}
	}
	return pf, err
}

// mixCategories serves a search naming both statuses and categories
// ("In Review" or todo): Leiga ANDs statusTypes with a status filter, so
// the categories become the project's states of those categories, ORed
// with the named statuses in the status filter.
func (sq *searchQuery) mixCategories(ctx context.Context, r *Resolver, pf *projectFilter) error {
	if len(sq.categories) == 0 || len(sq.statuses) == 0 {
		return nil
	}
	wfs, err := r.Workflows(ctx, pf.p.ID)
	if err != nil {
		return err
	}
	ids := pf.selects["status"]
	for _, wf := range wfs {
		for _, st := range wf.States {
			if slices.Contains(sq.categories, st.Category) && !slices.Contains(ids, st.ID) {
				ids = append(ids, st.ID)
			}
		}
	}
	if len(ids) > 0 {
		pf.selects["status"] = ids
		pf.skip = false // the named statuses may be missing here; the categories are not
	}
	return nil
}

// matchStatusIn resolves a status name among every state of a project's
// workflows (p.ID != 0), or of the given projects' workflows.
func matchStatusIn(ctx context.Context, r *Resolver, p Ref, q string, projects []Ref) (Ref, error) {
	if p.ID != 0 {
		projects = []Ref{p}
	}
	var states []Ref
	for _, pr := range projects {
		wfs, err := r.Workflows(ctx, pr.ID)
		if err != nil {
			return Ref{}, err
		}
		for _, wf := range wfs {
			states = append(states, inProject(wf.States, pr)...)
		}
	}
	return matchRef("status", scopeOf(p), q, distinctRefs(states), p.ID == 0)
}

// fetchSearch reads the requested page: directly for one project, or the
// first page*size rows of each project, merged by last update.
func fetchSearch(ctx context.Context, d *Deps, r *Resolver, sq *searchQuery, filters []*projectFilter) ([]compactIssue, int, error) {
	args := sq.args
	var live []*projectFilter
	for _, pf := range filters {
		if !pf.skip {
			live = append(live, pf)
		}
	}
	body := func(pf *projectFilter, page, size int) map[string]any {
		b := map[string]any{"projectId": pf.p.ID, "orderBy": "updateTime", "sort": "DESC", "pageNumber": page, "pageSize": size}
		if t := strings.TrimSpace(args.Text); t != "" {
			b["summary"] = t
		}
		if len(sq.categories) > 0 && len(sq.statuses) == 0 {
			b["statusTypes"] = sq.categories
		}
		if len(pf.selects) > 0 {
			b["selectFields"] = pf.selects
		}
		if len(sq.dates) > 0 {
			b["dateFields"] = sq.dates
		}
		return b
	}
	page := func(ctx context.Context, pf *projectFilter, n, size int) ([]compactIssue, int, error) {
		m, _, err := send(ctx, d, leigaapi.Request{Method: "POST", Path: "/issue/page", Body: body(pf, n, size), Idempotent: true})
		if err != nil {
			return nil, 0, fmt.Errorf("searching %s: %w", pf.p.ProjectKey, err)
		}
		var rows []compactIssue
		for _, row := range asList(m) {
			rows = append(rows, compactRow(asMap(row), pf.p.ProjectKey, r.Location()))
		}
		total, _ := toInt64(m["total"])
		return rows, int(total), nil
	}
	switch len(live) {
	case 0:
		return []compactIssue{}, 0, nil
	case 1:
		rows, total, err := page(ctx, live[0], args.Page, args.PageSize)
		if rows == nil {
			rows = []compactIssue{}
		}
		return rows, total, err
	}
	need := args.Page * args.PageSize
	if need > maxMergedRows {
		return nil, 0, fmt.Errorf("page %d of %d rows is too deep for a search across every project (at most %d rows): name a project or narrow the search", args.Page, args.PageSize, maxMergedRows)
	}
	parts := make([][]compactIssue, len(live))
	totals := make([]int, len(live))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(r.fanOut)
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
	from := min((args.Page-1)*args.PageSize, len(merged))
	to := min(from+args.PageSize, len(merged))
	return slices.Clone(merged[from:to]), total, nil
}
