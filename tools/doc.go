// Package tools defines every leiga-mcp tool: one file per Leiga module
// (issue.go, sprint.go, ...) holds each endpoint's definition, annotations
// and input type together. Plain endpoint calls share one table-driven path
// (validate → bind → call → shape the result); only tools that really differ
// (file upload and download, name resolution, composed workflows) carry a
// hand-written handler.
package tools
