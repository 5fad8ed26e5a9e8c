package sandbox

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
)

// filePrefix starts every file key.
const filePrefix = "fk-"

// fileView is a file as /file/upload and /file/list answer it.
type fileView struct {
	FileKey          string `json:"fileKey"`
	FileName         string `json:"fileName"`
	FileType         string `json:"fileType"` // image, video, audio or document
	FileSize         int    `json:"fileSize"`
	FileSuffix       string `json:"fileSuffix"`
	ContentType      string `json:"contentType"`
	OriginalURL      string `json:"originalUrl"`
	FileDownloadPath string `json:"fileDownloadPath"`
	UploadUserID     int64  `json:"uploadUserId"`
	UploadUserName   string `json:"uploadUserName"`
	UploadTime       int64  `json:"uploadTime"`
}

// fileView renders a file.
func (st *store) fileView(f *File) fileView {
	kind := "document"
	for _, k := range []string{"image", "video", "audio"} {
		if strings.HasPrefix(f.ContentType, k+"/") {
			kind = k
		}
	}
	return fileView{
		FileKey: f.Key, FileName: f.Name, FileType: kind, FileSize: len(f.Data), FileSuffix: path.Ext(f.Name),
		ContentType: f.ContentType, OriginalURL: fmt.Sprintf("%s/files/%s/%s", webBase, f.Key, f.Name),
		FileDownloadPath: endpoints.FileDownload.Path() + "?fileKey=" + f.Key,
		UploadUserID:     f.UploadBy, UploadUserName: st.userName(f.UploadBy), UploadTime: f.UploadTime,
	}
}

// linkTarget checks that a file link points at a live object.
func (st *store) linkTarget(l FileLink) error {
	if l.Module != commentModule {
		return badRequest("linkModule must be %q", commentModule)
	}
	switch l.Entity {
	case "attachment":
		_, err := st.issue(l.ID)
		return err
	case "comment":
		_, err := st.comment(l.ID)
		return err
	}
	return badRequest("linkEntity must be attachment or comment")
}

// linkedFiles returns the files bound to l, oldest first.
func (st *store) linkedFiles(l FileLink) []*File {
	files := filter(sorted(st.files), func(f *File) bool { return slices.Contains(f.Links, l) })
	slices.SortStableFunc(files, func(a, b *File) int { return cmp.Compare(a.UploadTime, b.UploadTime) })
	return files
}

// linkParams reads linkModule, linkEntity and linkId and checks them.
func (st *store) linkParams(c *call) (FileLink, error) {
	l := FileLink{Module: c.reqString("linkModule"), Entity: c.reqString("linkEntity"), ID: c.reqInt("linkId")}
	if err := c.check(); err != nil {
		return l, err
	}
	return l, st.linkTarget(l)
}

// fileParam reads fileKey and resolves it.
func (st *store) fileParam(c *call) (*File, error) {
	key := c.reqString("fileKey")
	if err := c.check(); err != nil {
		return nil, err
	}
	f, ok := st.files[key]
	if !ok {
		return nil, notFound("file", key)
	}
	return f, nil
}

// uploadFile serves POST /file/upload (multipart part "file"). The file is
// not attached to anything until /file/bind.
func (st *store) uploadFile(c *call) (any, error) {
	if c.upload == nil {
		return nil, badRequest("file is required (multipart/form-data part \"file\")")
	}
	f := &File{
		Key: fmt.Sprintf("%s%d", filePrefix, st.newID(kindFile)), Name: c.upload.name, ContentType: c.upload.contentType,
		Data: c.upload.data, UploadBy: c.me, UploadTime: c.ms(),
	}
	st.files[f.Key] = f
	return st.fileView(f), nil
}

// downloadFile serves POST /file/download: the raw bytes, not an envelope.
func (st *store) downloadFile(c *call) (any, error) {
	f, err := st.fileParam(c)
	if err != nil {
		return nil, err
	}
	return rawFile{name: f.Name, contentType: f.ContentType, data: f.Data}, nil
}

// removeFile serves DELETE /file/remove.
func (st *store) removeFile(c *call) (any, error) {
	f, err := st.fileParam(c)
	if err != nil {
		return nil, err
	}
	delete(st.files, f.Key)
	return done, nil
}

// listFiles serves POST /file/list.
func (st *store) listFiles(c *call) (any, error) {
	l, err := st.linkParams(c)
	if err != nil {
		return nil, err
	}
	return mapList(st.linkedFiles(l), st.fileView), nil
}

// bindFile serves POST /file/bind; binding twice is harmless.
func (st *store) bindFile(c *call) (any, error) {
	key := c.reqString("fileKey")
	l, err := st.linkParams(c)
	if err != nil {
		return nil, err
	}
	f, ok := st.files[key]
	if !ok {
		return nil, notFound("file", key)
	}
	if !slices.Contains(f.Links, l) {
		f.Links = append(f.Links, l)
	}
	return done, nil
}
