package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
)

// Members: a project's, the organisation's, and "me".

// memberList is the members of a project.
var memberList = listSpec{kind: "member", key: "members:", fetch: (*Resolver).fetchMembers}

// memberRows reads user rows: userId, userName, orgEmail.
func memberRows(rows []any) []Ref {
	return refsOf(rows, func(m jmap) Ref {
		return Ref{ID: m.id("userId", "id"), Name: m.str("userName", "name", "nickName"), Aliases: []string{m.str("orgEmail", "email")}}
	})
}

// Members lists a project's members.
func (r *Resolver) Members(ctx context.Context, projectID int64) ([]Ref, error) {
	return memberList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchMembers(ctx context.Context, projectID int64) ([]Ref, error) {
	v, err := r.call(ctx, "GET", "/user/project-user-list", url.Values{"projectId": {strconv.FormatInt(projectID, 10)}}, nil)
	if err != nil {
		return nil, err
	}
	return memberRows(asList(v)), nil
}

// OrgMembers lists the organisation's members.
func (r *Resolver) OrgMembers(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, "org", r.fetchOrgMembers)
}

func (r *Resolver) fetchOrgMembers(ctx context.Context) ([]Ref, error) {
	rows, err := allPages(func(page int) (any, error) {
		q := url.Values{"pageNumber": {strconv.Itoa(page)}, "pageSize": {strconv.Itoa(pageSizeForLists)}}
		return r.call(ctx, "GET", "/org/all-member-list", q, nil)
	})
	if err != nil {
		return nil, err
	}
	return memberRows(rows), nil
}

// isMe reports whether a name means the current user.
func isMe(q string) bool {
	switch normName(q) {
	case "me", "myself", "@me":
		return true
	}
	return false
}

// Me resolves the current user from LEIGA_USER (id, email or name).
func (r *Resolver) Me(ctx context.Context) (Ref, error) {
	if r.me == "" {
		return Ref{}, &ResolveError{Kind: "user", Query: "me", Hint: `"me" needs to know who you are: set LEIGA_USER to your Leiga user id, email or name.`}
	}
	u, err := withRefresh(ctx, r, "org", r.fetchOrgMembers, func(list []Ref) (Ref, error) {
		return matchRef("organisation member", "", r.me, list, false)
	})
	var re *ResolveError
	if errors.As(err, &re) {
		re.Hint = fmt.Sprintf(`"me" is LEIGA_USER=%q, which must name one organisation member (user id, email or name).`, r.me)
	}
	return u, err
}

// Member resolves a user by name, email or id ("me": the current user)
// among a project's members, or the organisation's when p.ID is 0.
func (r *Resolver) Member(ctx context.Context, p Ref, q string) (Ref, error) {
	if isMe(q) {
		return r.Me(ctx)
	}
	if p.ID == 0 {
		return withRefresh(ctx, r, "org", r.fetchOrgMembers, func(list []Ref) (Ref, error) {
			return matchRef("member", "in the organisation", q, list, false)
		})
	}
	u, err := memberList.resolve(ctx, r, p, q)
	var re *ResolveError
	if errors.As(err, &re) && re.NotFound() {
		// Say so when the name is a colleague outside the project.
		if org, oerr := r.OrgMembers(ctx); oerr == nil {
			if o, merr := matchRef("member", "", q, org, false); merr == nil {
				if p.ProjectKey == "" {
					p, _ = r.projectByID(ctx, p.ID)
				}
				re.Hint = fmt.Sprintf("%s is in the organisation but not a member of project %s.", o.Name, cmp.Or(p.ProjectKey, strconv.FormatInt(p.ID, 10)))
			}
		}
	}
	return u, err
}
