package leigaapi

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzScanEnvelope checks the fast envelope reader against encoding/json:
// whenever it reads an envelope, it reads what json.Unmarshal reads.
func FuzzScanEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"code":"0","msg":"ok","data":{"a":[1,2,{"b":"}"}]}}`,
		`{"data":null,"code":0,"msg":"x"}`,
		`{"code":"1","code":"0","msg":"a\\"b","data":"q"}`,
		`{"Code":"0","data":1}`,
		` { "code" : "0" , "data" : [ ] } `,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		body = bytes.TrimSpace(body)
		if len(body) == 0 || body[0] != '{' || !json.Valid(body) {
			return
		}
		var fast, slow Envelope
		if !scanEnvelope(body, &fast) {
			return
		}
		if err := json.Unmarshal(body, &slow); err != nil {
			return
		}
		if fast.CodeString() != slow.CodeString() || fast.Msg != slow.Msg || !bytes.Equal(bytes.TrimSpace(fast.Data), bytes.TrimSpace(slow.Data)) {
			t.Errorf("scan %q: code %q msg %q data %s; json: code %q msg %q data %s", body, fast.CodeString(), fast.Msg, fast.Data, slow.CodeString(), slow.Msg, slow.Data)
		}
	})
}
