package tools

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// create_issue: a new issue from names, unless open issues with a
// near-identical title exist.
func createIssueTool() toolkit.Tool {
	return toolkit.Composed(toolkit.Tool{
		Name: "create_issue", Title: "Create issue",
		Description: "Create an issue by names (project, type, assignee or me, labels, sprint, dates like friday); returns similar open issues instead unless check_duplicates=false.",
		Effect:      toolkit.Create,
	}, handleCreateIssue)
}

// createdIssue is the answer of create_issue.
type createdIssue struct {
	ID     int64          `json:"id"`
	Number string         `json:"number"`
	URL    string         `json:"url"`
	Set    map[string]any `json:"set"` // the resolved names of what was set
	// Related are open issues close to the new one: worth a link or a look.
	Related []compactIssue `json:"related,omitempty"`
}

func handleCreateIssue(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, args *schemas.CreateIssue) (*mcp.CallToolResult, error) {
	r := d.Resolver
	p, err := r.Project(ctx, args.Project)
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	// Everything else depends on the project only: resolve the type, the
	// fields and look for twins at once.
	title := strings.TrimSpace(args.Title)
	var (
		typ            resolve.Ref
		typErr         error
		fp             = newFieldPlan()
		twins, related []compactIssue
		dupErr         error
		wg             sync.WaitGroup
	)
	wg.Go(func() {
		if args.Type != "" {
			typ, typErr = r.IssueType(ctx, p, args.Type)
		} else {
			typ, typErr = r.DefaultIssueType(ctx, p.ID)
		}
		if typErr == nil {
			fp.setByName(ctx, r, p, typ.ID, args.Fields, false)
		}
	})
	wg.Go(func() { fp.plan(ctx, r, p, args.IssueFieldsByName, false) })
	wg.Go(func() { twins, related, dupErr = findDuplicates(ctx, d, p, title, args.Description) })
	wg.Wait()
	if typErr != nil {
		return nil, fmt.Errorf("type: %w", typErr)
	}
	if err := fp.err(); err != nil {
		return nil, err
	}
	fp.data["summary"] = title
	fp.names["project"], fp.names["type"], fp.names["title"] = p.ProjectKey, typ.Name, title
	if dupErr != nil {
		return nil, fmt.Errorf("checking for duplicates: %w", dupErr)
	}
	if len(twins) > 0 && (args.CheckDuplicates == nil || *args.CheckDuplicates) {
		return toolkit.Result(ctx, d, map[string]any{"created": false, "duplicates": twins},
			fmt.Sprintf("Not created: %d open issue(s) in %s describe the same work. Update one of them, or call create_issue again with check_duplicates=false to create anyway.", len(twins), p.ProjectKey))
	}
	related = append(twins, related...) // twins the caller chose to keep are related too
	if len(related) > 5 {
		related = related[:5]
	}
	in := schemas.IssueAdd{ProjectIssueType: schemas.ProjectIssueType{ProjectID: p.ID, IssueTypeID: typ.ID}, Data: fp.data}
	if args.DryRun {
		sent, err := endpoints.IssueAdd.Preview(in)
		if err != nil {
			return nil, err
		}
		return toolkit.Result(ctx, d, map[string]any{"dry_run": true, "would_send": sent, "set": fp.names, "related": related},
			"Dry run: nothing was created. Call again without dry_run to create it.")
	}
	made, err := endpoints.Call(ctx, d.API, endpoints.IssueAdd, in)
	if err != nil {
		return nil, err
	}
	out := createdIssue{ID: made.ID, Number: made.Number, Set: fp.names, Related: related}
	if out.ID == 0 {
		return nil, errors.New("the issue was created, but Leiga returned no id: search_issues finds it by title")
	}
	if out.Number == "" { // the catalog's answer is only {id}: read the number back
		if is, err := r.Issue(ctx, strconv.FormatInt(out.ID, 10)); err == nil {
			out.Number, out.URL = is.Number, is.URL
		}
	}
	out.URL = cmp.Or(out.URL, r.IssueURL(p.ProjectKey, out.Number))
	var notes []string
	if len(related) > 0 {
		notes = append(notes, fmt.Sprintf("%d open issue(s) look related: link them with issue_add_relationship if they are.", len(related)))
	}
	return toolkit.Result(ctx, d, out, notes...)
}
