package tools

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/mark3labs/mcp-go/mcp"
)

// fileContract lists a contract case for every file endpoint tool that
// sends JSON. file_upload sends multipart/form-data, which contractCase
// cannot express: TestFileUploadRequest is its contract.
var fileContract = []contractCase{
	{"file_download", `{"fileKey":"fk-1"}`, "POST", "/file/download", "", `{"fileKey":"fk-1"}`},
	{"file_remove", `{"fileKey":"fk-1"}`, "DELETE", "/file/remove", "", `{"fileKey":"fk-1"}`},
	{"file_list", `{"linkModule":"issue","linkEntity":"attachment","linkId":7}`,
		"POST", "/file/list", "", `{"linkModule":"issue","linkEntity":"attachment","linkId":7}`},
	{"file_bind", `{"fileKey":"fk-1","linkModule":"issue","linkEntity":"attachment","linkId":7}`,
		"POST", "/file/bind", "", `{"fileKey":"fk-1","linkModule":"issue","linkEntity":"attachment","linkId":7}`},
}

// pngBytes is a small binary payload: a PNG signature and every byte value.
var pngBytes = func() []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	for i := range 256 {
		b = append(b, byte(i))
	}
	return b
}()

// uploadedPart parses the multipart request the fake received and returns
// its only part.
func uploadedPart(t *testing.T, got sent) (header map[string][]string, name, filename string, data []byte) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(got.ContentType)
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("Content-Type = %q, want multipart/form-data; boundary=...", got.ContentType)
	}
	if !strings.HasPrefix(got.ContentType, "multipart/form-data; boundary=") {
		t.Errorf("Content-Type = %q", got.ContentType)
	}
	r := multipart.NewReader(strings.NewReader(got.Body), params["boundary"])
	p, err := r.NextPart()
	if err != nil {
		t.Fatalf("no part: %v", err)
	}
	data, err = io.ReadAll(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.NextPart(); err != io.EOF {
		t.Errorf("more than one part (err %v)", err)
	}
	return p.Header, p.FormName(), p.FileName(), data
}

func TestFileUploadRequest(t *testing.T) {
	f, d := newFake(t)
	f.replies["POST /file/upload"] = `{"code":"0","msg":"ok","data":{"fileKey":"fk-9","fileName":"shot.png","fileSize":264}}`
	args, _ := json.Marshal(map[string]string{"fileName": "shot.png", "contentBase64": base64.StdEncoding.EncodeToString(pngBytes)})
	res := call(t, d, "file_upload", string(args))
	if res.IsError {
		t.Fatalf("isError: %s", text(res))
	}
	got := f.requests()
	if len(got) != 1 {
		t.Fatalf("sent %d requests, want 1", len(got))
	}
	g := got[0]
	if g.Method != "POST" || g.Path != "/file/upload" || g.Query != "" || g.Token != "test-token-1" {
		t.Errorf("sent %s %s?%s token=%q", g.Method, g.Path, g.Query, g.Token)
	}
	header, name, filename, data := uploadedPart(t, g)
	if name != "file" || filename != "shot.png" {
		t.Errorf("part name=%q filename=%q, want file, shot.png", name, filename)
	}
	if ct := header["Content-Type"]; len(ct) != 1 || ct[0] != "image/png" {
		t.Errorf("part Content-Type = %v, want image/png", ct)
	}
	if !bytes.Equal(data, pngBytes) {
		t.Errorf("part bytes differ: %d bytes sent, want %d", len(data), len(pngBytes))
	}
	if !strings.Contains(text(res), "fileKey: fk-9") {
		t.Errorf("result %s lacks the fileKey", text(res))
	}
	if sc, ok := structured(t, res), true; !ok || sc["fileKey"] != "fk-9" {
		t.Errorf("structuredContent = %#v", res.StructuredContent)
	}
}

func TestFileUploadContentTypeSniffed(t *testing.T) {
	f, d := newFake(t)
	args, _ := json.Marshal(map[string]string{"fileName": "shot", "contentBase64": base64.RawURLEncoding.EncodeToString(pngBytes)})
	if res := call(t, d, "file_upload", string(args)); res.IsError {
		t.Fatalf("isError: %s", text(res))
	}
	header, _, filename, data := uploadedPart(t, f.requests()[0])
	if ct := header["Content-Type"]; filename != "shot" || len(ct) != 1 || ct[0] != "image/png" || !bytes.Equal(data, pngBytes) {
		t.Errorf("filename %q, Content-Type %v, %d bytes", filename, ct, len(data))
	}
}

func TestFileUploadFromAllowedPath(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(sub, "notes.txt")
	if err := os.WriteFile(p, []byte("hello\x00world"), 0o600); err != nil {
		t.Fatal(err)
	}
	// An in-directory symlink is fine; so is a list with a missing entry.
	link := filepath.Join(dir, "link.txt")
	if err := os.Symlink(p, link); err != nil {
		t.Fatal(err)
	}
	allowed := []string{filepath.Join(t.TempDir(), "gone"), dir}
	for _, path := range []string{p, link, filepath.Join(dir, "sub", "..", "sub", "notes.txt")} {
		f, d := newFake(t)
		d.UploadDirs = allowed
		args, _ := json.Marshal(map[string]string{"fileName": "notes.txt", "path": path})
		res := call(t, d, "file_upload", string(args))
		if res.IsError {
			t.Fatalf("%s: isError: %s", path, text(res))
		}
		_, name, filename, data := uploadedPart(t, f.requests()[0])
		if name != "file" || filename != "notes.txt" || string(data) != "hello\x00world" {
			t.Errorf("%s: part %q %q %q", path, name, filename, data)
		}
	}
}

func TestFileUploadRefusedSendsNothing(t *testing.T) {
	allowed := t.TempDir()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(allowed, "escape.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(allowed, "outdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(allowed, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(allowed, "big.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(maxUploadBytes + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	tooLong := strings.Repeat("A", base64.StdEncoding.EncodedLen(maxUploadBytes)+4)

	tests := []struct {
		name, env string
		args      map[string]string
		want      []string
	}{
		{"no allowlist", "", map[string]string{"fileName": "s.txt", "path": secret},
			[]string{`field "path"`, "disabled", "LEIGA_UPLOAD_DIRS", "contentBase64"}},
		{"outside", allowed, map[string]string{"fileName": "s.txt", "path": secret},
			[]string{`field "path"`, "outside", "LEIGA_UPLOAD_DIRS"}},
		{"dot-dot", allowed, map[string]string{"fileName": "s.txt", "path": filepath.Join(allowed, "..", filepath.Base(outside), "secret.txt")},
			[]string{"outside", "LEIGA_UPLOAD_DIRS"}},
		{"symlink to a file outside", allowed, map[string]string{"fileName": "s.txt", "path": filepath.Join(allowed, "escape.txt")},
			[]string{"outside", "LEIGA_UPLOAD_DIRS", "symlinks"}},
		{"symlinked directory outside", allowed, map[string]string{"fileName": "s.txt", "path": filepath.Join(allowed, "outdir", "secret.txt")},
			[]string{"outside", "LEIGA_UPLOAD_DIRS"}},
		{"relative", allowed, map[string]string{"fileName": "s.txt", "path": "secret.txt"},
			[]string{"not an absolute path"}},
		{"missing", allowed, map[string]string{"fileName": "s.txt", "path": filepath.Join(allowed, "nope.txt")},
			[]string{"no such file"}},
		{"directory", allowed, map[string]string{"fileName": "s.txt", "path": filepath.Join(allowed, "dir")},
			[]string{"not a regular file"}},
		{"too large", allowed, map[string]string{"fileName": "big.bin", "path": filepath.Join(allowed, "big.bin")},
			[]string{"25 MiB", "upload limit"}},
		{"base64 too large", "", map[string]string{"fileName": "big.bin", "contentBase64": tooLong},
			[]string{`field "contentBase64"`, "upload limit is 25 MiB"}},
		{"invalid base64", "", map[string]string{"fileName": "a.bin", "contentBase64": "not base64!"},
			[]string{`field "contentBase64": not valid base64`}},
		{"both sources", allowed, map[string]string{"fileName": "a.bin", "contentBase64": "QUJD", "path": secret},
			[]string{"either contentBase64 or path, not both"}},
		{"no source", "", map[string]string{"fileName": "a.bin"},
			[]string{"contentBase64", "path"}},
		{"directory in name", "", map[string]string{"fileName": "../a.bin", "contentBase64": "QUJD"},
			[]string{`field "fileName"`}},
		{"no name", "", map[string]string{"contentBase64": "QUJD"},
			[]string{`missing required field "fileName"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, d := newFake(t)
			d.UploadDirs = filepath.SplitList(tt.env)
			args, _ := json.Marshal(tt.args)
			res := call(t, d, "file_upload", string(args))
			if !res.IsError {
				t.Fatalf("want isError, got %s", text(res))
			}
			t.Log(text(res))
			for _, w := range tt.want {
				if !strings.Contains(text(res), w) {
					t.Errorf("error %q does not contain %q", text(res), w)
				}
			}
			if strings.Contains(text(res), "top secret") {
				t.Error("error leaks the file's content")
			}
			if n := len(f.requests()); n != 0 {
				t.Errorf("sent %d requests", n)
			}
		})
	}
}

// rawLeiga is a Leiga that answers every call with one fixed response.
type rawLeiga struct {
	status      int
	contentType string
	disposition string
	body        []byte
	calls       atomic.Int32
	lastBody    atomic.Value // string
}

func (r *rawLeiga) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.calls.Add(1)
	b, _ := io.ReadAll(req.Body)
	r.lastBody.Store(string(b))
	w.Header().Set("Content-Type", r.contentType)
	if r.disposition != "" {
		w.Header().Set("Content-Disposition", r.disposition)
	}
	status := r.status
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(r.body)
}

// newRawLeiga serves r and returns Deps whose client allows attempts sends.
func newRawLeiga(t *testing.T, r *rawLeiga, attempts int) *toolkit.Deps {
	t.Helper()
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	api, err := leigaapi.New(leigaapi.Options{BaseURL: srv.URL, Tokens: auth.NewStaticToken("test-token-1"), MaxAttempts: attempts})
	if err != nil {
		t.Fatal(err)
	}
	return &toolkit.Deps{API: api}
}

func TestFileUploadIsNotRetried(t *testing.T) {
	r := &rawLeiga{status: http.StatusBadGateway, contentType: "text/html", body: []byte("<html>bad gateway</html>")}
	d := newRawLeiga(t, r, 3)
	res := call(t, d, "file_upload", `{"fileName":"a.txt","contentBase64":"QUJD"}`)
	if !res.IsError || !strings.Contains(text(res), "HTTP 502") || !strings.Contains(text(res), "may or may not have been applied") {
		t.Errorf("result = %v %q", res.IsError, text(res))
	}
	if n := r.calls.Load(); n != 1 {
		t.Errorf("upload sent %d times, want 1", n)
	}
}

func TestFileDownloadBinary(t *testing.T) {
	r := &rawLeiga{contentType: "image/png", disposition: `attachment; filename="shot.png"`, body: pngBytes}
	d := newRawLeiga(t, r, 1)
	res := call(t, d, "file_download", `{"fileKey":"fk-1"}`)
	if res.IsError {
		t.Fatalf("isError: %s", text(res))
	}
	if got := r.lastBody.Load(); got != `{"fileKey":"fk-1"}` {
		t.Errorf("sent body %v", got)
	}
	if want := "shot.png image/png, 264 bytes"; text(res) != want {
		t.Errorf("text = %q, want %q", text(res), want)
	}
	var blob *mcp.BlobResourceContents
	for _, c := range res.Content {
		if er, ok := c.(mcp.EmbeddedResource); ok {
			if b, ok := er.Resource.(mcp.BlobResourceContents); ok {
				blob = &b
			}
		}
	}
	if blob == nil {
		t.Fatalf("no embedded blob in %#v", res.Content)
	}
	got, err := base64.StdEncoding.DecodeString(blob.Blob)
	if err != nil || !bytes.Equal(got, pngBytes) {
		t.Errorf("blob differs from the file (err %v): %d bytes, want %d", err, len(got), len(pngBytes))
	}
	if blob.URI != "leiga://file/fk-1" || blob.MIMEType != "image/png" {
		t.Errorf("URI %q MIMEType %q", blob.URI, blob.MIMEType)
	}
	// The whole result survives JSON, as a client receives it.
	if _, err := json.Marshal(res); err != nil {
		t.Error(err)
	}
}

func TestFileDownloadGenericTypeIsGuessed(t *testing.T) {
	r := &rawLeiga{contentType: "application/octet-stream", body: pngBytes}
	res := call(t, newRawLeiga(t, r, 1), "file_download", `{"fileKey":"a/b"}`)
	if res.IsError || text(res) != "image/png, 264 bytes" {
		t.Fatalf("result = %v %q", res.IsError, text(res))
	}
	er, ok := res.Content[1].(mcp.EmbeddedResource)
	if !ok || er.Resource.(mcp.BlobResourceContents).URI != "leiga://file/a%2Fb" {
		t.Errorf("content = %#v", res.Content)
	}
}

func TestFileDownloadText(t *testing.T) {
	r := &rawLeiga{contentType: "text/csv; charset=utf-8", disposition: `attachment; filename="../r.csv"`, body: []byte("a,b\n1,2\n")}
	res := call(t, newRawLeiga(t, r, 1), "file_download", `{"fileKey":"fk-2"}`)
	if res.IsError || len(res.Content) != 2 {
		t.Fatalf("result = %v %#v", res.IsError, res.Content)
	}
	if text(res) != "r.csv text/csv, 8 bytes" {
		t.Errorf("label = %q", text(res))
	}
	if body := res.Content[1].(mcp.TextContent).Text; body != "a,b\n1,2\n" {
		t.Errorf("text = %q", body)
	}
}

func TestFileDownloadLargeTextIsABlob(t *testing.T) {
	body := bytes.Repeat([]byte("x"), maxInlineText+1)
	res := call(t, newRawLeiga(t, &rawLeiga{contentType: "text/plain", body: body}, 1), "file_download", `{"fileKey":"fk-3"}`)
	er, ok := res.Content[len(res.Content)-1].(mcp.EmbeddedResource)
	if res.IsError || !ok {
		t.Fatalf("result = %v %#v", res.IsError, res.Content)
	}
	if b := er.Resource.(mcp.BlobResourceContents); b.MIMEType != "text/plain" || len(b.Blob) != base64.StdEncoding.EncodedLen(len(body)) {
		t.Errorf("blob %q of %d chars", b.MIMEType, len(b.Blob))
	}
}

func TestFileDownloadTooLarge(t *testing.T) {
	body := make([]byte, maxDownloadBytes+1)
	res := call(t, newRawLeiga(t, &rawLeiga{contentType: "application/zip", body: body}, 1), "file_download", `{"fileKey":"fk-4"}`)
	for _, w := range []string{"fk-4", "too large to return", "10485761 bytes", "limit 10 MiB"} {
		if !res.IsError || !strings.Contains(text(res), w) {
			t.Errorf("result = %v %q, want isError containing %q", res.IsError, text(res), w)
		}
	}
}

func TestFileDownloadEnvelopeError(t *testing.T) {
	f, d := newFake(t)
	f.replies["POST /file/download"] = `{"code":"20013","msg":"File does not exist","data":null}`
	res := call(t, d, "file_download", `{"fileKey":"nope"}`)
	want := "Leiga POST /file/download failed: code 20013: File does not exist"
	if !res.IsError || !strings.Contains(text(res), want) {
		t.Errorf("result = %v %q, want isError containing %q", res.IsError, text(res), want)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("sent %d requests", n)
	}
}

func TestFileArgumentsRefused(t *testing.T) {
	assertRefused(t, []refusal{
		{"file_download", `{"fileKey":""}`, []string{`field "fileKey"`}},
		{"file_list", `{"linkModule":"project","linkEntity":"attachment","linkId":7}`, []string{`field "linkModule": got "project"; valid values: "issue"`}},
		{"file_bind", `{"linkModule":"issue","linkEntity":"attachment","linkId":7}`, []string{`missing required field "fileKey"`}},
		{"file_remove", `{}`, []string{`missing required field "fileKey"`}},
	})
}
