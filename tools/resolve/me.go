package resolve

import (
	"context"
	"errors"
	"fmt"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// Who "me" is. In order:
//
//  1. the user a request names for itself (an HTTP client's X-Leiga-User
//     header, carried by WithUser);
//  2. for the server's own credentials, LEIGA_USER when it is set;
//  3. the credential's own identity, where the API reveals it: the
//     personal messages of the API user carry their receiver;
//  4. otherwise "me" is unknown, and the error says exactly what to set.
//
// A request with its own credentials never gets the operator's LEIGA_USER:
// one member must never see another's issues as "mine".

// Identity is who "me" is and how that was found out.
type Identity struct {
	User   Ref
	Email  string
	Source string // "X-Leiga-User header", "LEIGA_USER", "personal messages"
}

type userKey struct{}

// WithUser returns a context whose "me" is name (a user id, email or
// name), as an HTTP client's X-Leiga-User header says.
func WithUser(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, userKey{}, name)
}

// UserFrom returns the user a request named for itself (WithUser: the
// X-Leiga-User header), or "".
func UserFrom(ctx context.Context) string {
	s, _ := ctx.Value(userKey{}).(string)
	return s
}

// perRequest reports whether the call runs on credentials the request
// brought (its cache partition is its own).
func (r *Resolver) perRequest(ctx context.Context) bool {
	return r.cache.part != nil && r.cache.part(ctx) != ""
}

// Me resolves the current user.
func (r *Resolver) Me(ctx context.Context) (Ref, error) {
	id, err := r.identity(ctx)
	return id.User, err
}

// WhoAmI says who "me" is and how it was determined, with their email.
func (r *Resolver) WhoAmI(ctx context.Context) (Identity, error) {
	id, err := r.identity(ctx)
	if err == nil && id.Email == "" {
		if org, err := r.OrgMembers(ctx); err == nil {
			for _, u := range org {
				if u.ID == id.User.ID {
					id.User, id.Email = u, firstAlias(u)
				}
			}
		}
	}
	return id, err
}

// identity finds who "me" is (see the order above).
func (r *Resolver) identity(ctx context.Context) (Identity, error) {
	if name := UserFrom(ctx); name != "" {
		return r.named(ctx, name, "X-Leiga-User header", fmt.Sprintf(`"me" is the X-Leiga-User header %q, which must name one organisation member (user id, email or name).`, name))
	}
	if r.me != "" && !r.perRequest(ctx) {
		return r.named(ctx, r.me, "LEIGA_USER", fmt.Sprintf(`"me" is LEIGA_USER=%q, which must name one organisation member (user id, email or name).`, r.me))
	}
	id, found, err := r.fromMessages(ctx)
	if err != nil {
		return Identity{}, fmt.Errorf(`finding out who "me" is: %w`, err)
	}
	if found {
		return id, nil
	}
	hint := `"me" is unknown: Leiga shows who an API user is only through their personal messages, and there are none yet. Set LEIGA_USER to your Leiga user id, email or name in the server's environment (the client config's "env").`
	if r.perRequest(ctx) {
		hint = `"me" is unknown for the credentials this request sent: Leiga shows who they belong to only through personal messages, and there are none yet. Send the header X-Leiga-User with your Leiga user id, email or name.`
	}
	return Identity{}, &Error{Kind: "user", Query: "me", Hint: hint}
}

// named resolves a user named by configuration or a header.
func (r *Resolver) named(ctx context.Context, name, source, hint string) (Identity, error) {
	u, err := withRefresh(ctx, r, keyOrg, r.fetchOrgMembers, func(list []Ref) (Ref, error) {
		return matchRef("organisation member", "", name, list, false)
	})
	var re *Error
	if errors.As(err, &re) {
		re.Hint = hint
	}
	if err != nil {
		return Identity{}, err
	}
	return Identity{User: u, Email: firstAlias(u), Source: source}, nil
}

// fromMessages finds the API user as the receiver of their personal
// messages, cached per credential.
func (r *Resolver) fromMessages(ctx context.Context) (Identity, bool, error) {
	type found struct {
		id Identity
		ok bool
	}
	f, err := cached(ctx, r, keyMe, func(ctx context.Context) (found, error) {
		page, err := call(ctx, r, endpoints.MsgList, schemas.MsgList{Paging: schemas.Paging{PageNumber: 1, PageSize: 20}})
		if err != nil {
			return found{}, err
		}
		for _, m := range page.Rows {
			if m.ReceiverID == 0 {
				continue
			}
			return found{Identity{User: Ref{ID: m.ReceiverID, Name: m.ReceiverName}, Source: "personal messages"}, true}, nil
		}
		return found{}, nil
	})
	return f.id, f.ok, err
}

// firstAlias is a member's email.
func firstAlias(u Ref) string {
	if len(u.Aliases) > 0 {
		return u.Aliases[0]
	}
	return ""
}
