package toolkit

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// TestAssignMatchesEncodingJSON: decoding from the validated document
// gives exactly what encoding/json gives from the raw arguments.
func TestAssignMatchesEncodingJSON(t *testing.T) {
	tests := []struct {
		input any
		args  string
	}{
		{schemas.IssueAdd{}, `{"projectId":1,"issueTypeId":2,"data":{"summary":"A","label":[3,4],"dueDate":1764460800000,"customfield_3":{"x":[1,"y"]},"assignee":null}}`},
		{schemas.SearchIssues{}, `{"text":"login","project":"WEB","status":["open"],"page":2,"page_size":5,"sprint":"none"}`},
		{schemas.LogWork{}, `{"issue":"WEB-1","hours":1.5,"date":"friday","dry_run":true}`},
		{schemas.CreateIssue{}, `{"project":"WEB","title":"T","check_duplicates":false,"labels":["a"],"points":3}`},
		{schemas.LeigaCallTool{}, `{"name":"issue_get","arguments":{"id":7,"nested":{"a":[1,2]}}}`},
		{schemas.IssuePage{}, `{"projectId":1,"dateFields":{"dueDate":[null,1764460800000]},"selectFields":{"status":[1,2]},"statusTypes":[2]}`},
		{schemas.UpdateIssue{}, `{"issue":"WEB-1","fields":{"Severity":"Major","Estimate":"4h","Owners":["a","b"]}}`},
	}
	for _, tt := range tests {
		tool := &Tool{Name: "t", Input: tt.input, input: &inputSchema{}}
		tool.inputType = reflect.TypeOf(tt.input)
		tool.customDecode = hasCustomDecoding(tool.inputType)
		raw, doc, err := tool.validateArgs(json.RawMessage(tt.args), coercer{loc: time.UTC, now: time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%T: %v", tt.input, err)
		}
		if tool.customDecode {
			t.Errorf("%T falls back to encoding/json", tt.input)
		}
		got := reflect.New(tool.inputType)
		if err := assign(got.Elem(), doc); err != nil {
			t.Fatalf("%T: assign: %v", tt.input, err)
		}
		want := reflect.New(tool.inputType)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(want.Interface()); err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got.Interface())
		w, _ := json.Marshal(want.Interface())
		if !bytes.Equal(g, w) {
			t.Errorf("%T:\nassign %s\njson   %s", tt.input, g, w)
		}
	}
}
