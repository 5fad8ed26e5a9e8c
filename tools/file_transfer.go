package tools

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/mark3labs/mcp-go/mcp"
)

// UploadDirsEnv names the environment variable that lists the directories
// (os.PathListSeparator-separated) file_upload may read local files from.
// Unset, file_upload accepts only contentBase64.
const UploadDirsEnv = "LEIGA_UPLOAD_DIRS"

// Size limits of the file tools.
const (
	maxUploadBytes = 25 << 20  // largest file file_upload sends
	maxInlineText  = 100 << 10 // largest text file_download returns as text
)

// maxDownloadBytes is the largest file file_download returns.
var maxDownloadBytes int64 = 10 << 20

// uploadFile is file_upload: it reads the bytes from contentBase64 or an
// allowed local path and sends them as the multipart part "file". Nothing
// is sent when the arguments are refused.
func uploadFile(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	u := in.(*schemas.FileUpload)
	if err := checkFileName(u.FileName); err != nil {
		return nil, err
	}
	var (
		data []byte
		err  error
	)
	switch {
	case u.ContentBase64 != "" && u.Path != "":
		return nil, uploadError("", "give either contentBase64 or path, not both")
	case u.ContentBase64 != "":
		data, err = decodeUploadBase64(u.ContentBase64)
	case u.Path != "":
		data, err = readUploadPath(u.Path)
	default:
		return nil, uploadError("", "give the file's bytes as contentBase64, or a local path")
	}
	if err != nil {
		return nil, err
	}
	mp, err := multipartFile(u.FileName, data)
	if err != nil {
		return nil, err
	}
	resp, err := d.API.Do(ctx, leigaapi.Request{Method: "POST", Path: "/file/upload", Multipart: mp})
	if err != nil {
		return nil, err
	}
	return dataResult(d, u, resp.Data), nil
}

// uploadError is a refused file_upload argument.
func uploadError(field, problem string) error {
	if field != "" {
		problem = fmt.Sprintf("field %q: %s", field, problem)
	}
	return &ArgumentError{Tool: "file_upload", Problems: []string{problem}}
}

// checkFileName refuses names that are not a plain file name.
func checkFileName(name string) error {
	bad := strings.TrimSpace(name) == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) ||
		strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError })
	if bad {
		return uploadError("fileName", "want a plain file name such as report.pdf, without directories or control characters")
	}
	return nil
}

// decodeUploadBase64 decodes standard or URL-safe base64, padded or not,
// ignoring whitespace and a leading "data:...;base64," prefix.
func decodeUploadBase64(s string) ([]byte, error) {
	if strings.HasPrefix(s, "data:") {
		if _, rest, ok := strings.Cut(s, ";base64,"); ok {
			s = rest
		}
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if len(s) > base64.StdEncoding.EncodedLen(maxUploadBytes) {
		return nil, uploadError("contentBase64", fmt.Sprintf("about %s decoded; the upload limit is %s", exactBytes(int64(base64.StdEncoding.DecodedLen(len(s)))), exactBytes(maxUploadBytes)))
	}
	var firstErr error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(s)
		if err == nil {
			if len(b) > maxUploadBytes {
				return nil, uploadError("contentBase64", fmt.Sprintf("%s decoded; the upload limit is %s", exactBytes(int64(len(b))), exactBytes(maxUploadBytes)))
			}
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, uploadError("contentBase64", "not valid base64 ("+firstErr.Error()+")")
}

// uploadDir is one allowed directory, as configured and with symlinks resolved.
type uploadDir struct{ given, real string }

// uploadDirs reads UploadDirsEnv; directories that do not exist are skipped.
func uploadDirs() (dirs []uploadDir, names []string) {
	for _, d := range filepath.SplitList(os.Getenv(UploadDirsEnv)) {
		if strings.TrimSpace(d) == "" {
			continue
		}
		abs, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		names = append(names, abs)
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			continue
		}
		dirs = append(dirs, uploadDir{given: abs, real: real})
	}
	return dirs, names
}

// within reports whether path p is dir or inside it (both clean, absolute).
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// readUploadPath reads a local file for upload. The path must lie inside a
// directory of UploadDirsEnv both as written and with every symlink
// resolved; it is opened through os.Root so that no symlink can lead out.
// A path outside is refused before the file system is touched.
func readUploadPath(p string) ([]byte, error) {
	dirs, names := uploadDirs()
	if len(names) == 0 {
		return nil, uploadError("path", "reading local files is disabled: the server's operator must list the allowed directories in "+UploadDirsEnv+"; or send the bytes as contentBase64")
	}
	outside := fmt.Sprintf("%q is outside the directories allowed by %s (%s)", p, UploadDirsEnv, strings.Join(names, string(os.PathListSeparator)))
	if !filepath.IsAbs(p) {
		return nil, uploadError("path", fmt.Sprintf("%q is not an absolute path", p))
	}
	clean := filepath.Clean(p)
	allowed := func(q string) (uploadDir, bool) {
		for _, d := range dirs {
			if within(d.given, q) || within(d.real, q) {
				return d, true
			}
		}
		return uploadDir{}, false
	}
	if _, ok := allowed(clean); !ok {
		return nil, uploadError("path", outside)
	}
	real, err := filepath.EvalSymlinks(clean)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, uploadError("path", fmt.Sprintf("no such file %q", p))
		}
		return nil, uploadError("path", fmt.Sprintf("cannot read %q", p))
	}
	var dir uploadDir
	ok := false
	for _, d := range dirs {
		if within(d.real, real) {
			dir, ok = d, true
			break
		}
	}
	if !ok {
		return nil, uploadError("path", outside+" once symlinks are resolved")
	}
	rel, err := filepath.Rel(dir.real, real)
	if err != nil {
		return nil, uploadError("path", outside)
	}
	root, err := os.OpenRoot(dir.real)
	if err != nil {
		return nil, uploadError("path", fmt.Sprintf("cannot open %s", dir.given))
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		return nil, uploadError("path", fmt.Sprintf("cannot read %q", p))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil, uploadError("path", fmt.Sprintf("%q is not a regular file", p))
	}
	if fi.Size() > maxUploadBytes {
		return nil, uploadError("path", fmt.Sprintf("the file is %s; the upload limit is %s", exactBytes(fi.Size()), exactBytes(maxUploadBytes)))
	}
	data, err := io.ReadAll(io.LimitReader(f, maxUploadBytes+1))
	if err != nil {
		return nil, uploadError("path", fmt.Sprintf("cannot read %q", p))
	}
	if len(data) > maxUploadBytes {
		return nil, uploadError("path", fmt.Sprintf("the file is over the upload limit of %s", exactBytes(maxUploadBytes)))
	}
	return data, nil
}

// multipartFile encodes data as the form part "file" named name, with a
// Content-Type from the name's extension or, failing that, the bytes.
func multipartFile(name string, data []byte) (*leigaapi.Multipart, error) {
	ctype := mime.TypeByExtension(filepath.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", multipart.FileContentDisposition("file", name))
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, err
	}
	if _, err := part.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return &leigaapi.Multipart{ContentType: w.FormDataContentType(), Payload: buf.Bytes()}, nil
}

// downloadFile is file_download: Leiga answers with the file's bytes, or
// with the JSON envelope when it fails (the client turns that into an error).
func downloadFile(ctx context.Context, d *Deps, in any) (*mcp.CallToolResult, error) {
	dl := in.(*schemas.FileDownload)
	resp, err := d.API.Do(ctx, leigaapi.Request{Method: "POST", Path: "/file/download", Body: dl, Raw: true, Idempotent: true})
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
			mcp.NewTextContent(leigaapi.Redact(cleanString(string(body)))),
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
	return truncate(name, 200)
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

// exactBytes renders a size in a unit and, beyond 1 KiB, in bytes too.
func exactBytes(n int64) string {
	if n < 1<<10 {
		return humanBytes(n)
	}
	return fmt.Sprintf("%s (%d bytes)", humanBytes(n), n)
}

// humanBytes renders a size as bytes, KiB or MiB.
func humanBytes(n int64) string {
	unit := func(v float64, name string) string {
		return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") + " " + name
	}
	switch {
	case n >= 1<<20:
		return unit(float64(n)/(1<<20), "MiB")
	case n >= 1<<10:
		return unit(float64(n)/(1<<10), "KiB")
	}
	return fmt.Sprintf("%d bytes", n)
}
