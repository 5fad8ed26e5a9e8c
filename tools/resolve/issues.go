package resolve

import (
	"cmp"
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

var (
	issueNumberForm = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)-(\d+)$`)
	issueIDForm     = regexp.MustCompile(`^#?(\d+)$`)
)

// Issue fetches an issue by number ("ABC-123", any case) or numeric id.
// Issues are not cached: the tools act on their current state.
func (r *Resolver) Issue(ctx context.Context, q string) (*endpoints.Issue, error) {
	q = strings.TrimSpace(q)
	var is endpoints.Issue
	var err error
	switch {
	case issueNumberForm.MatchString(q):
		m := issueNumberForm.FindStringSubmatch(q)
		q = strings.ToUpper(m[1]) + "-" + m[2]
		is, err = call(ctx, r, endpoints.IssueGetByIssueNumber, schemas.IssueGetByIssueNumber{IssueNumber: q})
	case issueIDForm.MatchString(q):
		id, _ := strconv.ParseInt(issueIDForm.FindStringSubmatch(q)[1], 10, 64)
		is, err = call(ctx, r, endpoints.IssueGet, schemas.IssueGet{ID: id})
	default:
		return nil, &Error{Kind: "issue", Query: q, Hint: "Give an issue number like MOBILE-12 or a numeric issue id; search_issues finds issues by title."}
	}
	if err != nil {
		if e, ok := leigaapi.AsError(err); ok && (e.Code == "404" || e.HTTPStatus == 404 && e.Code != "" || strings.Contains(strings.ToLower(e.Message), "not found")) {
			return nil, &Error{Kind: "issue", Query: q, Hint: "It does not exist, is in the trash, or you cannot see it; search_issues finds issues by title."}
		}
		return nil, err
	}
	if is.ID == 0 {
		return nil, &Error{Kind: "issue", Query: q, Hint: "Leiga returned no issue."}
	}
	if is.ProjectKey == "" && is.ProjectID != 0 {
		if p, _ := r.projectByID(ctx, is.ProjectID); p.ProjectKey != "" {
			is.ProjectKey = p.ProjectKey
		}
	}
	return &is, nil
}

// IssueRef is an issue's identity: its id, number, project and link, which
// do not change. It is cached, so that writing to an issue named a moment
// ago (a comment, a work log) costs no read. Callers that need the issue's
// current state use Issue.
func (r *Resolver) IssueRef(ctx context.Context, q string) (*endpoints.Issue, error) {
	key := keyIssue + strings.ToUpper(strings.TrimPrefix(strings.TrimSpace(q), "#"))
	return cached(ctx, r, key, func(ctx context.Context) (*endpoints.Issue, error) {
		is, err := r.Issue(ctx, q)
		if err != nil {
			return nil, err
		}
		return &endpoints.Issue{ID: is.ID, Number: is.Number, ProjectID: is.ProjectID, ProjectKey: is.ProjectKey, URL: is.URL}, nil
	})
}

// IssueLink is the web link of an issue: the url Leiga returned, else
// IssueURL's.
func (r *Resolver) IssueLink(is *endpoints.Issue) string {
	return cmp.Or(is.URL, r.IssueURL(is.ProjectKey, is.Number))
}

// IssueProject is the project of an issue as a ref.
func IssueProject(is *endpoints.Issue) Ref {
	return Ref{ID: is.ProjectID, ProjectID: is.ProjectID, ProjectKey: is.ProjectKey}
}
