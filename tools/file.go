package tools

import (
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// fileTools are the endpoints of the file module.
func fileTools() []toolkit.Tool {
	return []toolkit.Tool{
		toolkit.Composed(toolkit.Tool{
			Name: "file_upload", Title: "Upload file",
			Description: "Upload a file (contentBase64 or an allowed local path); attach the returned fileKey with file_bind.",
			Endpoint:    endpoints.FileUpload, Effect: toolkit.Create,
		}, uploadFile),
		toolkit.Composed(toolkit.Tool{
			Name: "file_download", Title: "Download file",
			Description: "File content by fileKey (from file_list): text inline, other types as a resource.",
			Endpoint:    endpoints.FileDownload, Effect: toolkit.Read,
		}, downloadFile),
		{
			Name: "file_remove", Title: "Remove file",
			Description: "Delete an uploaded file by fileKey.",
			Endpoint:    endpoints.FileRemove, Effect: toolkit.Delete,
		},
		{
			Name: "file_list", Title: "List files",
			Description: "Files attached to an issue (linkEntity attachment), with fileKey for download.",
			Endpoint:    endpoints.FileList, Effect: toolkit.Read,
		},
		{
			Name: "file_bind", Title: "Attach file",
			Description: "Attach an uploaded file to an issue (linkModule issue, linkEntity attachment).",
			Endpoint:    endpoints.FileBind, Effect: toolkit.Create,
		},
	}
}
