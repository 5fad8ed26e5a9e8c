package schemas

// FileUpload is the input of file_upload: the bytes come from exactly one
// of ContentBase64 and Path.
type FileUpload struct {
	FileName      string `json:"fileName" jsonschema:"required,minLength=1,maxLength=255" jsonschema_description:"Name with extension, e.g. log.txt"`
	ContentBase64 string `json:"contentBase64,omitempty" jsonschema_description:"File bytes, base64"`
	Path          string `json:"path,omitempty" jsonschema_description:"Absolute local path, under LEIGA_UPLOAD_DIRS"`
}

// FileDownload is the input of file_download.
type FileDownload struct {
	FileKey string `json:"fileKey" jsonschema:"required,minLength=1" jsonschema_description:"From file_list or file_upload"`
}

// FileRemove is the input of file_remove.
type FileRemove struct {
	FileKey string `json:"fileKey" jsonschema:"required,minLength=1"`
}

// FileLink is where files are attached: an issue's attachments.
type FileLink struct {
	LinkModule string `json:"linkModule" jsonschema:"required,enum=issue"`
	LinkEntity string `json:"linkEntity" jsonschema:"required,minLength=1" jsonschema_description:"e.g. attachment"`
	LinkID     int64  `json:"linkId" jsonschema:"required,minimum=1" jsonschema_description:"Issue id"`
}

// FileList is the input of file_list.
type FileList FileLink

// FileBind is the input of file_bind.
type FileBind struct {
	FileKey string `json:"fileKey" jsonschema:"required,minLength=1" jsonschema_description:"From file_upload"`
	FileLink
}
