package tools

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/prompts"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// resourceRead is how one resource URI reads Leiga: a GET whose single
// query parameter comes from the URI's last segment.
type resourceRead struct {
	template    string // URI template, e.g. leiga://issue/{number}
	name, desc  string
	path, param string // Leiga GET path and its parameter
	complete    string // completion kind of the template variable
}

var resourceReads = []resourceRead{
	{"leiga://project/{key}", "Project", "A project by key, e.g. leiga://project/MOBILE", "/project/get-by-project-key", "projectKey", CompleteProject},
	{"leiga://issue/{number}", "Issue", "An issue by number, e.g. leiga://issue/MOBILE-12", "/issue/get-by-issue-number", "issueNumber", CompleteIssue},
	{"leiga://sprint/{id}", "Sprint", "A sprint by id, e.g. leiga://sprint/202", "/sprint/get", "id", CompleteSprintID},
}

// projectsURI is the static resource listing every project.
const projectsURI = "leiga://projects"

// Resources returns the server's resources and resource templates, read
// through d's Leiga client.
func Resources(d *Deps) ([]server.ServerResource, []server.ServerResourceTemplate) {
	projects := server.ServerResource{
		Resource: mcp.NewResource(projectsURI, "Projects",
			mcp.WithResourceDescription("Every project you can see: id, key, name"), mcp.WithMIMEType("application/json")),
		Handler: func(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
			return readResource(ctx, d, req.Params.URI, leigaapi.Request{Method: "GET", Path: "/project/list"})
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
				q := url.Values{rr.param: {value}}
				return readResource(ctx, d, req.Params.URI, leigaapi.Request{Method: "GET", Path: rr.path, Query: q})
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
		return "", fmt.Errorf("resource URI %q does not match %s", uri, template)
	}
	return url.PathUnescape(value)
}

// readResource calls Leiga and returns the data, cleaned, as JSON.
func readResource(ctx context.Context, d *Deps, uri string, req leigaapi.Request) ([]mcp.ResourceContents, error) {
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("%s", leigaapi.RedactContext(ctx, err.Error()))
	}
	v, err := decodeData(resp.Data)
	if err != nil {
		return nil, err
	}
	return []mcp.ResourceContents{mcp.TextResourceContents{
		URI: uri, MIMEType: "application/json", Text: leigaapi.RedactContext(ctx, compactJSON(cleanText(v))),
	}}, nil
}

// ResourceCompletions completes resource template variables with names the
// resolver knows: project keys, issue numbers, sprint ids.
func ResourceCompletions(r *Resolver) server.ResourceCompletionProvider {
	return resourceCompleter{r}
}

type resourceCompleter struct{ r *Resolver }

// CompleteResourceArgument answers completion/complete for a template.
func (c resourceCompleter) CompleteResourceArgument(ctx context.Context, uri string, arg mcp.CompleteArgument, _ mcp.CompleteContext) (*mcp.Completion, error) {
	for _, rr := range resourceReads {
		if rr.template == uri {
			values, err := c.r.Complete(ctx, rr.complete, arg.Value, "")
			if err != nil {
				return nil, err
			}
			return prompts.CompletionOf(values), nil
		}
	}
	return prompts.CompletionOf(nil), nil
}

// PromptCompleter adapts the resolver to the prompts' argument completion.
func PromptCompleter(r *Resolver) prompts.ArgumentCompleter {
	return r.Complete
}
