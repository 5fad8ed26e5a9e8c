package cli

import (
	"encoding/json"
	"fmt"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/tokens"
)

// toolInfo is one row of `leiga-mcp tools --json`.
type toolInfo struct {
	Name        string          `json:"name"`
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Toolset     string          `json:"toolset"`
	Endpoint    *string         `json:"endpoint"`
	ReadOnly    bool            `json:"readOnly"`
	Destructive bool            `json:"destructive"`
	Idempotent  bool            `json:"idempotent"`
	InputSchema json.RawMessage `json:"inputSchema"`
}

// runTools prints what the server would expose with the same flags.
func runTools(args []string, env Env) error {
	c := &config{}
	if err := c.defaults(env); err != nil {
		return usageError{err.Error()}
	}
	fs := newFlagSet("tools", env)
	c.selectionFlags(fs)
	fs.BoolVar(&c.JSON, "json", false, "print JSON: name, title, toolset, endpoint, annotations, inputSchema")
	markdown := fs.Bool("markdown", false, "print the README's tool list (markdown)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	reg, err := tools.NewRegistry()
	if err != nil {
		return err
	}
	selected, err := reg.Select(c.selection())
	if err != nil {
		return usageError{err.Error()}
	}
	if c.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(toolInfos(selected))
	}
	if *markdown {
		_, err := io.WriteString(env.Stdout, toolsMarkdown(reg))
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tTOOLSET\tEFFECT\tENDPOINT\tTITLE")
	for _, t := range selected {
		ep := "(composed)"
		if t.Endpoint != nil {
			ep = t.Endpoint.String()
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", t.Name, t.Toolset, t.Effect, ep, t.Title)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fp, err := toolkit.MeasureFootprint(selected)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "\n%d tools, %d tokens of tools/list (%s); largest: %s (%d tokens)\n",
		fp.Tools, fp.Tokens, tokens.Encoding, fp.Largest, fp.PerTool[fp.Largest])
	return nil
}

// toolsMarkdown renders every toolset and its tools for the README.
func toolsMarkdown(reg *toolkit.Registry) string {
	var b strings.Builder
	for _, ts := range reg.Toolsets() {
		fmt.Fprintf(&b, "\n#### `%s` — %s\n\n| Tool | Endpoint | Effect | Description |\n|---|---|---|---|\n", ts.Name, ts.Description)
		for _, name := range ts.Tools {
			t, _ := reg.Tool(name)
			ep := "—"
			if t.Endpoint != nil {
				ep = "`" + t.Endpoint.String() + "`"
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", t.Name, ep, t.Effect, strings.ReplaceAll(t.Description, "|", "\\|"))
		}
	}
	return b.String()
}

// toolInfos describes tools for --json.
func toolInfos(list []*toolkit.Tool) []toolInfo {
	out := make([]toolInfo, 0, len(list))
	for _, t := range list {
		info := toolInfo{
			Name: t.Name, Title: t.Title, Description: t.Description, Toolset: t.Toolset,
			ReadOnly: t.ReadOnly(), Destructive: t.Destructive(), Idempotent: t.Idempotent(),
			InputSchema: t.Schema(),
		}
		if t.Endpoint != nil {
			ep := t.Endpoint.String()
			info.Endpoint = &ep
		}
		out = append(out, info)
	}
	return out
}
