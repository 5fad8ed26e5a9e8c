package cli

import (
	"context"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/mcpserver"
)

// ready is the /readyz check: a token for the server's own credentials
// (fetched once, then reused) and one cheap read, the project list.
func (rt *app) ready(ctx context.Context) error {
	_, err := endpoints.Call(ctx, rt.deps.API, endpoints.ProjectList, schemas.ProjectList{})
	return err
}

// openAudit opens the audit log LEIGA_AUDIT_LOG names, if any; the server
// and the call command record writes in it.
func (rt *app) openAudit() error {
	dest := rt.env.value("LEIGA_AUDIT_LOG")
	if dest == "" {
		return nil
	}
	a, err := mcpserver.OpenAuditLog(dest, rt.env.Stderr)
	if err != nil {
		return usageError{err.Error()}
	}
	rt.audit, rt.auditDest = a, dest
	rt.closers = append(rt.closers, func() { a.Close() })
	return nil
}
