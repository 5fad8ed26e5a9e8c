package resolve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Members: a project's, the organisation's, and "me".

// memberList is the members of a project.
var memberList = listSpec{kind: "member", key: keyMembers, fetch: (*Resolver).fetchMembers}

// memberRef is a member as a ref: matched by name, email or id.
func memberRef(m endpoints.Member) Ref {
	return Ref{ID: m.ID, Name: m.Name, Aliases: []string{m.Email}}
}

// Members lists a project's members.
func (r *Resolver) Members(ctx context.Context, projectID int64) ([]Ref, error) {
	return memberList.list(ctx, r, Ref{ID: projectID})
}

func (r *Resolver) fetchMembers(ctx context.Context, projectID int64) ([]Ref, error) {
	page, err := call(ctx, r, endpoints.UserProjectUserList, schemas.UserProjectUserList{ProjectID: projectID})
	if err != nil {
		return nil, err
	}
	return refsOf(page.Rows, memberRef), nil
}

// OrgMembers lists the organisation's members.
func (r *Resolver) OrgMembers(ctx context.Context) ([]Ref, error) {
	return cached(ctx, r, keyOrg, r.fetchOrgMembers)
}

func (r *Resolver) fetchOrgMembers(ctx context.Context) ([]Ref, error) {
	rows, err := allPages(func(page int) (endpoints.Page[endpoints.Member], error) {
		return call(ctx, r, endpoints.OrgAllMemberList, schemas.OrgAllMemberList{Paging: schemas.Paging{PageNumber: page, PageSize: pageSizeForLists}})
	})
	if err != nil {
		return nil, err
	}
	return refsOf(rows, memberRef), nil
}

// IsMe reports whether a name means the current user.
func IsMe(q string) bool {
	switch normName(q) {
	case "me", "myself", "@me":
		return true
	}
	return false
}

// Member resolves a user by name, email or id ("me": the current user)
// among a project's members, or the organisation's when p.ID is 0.
func (r *Resolver) Member(ctx context.Context, p Ref, q string) (Ref, error) {
	if IsMe(q) {
		return r.Me(ctx)
	}
	if p.ID == 0 {
		return withRefresh(ctx, r, keyOrg, r.fetchOrgMembers, func(list []Ref) (Ref, error) {
			return matchRef("member", "in the organisation", q, list, false)
		})
	}
	u, err := memberList.resolve(ctx, r, p, q)
	var re *Error
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
