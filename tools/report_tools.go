package tools

import "github.com/leiga-mcp/leiga-mcp/tools/toolkit"

// reportTools are the workflow tools that report on a project's work by
// names, each with a chart (PNG) next to a text summary that stands on its
// own. Each is defined with its handler in its own file.
func reportTools() []toolkit.Tool {
	return []toolkit.Tool{
		sprintReportTool(),
		workloadReportTool(),
	}
}
