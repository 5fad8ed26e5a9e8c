package mcpserver

import (
	"strconv"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/jsonscan"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// liftBlobs takes the large string arguments of a tools/call out of raw
// (see toolkit.PutBlob): the message mcp-go decodes stays small, and the
// value is read once, from the line as received. Other messages, and
// arguments under toolkit.BlobThreshold, pass unchanged.
func liftBlobs(m message, raw []byte) []byte {
	if !m.request || m.method != string(mcp.MethodToolsCall) || len(raw) < toolkit.BlobThreshold || m.params == nil {
		return raw
	}
	var args jsonscan.Member
	found := false
	for _, p := range jsonscan.Members(raw, m.paramsSpan.start) {
		if p.Key == "arguments" && raw[p.Start] == '{' {
			args, found = p, true
		}
	}
	if !found {
		return raw
	}
	var out []byte
	last := 0
	for _, a := range jsonscan.Members(raw, args.Start) {
		if raw[a.Start] != '"' || a.End-a.Start < toolkit.BlobThreshold {
			continue
		}
		token := toolkit.PutBlob(raw[a.Start:a.End])
		out = append(out, raw[last:a.Start]...)
		out = strconv.AppendQuote(out, token)
		last = a.End
	}
	if out == nil {
		return raw
	}
	return append(out, raw[last:]...)
}
