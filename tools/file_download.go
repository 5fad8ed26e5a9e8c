package tools

import (
	"context"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// downloadFile is file_download: Leiga answers with the file's bytes, or
// with the JSON envelope when it fails (the client turns that into an error).
func downloadFile(ctx context.Context, _ *toolkit.Tool, d *toolkit.Deps, dl *schemas.FileDownload) (*mcp.CallToolResult, error) {
	req, err := endpoints.FileDownload.Request(*dl)
	if err != nil {
		return nil, err
	}
	req.Raw = true
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		if e, ok := leigaapi.AsError(err); ok && e.Kind == leigaapi.KindTooLarge {
			return mcp.NewToolResultError(fmt.Sprintf("file %q is too large to return: %s (limit %s)", dl.FileKey, e.Message, humanBytes(maxDownloadBytes))), nil
		}
		return nil, err
	}
	body := resp.Data
	size := int64(len(body))
	if size > maxDownloadBytes {
		return mcp.NewToolResultError(fmt.Sprintf("file %q is %s, too large to return (limit %s)", dl.FileKey, exactBytes(size), humanBytes(maxDownloadBytes))), nil
	}
	name := dispositionName(resp.Header)
	mt := downloadType(resp.ContentType, name, body)
	label := fmt.Sprintf("%s, %d bytes", mt, size)
	if name != "" {
		label = name + " " + label
	}
	if isTextType(mt) && size <= maxInlineText && utf8.Valid(body) {
		return &mcp.CallToolResult{Content: []mcp.Content{
			mcp.NewTextContent(label),
			mcp.NewTextContent(leigaapi.RedactContext(ctx, cleanString(string(body)))),
		}}, nil
	}
	return mcp.NewToolResultResource(label, mcp.BlobResourceContents{
		URI:      "leiga://file/" + url.PathEscape(dl.FileKey),
		MIMEType: mt,
		Blob:     base64.StdEncoding.EncodeToString(body),
	}), nil
}

// dispositionName returns the file name of a Content-Disposition header,
// reduced to a clean base name, or "".
func dispositionName(h http.Header) string {
	_, params, err := mime.ParseMediaType(h.Get("Content-Disposition"))
	if err != nil || params["filename"] == "" {
		return ""
	}
	name := cleanString(params["filename"])
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	return toolkit.Shorten(name, 200)
}

// downloadType is the media type of a download without parameters: the one
// Leiga sent, or when that is missing or generic, one guessed from the file
// name or the bytes.
func downloadType(contentType, name string, body []byte) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err == nil && mt != "" && mt != "application/octet-stream" {
		return mt
	}
	guess := ""
	if name != "" {
		guess = mime.TypeByExtension(filepath.Ext(name))
	}
	if guess == "" && len(body) > 0 {
		guess = http.DetectContentType(body)
	}
	if g, _, err := mime.ParseMediaType(guess); err == nil && g != "" {
		return g
	}
	return "application/octet-stream"
}

// isTextType reports whether a media type is text a model can read inline.
func isTextType(mt string) bool {
	return strings.HasPrefix(mt, "text/") || mt == "application/json" || strings.HasSuffix(mt, "+json")
}
