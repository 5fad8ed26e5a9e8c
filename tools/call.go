package tools

import (
	"context"
	"encoding/json"

	"github.com/mark3labs/mcp-go/mcp"
)

// Call runs the tool with raw JSON arguments. Anything the model can act on
// (bad arguments, a Leiga error, a timeout) is an isError result, never a
// Go error; nothing is sent upstream unless the arguments are valid.
func (t *Tool) Call(ctx context.Context, d *Deps, raw json.RawMessage) *mcp.CallToolResult {
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
