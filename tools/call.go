package tools

import (
	"context"
	"encoding/json"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/mark3labs/mcp-go/mcp"
)

// Call runs the tool with raw JSON arguments. Anything the model can act on
// (bad arguments, a Leiga error, a timeout) is an isError result, never a
// Go error; nothing is sent upstream unless the arguments are valid. The
// result's text hides the secrets of the request's own credentials.
func (t *Tool) Call(ctx context.Context, d *Deps, raw json.RawMessage) *mcp.CallToolResult {
	return redactRequestSecrets(ctx, t.call(ctx, d, raw))
}

// redactRequestSecrets hides, in res's text, the secrets of the per-request
// credentials of ctx (the server's own are hidden where results are made).
func redactRequestSecrets(ctx context.Context, res *mcp.CallToolResult) *mcp.CallToolResult {
	h, ok := leigaapi.TokenSourceFrom(ctx).(leigaapi.SecretHolder)
	if !ok {
		return res
	}
	for i, c := range res.Content {
		if tc, ok := c.(mcp.TextContent); ok {
			tc.Text = leigaapi.RedactSecrets(tc.Text, h.Secrets())
			res.Content[i] = tc
		}
	}
	return res
}

func (t *Tool) call(ctx context.Context, d *Deps, raw json.RawMessage) *mcp.CallToolResult {
	if _, err := t.validateArgs(raw); err != nil {
		return errorResult(t, err)
	}
	in, err := t.decode(raw)
	if err != nil {
		return errorResult(t, err)
	}
	if t.Handler != nil {
		res, err := t.Handler(ctx, d, in)
		if err != nil {
			return errorResult(t, err)
		}
		return res
	}
	req, err := t.request(in)
	if err != nil {
		return errorResult(t, err)
	}
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		return errorResult(t, err)
	}
	return dataResult(d, in, resp.Data)
}
