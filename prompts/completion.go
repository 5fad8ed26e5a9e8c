package prompts

import (
	"context"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// ArgumentCompleter returns the names of kind ("project", "sprint", "version",
// "epic" or "user") that match prefix. project is the value the client has
// already given for the prompt's project argument ("" if none), so sprints,
// versions, epics and users can be scoped to it.
type ArgumentCompleter func(ctx context.Context, kind string, prefix string, project string) ([]string, error)

type completionProvider struct {
	complete ArgumentCompleter
}

// NewCompletionProvider answers completion/complete for the prompts' arguments:
// it maps each argument to its kind, asks c, and returns at most
// resolve.MaxCompletions values with the total count. Arguments without a kind, unknown
// prompts and a nil c give no values.
func NewCompletionProvider(c ArgumentCompleter) server.PromptCompletionProvider {
	return completionProvider{complete: c}
}

// kindOf returns the completion kind of a prompt's argument, or "".
func kindOf(prompt, argument string) string {
	for _, s := range specs {
		if s.name == prompt {
			a, _ := s.arg(argument)
			return a.kind
		}
	}
	return ""
}

func (p completionProvider) CompletePromptArgument(ctx context.Context, promptName string, argument mcp.CompleteArgument, cc mcp.CompleteContext) (*mcp.Completion, error) {
	kind := kindOf(promptName, argument.Name)
	if kind == "" || p.complete == nil {
		return &mcp.Completion{Values: []string{}}, nil
	}
	project := ""
	if kind != KindProject {
		project = strings.TrimSpace(cc.Arguments["project"])
	}
	all, err := p.complete(ctx, kind, argument.Value, project)
	if err != nil {
		return nil, err
	}
	return resolve.CompletionOf(all), nil
}
