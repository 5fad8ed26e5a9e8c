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
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/schemas"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// uploadFile is file_upload: it reads the bytes from contentBase64 or an
// allowed local path and sends them as the multipart part "file". Nothing
// is sent when the arguments are refused.
func uploadFile(ctx context.Context, t *toolkit.Tool, d *toolkit.Deps, u *schemas.FileUpload) (*mcp.CallToolResult, error) {
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
		u.ContentBase64 = "" // let the encoded form go: a large file is held once
	case u.Path != "":
		data, err = readUploadPath(u.Path, d.UploadDirs)
	default:
		return nil, uploadError("", "give the file's bytes as contentBase64, or a local path")
	}
	if err != nil {
		return nil, err
	}
	mp, err := multipartFile(u.FileName, data)
	data = nil
	if err != nil {
		return nil, err
	}
	req, err := endpoints.FileUpload.Request(*u)
	if err != nil {
		return nil, err
	}
	req.Body, req.Multipart = nil, mp
	resp, err := d.API.Do(ctx, req)
	if err != nil {
		return nil, err
	}
	return toolkit.DataResult(ctx, d, u, resp.Data), nil
}

// uploadError is a refused file_upload argument.
func uploadError(field, problem string) error {
	if field != "" {
		problem = fmt.Sprintf("field %q: %s", field, problem)
	}
	return &toolkit.ArgumentError{Tool: "file_upload", Problems: []string{problem}}
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

// uploadDirs resolves the allowed directories; those that do not exist are
// skipped.
func uploadDirs(allowed []string) (dirs []uploadDir, names []string) {
	for _, d := range allowed {
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
// directory of LEIGA_UPLOAD_DIRS both as written and with every symlink
// resolved; it is opened through os.Root so that no symlink can lead out.
// A path outside is refused before the file system is touched.
func readUploadPath(p string, allowedDirs []string) ([]byte, error) {
	dirs, names := uploadDirs(allowedDirs)
	if len(names) == 0 {
		return nil, uploadError("path", "reading local files is disabled: the server's operator must list the allowed directories in LEIGA_UPLOAD_DIRS; or send the bytes as contentBase64")
	}
	outside := fmt.Sprintf("%q is outside the directories allowed by LEIGA_UPLOAD_DIRS (%s)", p, strings.Join(names, string(os.PathListSeparator)))
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
	// Non-blocking, so that a FIFO or device cannot hang the call before
	// the regular-file check below refuses it.
	f, err := root.OpenFile(rel, os.O_RDONLY|openNonBlocking, 0)
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
	buf.Grow(len(data) + len(name) + 512) // one allocation for the whole form
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
