package toolkit

import (
	"bytes"
	"crypto/rand"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"
)

// Large arguments (a file sent as base64 to file_upload) would otherwise
// be copied half a dozen times on their way from stdin to a handler: by
// the transport's reader, the JSON-RPC decoding of the request, the
// arguments map and the schema validation. The stdio gate lifts every
// string argument over BlobThreshold out of the message before the MCP
// library sees it, leaving a token in its place; Tool.Call puts the value
// back, sharing the bytes of the line that was read. A token is
// unguessable, used once, and forgotten after BlobTTL if no call claims it.

// BlobThreshold is the length from which a string argument travels aside.
const BlobThreshold = 256 << 10

// BlobTTL is how long an unclaimed large argument is kept.
const BlobTTL = 2 * time.Minute

// blobPrefix starts every token; the random part is per process.
var blobPrefix = "leiga-mcp-blob-" + rand.Text()[:16] + "-"

// blob is one large argument: the JSON string literal as read (quotes and
// escapes included) and when it was put aside.
type blob struct {
	literal []byte
	put     time.Time
}

var blobs struct {
	sync.Mutex
	m   map[string]blob
	seq atomic.Uint64
}

// PutBlob keeps a JSON string literal (with its quotes) and returns the
// token that stands for it.
func PutBlob(literal []byte) string {
	token := blobPrefix + strconv.FormatUint(blobs.seq.Add(1), 10)
	now := time.Now()
	blobs.Lock()
	defer blobs.Unlock()
	if blobs.m == nil {
		blobs.m = map[string]blob{}
	}
	for k, b := range blobs.m {
		if now.Sub(b.put) > BlobTTL {
			delete(blobs.m, k)
		}
	}
	blobs.m[token] = blob{literal: literal, put: now}
	return token
}

// takeBlob returns the string a token stands for, once.
func takeBlob(token string) (string, bool) {
	blobs.Lock()
	b, ok := blobs.m[token]
	delete(blobs.m, token)
	blobs.Unlock()
	if !ok {
		return "", false
	}
	inner := b.literal[1 : len(b.literal)-1]
	if bytes.IndexByte(inner, '\\') < 0 {
		// No escapes: the string shares the bytes read from the client.
		return unsafe.String(unsafe.SliceData(inner), len(inner)), true
	}
	n := node{kind: kString, raw: b.literal}
	return n.text(), true
}

// restoreBlobs puts large arguments back into a decoded argument object.
func restoreBlobs(doc any) {
	obj, ok := doc.(map[string]any)
	if !ok {
		return
	}
	for k, v := range obj {
		if s, ok := v.(string); ok && strings.HasPrefix(s, blobPrefix) {
			if real, ok := takeBlob(s); ok {
				obj[k] = real
			}
		}
	}
}
