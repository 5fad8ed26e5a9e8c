package tools

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/prompts"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// resourceRead is one resource template: the URI's last segment names the
// object, read is how Leiga is asked for it.
type resourceRead struct {
	template   string // URI template, e.g. leiga://issue/{number}
	name, desc string
	complete   resolve.Kind // completion kind of the template variable
	read       func(ctx context.Context, c *leigaapi.Client, value string) ([]byte, error)
}

// readAs reads one object through an endpoint whose input is built from the
// URI's value.
func readAs[In, Out any](e endpoints.Endpoint[In, Out], input func(string) (In, error)) func(context.Context, *leigaapi.Client, string) ([]byte, error) {
	return func(ctx context.Context, c *leigaapi.Client, value string) ([]byte, error) {
		in, err := input(value)
		if err != nil {
			return nil, err
		}
		req, err := e.Request(in)
		if err != nil {
			return nil, err
		}
		resp, err := c.Do(ctx, req)
		if err != nil {
			return nil, err
		}
		return resp.Data, nil
	}
}

var resourceReads = []resourceRead{
	{"leiga://project/{key}", "Project", "A project by key, e.g. leiga://project/MOBILE", resolve.KindProject,
		readAs(endpoints.ProjectGetByProjectKey, func(v string) (schemas.ProjectGetByProjectKey, error) {
			return schemas.ProjectGetByProjectKey{ProjectKey: v}, nil
		})},
	{"leiga://issue/{number}", "Issue", "An issue by number, e.g. leiga://issue/MOBILE-12", resolve.KindIssue,
		readAs(endpoints.IssueGetByIssueNumber, func(v string) (schemas.IssueGetByIssueNumber, error) {
			return schemas.IssueGetByIssueNumber{IssueNumber: strings.ToUpper(v)}, nil
		})},
	{"leiga://sprint/{id}", "Sprint", "A sprint by id, e.g. leiga://sprint/202", resolve.KindSprintID,
		readAs(endpoints.SprintGet, func(v string) (schemas.SprintGet, error) {
			var id int64
			if _, err := fmt.Sscan(v, &id); err != nil || id <= 0 {
				return schemas.SprintGet{}, fmt.Errorf("%w: sprint id %q is not a number", server.ErrResourceNotFound, v)
			}
			return schemas.SprintGet{ID: id}, nil
		})},
}

// projectsURI is the static resource listing every project.
const projectsURI = "leiga://projects"

// Resources returns the server's resources and resource templates, read
// through d's Leiga client and shaped like tool results: cleaned JSON with
// dates as ISO 8601 in the user's time zone. An object that does not exist
// is the MCP resource-not-found error.
func Resources(d *toolkit.Deps) ([]server.ServerResource, []server.ServerResourceTemplate) {
	projects := server.ServerResource{
		Resource: mcp.NewResource(projectsURI, "Projects",
			mcp.WithResourceDescription("Every project you can see: id, key, name"), mcp.WithMIMEType("application/json")),
		Handler: func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			read := readAs(endpoints.ProjectList, func(string) (schemas.ProjectList, error) { return schemas.ProjectList{}, nil })
			return readResource(ctx, d, req.Params.URI, "", read)
		},
	}
	templates := make([]server.ServerResourceTemplate, 0, len(resourceReads))
	for _, rr := range resourceReads {
		templates = append(templates, server.ServerResourceTemplate{
			Template: mcp.NewResourceTemplate(rr.template, rr.name,
				mcp.WithTemplateDescription(rr.desc), mcp.WithTemplateMIMEType("application/json")),
			Handler: func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
				value, err := lastSegment(req.Params.URI, rr.template)
				if err != nil {
					return nil, err
				}
				return readResource(ctx, d, req.Params.URI, value, rr.read)
			},
		})
	}
	return []server.ServerResource{projects}, templates
}

// lastSegment returns the value a URI gives the template's variable.
func lastSegment(uri, template string) (string, error) {
	prefix := template[:strings.LastIndex(template, "/")+1]
	value, ok := strings.CutPrefix(uri, prefix)
	if !ok || value == "" || strings.Contains(value, "/") {
		return "", fmt.Errorf("%w: URI %q does not match %s", server.ErrResourceNotFound, uri, template)
	}
	return url.PathUnescape(value)
}

// readResource reads one resource and shapes it.
func readResource(ctx context.Context, d *toolkit.Deps, uri, value string, read func(context.Context, *leigaapi.Client, string) ([]byte, error)) ([]mcp.ResourceContents, error) {
	data, err := read(ctx, d.API, value)
	if err != nil {
		if e, ok := leigaapi.AsError(err); ok && (e.Code == "404" || e.HTTPStatus == 404 || strings.Contains(strings.ToLower(e.Message), "not found")) {
			return nil, fmt.Errorf("%w: %s", server.ErrResourceNotFound, uri)
		}
		return nil, fmt.Errorf("%s", leigaapi.RedactContext(ctx, toolkit.CleanMessage(err.Error())))
	}
	text, err := toolkit.ResourceJSON(ctx, d, data)
	if err != nil {
		return nil, err
	}
	return []mcp.ResourceContents{mcp.TextResourceContents{URI: uri, MIMEType: "application/json", Text: text}}, nil
}

// ResourceCompletions completes resource template variables with names the
// resolver knows: project keys, issue numbers, sprint ids.
func ResourceCompletions(r *resolve.Resolver) server.ResourceCompletionProvider {
	return resourceCompleter{r}
}

type resourceCompleter struct{ r *resolve.Resolver }

// CompleteResourceArgument answers completion/complete for a template.
func (c resourceCompleter) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	for _, rr := range resourceReads {
		if rr.template == uri {
			values, err := c.r.Complete(ctx, rr.complete, arg.Value, "")
			if err != nil {
				return nil, err
			}
			return resolve.CompletionOf(values), nil
		}
	}
	return resolve.CompletionOf(nil), nil
}

// PromptCompleter adapts the resolver to the prompts' argument completion.
func PromptCompleter(r *resolve.Resolver) prompts.ArgumentCompleter {
	return r.Complete
}
