package tools

import "github.com/leiga-mcp/leiga-mcp/schemas"

// fileTools are the endpoints of the file module.
func fileTools() []Tool {
	return []Tool{
		{
			Name: "file_upload", Title: "Upload file",
			Description: "Upload a file (contentBase64 or an allowed local path); attach the returned fileKey with file_bind.",
			Endpoint:    post("/file/upload"), Input: schemas.FileUpload{}, Effect: Create,
			Handler: uploadFile,
		},
		{
			Name: "file_download", Title: "Download file",
			Description: "File content by fileKey (from file_list): text inline, other types as a resource.",
			Endpoint:    post("/file/download"), Input: schemas.FileDownload{}, Effect: Read,
			Handler: downloadFile,
		},
		{
			Name: "file_remove", Title: "Remove file",
			Description: "Delete an uploaded file by fileKey.",
			Endpoint:    del("/file/remove"), Input: schemas.FileRemove{}, Effect: Delete,
		},
		{
			Name: "file_list", Title: "List files",
			Description: "Files attached to an issue (linkEntity attachment), with fileKey for download.",
			Endpoint:    post("/file/list"), Input: schemas.FileList{}, Effect: Read,
		},
		{
			Name: "file_bind", Title: "Attach file",
			Description: "Attach an uploaded file to an issue (linkModule issue, linkEntity attachment).",
			Endpoint:    post("/file/bind"), Input: schemas.FileBind{}, Effect: Create,
		},
	}
}
