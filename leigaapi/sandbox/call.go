package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// Request size limits.
const (
	maxJSONBody  = 1 << 20  // 1 MiB
	maxUploadLen = 20 << 20 // 20 MiB
	maxPageSize  = 1000
)

// call is one parsed API request. Parameter getters record the first
// problem in err; handlers read all their parameters, then call check.
type call struct {
	now         time.Time
	me          int64         // the calling user: the owner of the accessToken (0 on /authorize)
	ttl         time.Duration // lifetime of issued tokens
	permTTL     time.Duration // lifetime of permanent tokens; 0 never expires
	query       url.Values    // GET parameters
	body        map[string]json.RawMessage
	upload      *upload // the multipart "file" part
	err         error   // first parameter error
	issuedToken bool    // the handler issued a token (Stats.TokenRequests)
}

// upload is a file received by /file/upload.
type upload struct {
	name        string
	contentType string
	data        []byte
}

// newCall reads the parameters of r: the query string for GET, the
// multipart form for upload routes, the JSON body otherwise. A malformed
// body is recorded in err, reported after the token check.
func newCall(r *http.Request, rt *route) *call {
	c := &call{}
	switch {
	case r.Method == http.MethodGet:
		c.query = r.URL.Query()
	case rt.multipart:
		c.upload, c.err = readUpload(r)
	default:
		c.body, c.err = readJSONBody(r.Body)
	}
	return c
}

// ms is the request time in epoch milliseconds.
func (c *call) ms() int64 { return c.now.UnixMilli() }

// readJSONBody decodes a JSON object body; an empty body is an empty object.
func readJSONBody(body io.Reader) (map[string]json.RawMessage, error) {
	m := map[string]json.RawMessage{}
	if body == nil {
		return m, nil
	}
	raw, err := io.ReadAll(io.LimitReader(body, maxJSONBody+1))
	if err != nil {
		return m, badRequest("cannot read request body")
	}
	if len(raw) > maxJSONBody {
		return m, badRequest("request body larger than %d bytes", maxJSONBody)
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return m, nil
	}
	if raw[0] != '{' && !bytes.Equal(raw, []byte("null")) {
		return m, badRequest("request body must be a JSON object")
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return map[string]json.RawMessage{}, badRequest("malformed JSON body: %v", err)
	}
	if m == nil {
		m = map[string]json.RawMessage{}
	}
	return m, nil
}

// readUpload returns the multipart part named "file", or nil when there is
// none (the handler then reports "file is required").
func readUpload(r *http.Request) (*upload, error) {
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, badRequest("malformed multipart body: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, badRequest("malformed multipart body: %v", err)
		}
		if part.FormName() != "file" {
			continue
		}
		return readPart(part)
	}
}

// readPart reads one uploaded file part.
func readPart(part *multipart.Part) (*upload, error) {
	data, err := io.ReadAll(io.LimitReader(part, maxUploadLen+1))
	if err != nil {
		return nil, badRequest("malformed multipart body: %v", err)
	}
	if len(data) > maxUploadLen {
		return nil, badRequest("file larger than %d bytes", maxUploadLen)
	}
	name := path.Base(strings.ReplaceAll(part.FileName(), `\`, "/"))
	if name == "." || name == "/" {
		name = "upload"
	}
	ctype := part.Header.Get("Content-Type")
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	return &upload{name: name, contentType: ctype, data: data}, nil
}

// check returns the first parameter error.
func (c *call) check() error { return c.err }

// fail records a 400 error unless one is already recorded.
func (c *call) fail(format string, args ...any) {
	if c.err == nil {
		c.err = badRequest(format, args...)
	}
}

// lookup returns the raw JSON of parameter name. Query values are turned
// into JSON for T: quoted for strings, comma-split for arrays, literal
// otherwise (so "12" is a number and "abc" fails as one).
func lookup[T any](c *call, name string) (json.RawMessage, bool) {
	if c.query == nil {
		raw, ok := c.body[name]
		return raw, ok
	}
	vals, ok := c.query[name]
	if !ok || len(vals) == 0 {
		return nil, false
	}
	var zero T
	switch any(zero).(type) {
	case string:
		b, _ := json.Marshal(vals[0])
		return b, vals[0] != ""
	case []string:
		b, _ := json.Marshal(splitQuery(vals))
		return b, true
	case []int64:
		return json.RawMessage("[" + strings.Join(splitQuery(vals), ",") + "]"), true
	default:
		if vals[0] == "" {
			return nil, false
		}
		return json.RawMessage(vals[0]), true
	}
}

// splitQuery accepts both repeated keys and comma-separated values.
func splitQuery(vals []string) []string {
	var out []string
	for _, v := range vals {
		for part := range strings.SplitSeq(v, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// param reads parameter name as a T. ok is false when it is absent or
// null; a required one then records "name is required", and a value of the
// wrong type records "name must be ...".
func param[T any](c *call, name string, required bool) (v T, ok bool) {
	if c.err != nil {
		return v, false
	}
	raw, present := lookup[T](c, name)
	if !present || isNull(raw) {
		if required {
			c.fail("%s is required", name)
		}
		return v, false
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		c.fail("%s", typeError(name, v, err))
		return v, false
	}
	if required && isEmpty(v) {
		c.fail("%s is required", name)
		return v, false
	}
	return v, true
}

// isNull reports whether raw is the JSON null.
func isNull(raw json.RawMessage) bool {
	return bytes.Equal(bytes.TrimSpace(raw), []byte("null"))
}

// isEmpty reports a blank string or an empty array.
func isEmpty(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v) == ""
	case []int64:
		return len(v) == 0
	case []string:
		return len(v) == 0
	case []map[string]json.RawMessage:
		return len(v) == 0
	}
	return false
}

// typeError names the parameter (and nested field) that has the wrong type.
func typeError(name string, v any, err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s.%s must be %s", name, te.Field, kindName(te.Type.Kind().String()))
	}
	return fmt.Sprintf("%s must be %s", name, describe(v))
}

// describe names the JSON shape a Go value decodes from.
func describe(v any) string {
	switch v.(type) {
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case []int64:
		return "an array of integers"
	case []string:
		return "an array of strings"
	case map[string]json.RawMessage:
		return "an object"
	case []map[string]json.RawMessage:
		return "an array of objects"
	}
	return "valid"
}

// kindName names a reflect kind in JSON terms.
func kindName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"):
		return "an integer"
	case strings.HasPrefix(kind, "float"):
		return "a number"
	case kind == "string":
		return "a string"
	case kind == "bool":
		return "a boolean"
	case kind == "slice", kind == "array":
		return "an array"
	}
	return "an object"
}

// Typed getters: req* record "is required" when the parameter is absent,
// opt* report whether it was present.
func (c *call) reqInt(name string) int64              { v, _ := param[int64](c, name, true); return v }
func (c *call) optInt(name string) (int64, bool)      { return param[int64](c, name, false) }
func (c *call) reqString(name string) string          { v, _ := param[string](c, name, true); return v }
func (c *call) optString(name string) (string, bool)  { return param[string](c, name, false) }
func (c *call) reqBool(name string) bool              { v, _ := param[bool](c, name, true); return v }
func (c *call) optBool(name string) (bool, bool)      { return param[bool](c, name, false) }
func (c *call) reqNumber(name string) float64         { v, _ := param[float64](c, name, true); return v }
func (c *call) optNumber(name string) (float64, bool) { return param[float64](c, name, false) }
func (c *call) reqInts(name string) []int64           { v, _ := param[[]int64](c, name, true); return v }
func (c *call) optInts(name string) []int64           { v, _ := param[[]int64](c, name, false); return v }
func (c *call) optStrings(name string) []string       { v, _ := param[[]string](c, name, false); return v }
func (c *call) reqObject(name string) map[string]json.RawMessage {
	v, _ := param[map[string]json.RawMessage](c, name, true)
	return v
}
func (c *call) optObject(name string) map[string]json.RawMessage {
	v, _ := param[map[string]json.RawMessage](c, name, false)
	return v
}
func (c *call) reqObjects(name string) []map[string]json.RawMessage {
	v, _ := param[[]map[string]json.RawMessage](c, name, true)
	return v
}

// pageReq is a validated pageNumber/pageSize pair.
type pageReq struct{ number, size int64 }

// page reads pageNumber (default 1) and pageSize (default 10).
func (c *call) page() pageReq {
	p := pageReq{number: 1, size: 10}
	if n, ok := c.optInt("pageNumber"); ok {
		if n < 1 {
			c.fail("pageNumber must be at least 1")
		}
		p.number = n
	}
	if s, ok := c.optInt("pageSize"); ok {
		if s < 1 || s > maxPageSize {
			c.fail("pageSize must be between 1 and %d", maxPageSize)
		}
		p.size = s
	}
	return p
}

// descending reads a sort direction parameter: "DESC" (the default) or
// "ASC", in any case.
func (c *call) descending(name string) bool {
	v, ok := c.optString(name)
	switch {
	case !ok || v == "" || strings.EqualFold(v, "DESC"):
		return true
	case strings.EqualFold(v, "ASC"):
		return false
	}
	c.fail("%s must be ASC or DESC", name)
	return true
}
