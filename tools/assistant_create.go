package tools

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// create_issue: a new issue from names, unless open issues with a
// near-identical title exist.

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
