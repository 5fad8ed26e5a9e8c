package toolkit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestParseTreeKeepsOrderAndCleans(t *testing.T) {
	tests := []struct {
		name, in, want string
		dirty          bool
	}{
		{"order kept", `{"b":1,"a":[true,null,"x"],"c":{"z":1.5e3,"y":-2}}`, `{"b":1,"a":[true,null,"x"],"c":{"z":1.5e3,"y":-2}}`, false},
		{"escaped invisible removed", `{"s":"a\u200bb\u0007c"}`, `{"s":"abc"}`, true},
		{"literal invisible removed", "{\"s\":\"a\u200bb\"}", `{"s":"ab"}`, true},
		{"line breaks kept", `{"s":"a\nb\tc"}`, `{"s":"a\nb\tc"}`, false},
		{"surrogate pair kept", `{"s":"\ud83d\ude00"}`, `{"s":"\ud83d\ude00"}`, false},
		{"whitespace dropped", " { \"a\" : [ 1 , 2 ] } ", `{"a":[1,2]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, dirty, err := parseTree([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if dirty != tt.dirty {
				t.Errorf("dirty = %t, want %t", dirty, tt.dirty)
			}
			n.raw = nil // force serialising
			if got := string(appendJSON(nil, &n)); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseTreeRefusesMalformedJSON(t *testing.T) {
	for _, in := range []string{`{`, `{"a":}`, `[1,]`, `{"a":1}x`, `"\x"`, `01`, `{"a" 1}`, `-`, `1.`, `1e`, strings.Repeat("[", maxDepth+1) + strings.Repeat("]", maxDepth+1)} {
		if _, _, err := parseTree([]byte(in)); err == nil {
			t.Errorf("%q parsed", in)
		}
	}
}

// FuzzParseTree checks the tree reader against encoding/json: it accepts
// what json.Valid accepts (within its depth bound), and a clean document
// serialises to its compact form.
func FuzzParseTree(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\u0000"}],"d":null}`, `[]`, `"x"`, `{"k":"\ud800"}`, "{\"s\":\"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		n, dirty, err := parseTree(in)
		valid := json.Valid(in)
		if err == nil && !valid && len(bytes.TrimSpace(in)) > 0 {
			t.Fatalf("parsed invalid JSON %q", in)
		}
		if err != nil {
			if valid && !bytes.Contains(in, []byte(strings.Repeat("[", 50))) && !bytes.Contains(in, []byte(strings.Repeat("{", 50))) {
				t.Fatalf("refused valid JSON %q: %v", in, err)
			}
			return
		}
		out := appendJSON(nil, &n)
		if !json.Valid(out) && len(bytes.TrimSpace(in)) > 0 {
			t.Fatalf("serialised %q as invalid %q", in, out)
		}
		if !dirty {
			var want bytes.Buffer
			if json.Compact(&want, in) == nil && !bytes.Equal(out, want.Bytes()) {
				t.Fatalf("clean %q serialised as %q, want %q", in, out, want.Bytes())
			}
		}
	})
}
