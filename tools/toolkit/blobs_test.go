package toolkit

import (
	"strings"
	"testing"
)

// TestBlobsComeBackOnce: a token becomes its value once, escapes decoded;
// an unknown or used token stays as it is.
func TestBlobsComeBackOnce(t *testing.T) {
	plain := PutBlob([]byte(`"` + strings.Repeat("ab", 10) + `"`))
	escaped := PutBlob([]byte(`"line\nnext \u00e9"`))
	doc := map[string]any{"a": plain, "b": escaped, "c": blobPrefix + "999999", "d": 3}
	restoreBlobs(doc)
	if doc["a"] != strings.Repeat("ab", 10) || doc["b"] != "line\nnext é" || doc["c"] != blobPrefix+"999999" || doc["d"] != 3 {
		t.Errorf("restored %v", doc)
	}
	again := map[string]any{"a": plain}
	restoreBlobs(again)
	if again["a"] != plain {
		t.Errorf("a token was used twice: %v", again)
	}
}
