package tools

import (
	"cmp"
	"context"
	"net/url"
	"regexp"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// IssueInfo is an issue as the workflow tools need it, read tolerantly
// from an issue detail answer.
type IssueInfo struct {
	ID             int64
	Number         string
	ProjectID      int64
	ProjectKey     string
	TypeID         int64
	TypeName       string
	StatusID       int64
	StatusName     string
	StatusCategory int
	Summary        string
	URL            string
	Detail         jmap // the whole answer
}

var (
	issueNumberForm = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)-(\d+)$`)
	issueIDForm     = regexp.MustCompile(`^#?(\d+)$`)
)

// Issue fetches an issue by number ("ABC-123", any case) or numeric id.
// Issues are not cached: the tools act on their current state.
func (r *Resolver) Issue(ctx context.Context, q string) (*IssueInfo, error) {
	q = strings.TrimSpace(q)
	var v any
	var err error
	switch {
	case issueNumberForm.MatchString(q):
		m := issueNumberForm.FindStringSubmatch(q)
		q = strings.ToUpper(m[1]) + "-" + m[2]
		v, err = r.call(ctx, "GET", "/issue/get-by-issue-number", url.Values{"issueNumber": {q}}, nil)
	case issueIDForm.MatchString(q):
		v, err = r.call(ctx, "GET", "/issue/get", url.Values{"id": {issueIDForm.FindStringSubmatch(q)[1]}}, nil)
	default:
		return nil, &ResolveError{Kind: "issue", Query: q, Hint: "Give an issue number like MOBILE-12 or a numeric issue id; search_issues finds issues by title."}
	}
	if err != nil {
		if e, ok := leigaapi.AsError(err); ok && (e.Code == "404" || e.HTTPStatus == 404 && e.Code != "" || strings.Contains(strings.ToLower(e.Message), "not found")) {
			return nil, &ResolveError{Kind: "issue", Query: q, Hint: "It does not exist, is in the trash, or you cannot see it; search_issues finds issues by title."}
		}
		return nil, err
	}
	m := asMap(v)
	if m == nil {
		return nil, &ResolveError{Kind: "issue", Query: q, Hint: "Leiga returned no issue."}
	}
	info := issueInfo(m)
	if info.ProjectKey == "" && info.ProjectID != 0 {
		p, _ := r.projectByID(ctx, info.ProjectID)
		info.ProjectKey = p.ProjectKey
	}
	if info.ProjectKey == "" {
		info.ProjectKey, _, _ = strings.Cut(info.Number, "-")
	}
	return info, nil
}

// issueLink is the web link of an issue: the url Leiga returned, else
// IssueURL's.
func (r *Resolver) issueLink(is *IssueInfo) string {
	return cmp.Or(is.URL, r.IssueURL(is.ProjectKey, is.Number))
}

// issueInfo reads an issue detail: top-level fields first, then the data
// map and its *VO expansions.
func issueInfo(m jmap) *IssueInfo {
	data := m.obj("data")
	statusVO := data.obj("statusVO")
	typeVO := data.obj("issueTypeIdVO", "issueTypeVO")
	info := &IssueInfo{
		ID:             m.id("id", "issueId"),
		Number:         cmp.Or(m.str("issueNumber"), data.str("issueNumber")),
		ProjectID:      cmp.Or(m.id("projectId"), data.id("projectId")),
		ProjectKey:     m.str("projectKey"),
		TypeID:         cmp.Or(m.id("issueTypeId"), data.id("issueTypeId"), typeVO.id("id")),
		TypeName:       cmp.Or(m.str("issueTypeName"), typeVO.str("name")),
		StatusID:       cmp.Or(m.id("statusId"), data.id("status"), statusVO.id("id")),
		StatusName:     cmp.Or(m.str("statusName"), statusVO.str("name")),
		StatusCategory: int(cmp.Or(m.id("statusType", "stateCategory"), statusVO.id("stateCategory"))),
		Summary:        cmp.Or(m.str("summary"), data.str("summary")),
		URL:            m.str("url"),
		Detail:         m,
	}
	return info
}
