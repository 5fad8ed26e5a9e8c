package toolkit

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestResultShapes pins the text a model reads for each shape of answer.
func TestResultShapes(t *testing.T) {
	d := &Deps{Location: time.UTC}
	tests := []struct {
		name, data, want string
	}{
		{"object: identity first, empties left out, data map adds what the top lacks, VO names, labelled list, hidden phone",
			`{"summary":"Crash","id":7,"issueNumber":"ABC-7","assigneeId":1002,"assigneeName":"Bob","phoneNumber":"enc:xx","statusType":3,"tags":[],"parentId":null,"dueDate":1764460800000,
			  "data":{"summary":"Crash","followsVO":[{"id":1,"name":"Alice"}],"follows":[1],"customfield_3":null,"assignee":1002,"assigneeVO":{"id":1002,"name":"Bob"}}}`,
			"id: 7\nissueNumber: ABC-7\nsummary: Crash\nassigneeId: 1002\nassigneeName: Bob\nstatusType: 3 (in progress)\ndueDate: 2025-11-30\nfollows: Alice"},
		{"nested {id,name} object shows its name; other objects go one level down",
			`{"id":1,"name":"Sprint 12","owner":{"id":5,"name":"Carol"},"stats":{"open":3,"done":2}}`,
			"id: 1\nname: Sprint 12\nowner: Carol\nstats.open: 3\nstats.done: 2"},
		{"page: fields, then a table in a stable column order",
			`{"total":2,"list":[{"summary":"A","id":1,"tags":[{"id":4,"tagName":"bug"}]},{"id":2,"summary":"B","assignee":{"id":9,"name":"Dan"}}]}`,
			"total: 2\n\n| id | summary | tags | assignee |\n|---|---|---|---|\n| 1 | A | bug |  |\n| 2 | B |  | Dan |\n\n2 rows in all."},
		{"empty page: no table, never \"(no rows)\"",
			`{"total":0,"list":[]}`, "total: 0\n\n0 rows in all."},
		{"array of objects without names: a labelled sub-table",
			`{"id":3,"rows":[{"day":"mon","hours":2},{"day":"tue","hours":1}]}`,
			"id: 3\nrows:\n| day | hours |\n|---|---|\n| mon | 2 |\n| tue | 1 |"},
		{"a record of plain values in a cell reads as key: value; a nested one stays JSON",
			`{"rows":[{"number":"A-1","changes":{"priority":"Low → High","due":"none → 2026-12-04"}},{"number":"A-2","changes":{"labels":{"add":["x"]}}}]}`,
			"rows:\n| number | changes |\n|---|---|\n| A-1 | priority: Low → High; due: none → 2026-12-04 |\n| A-2 | {\"labels\":{\"add\":[\"x\"]}} |"},
		{"bare array", `[{"id":1,"name":"a"}]`, "| id | name |\n|---|---|\n| 1 | a |"},
		{"scalar", `true`, "result: true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := DataResult(context.Background(), d, nil, json.RawMessage(tt.data))
			got := ""
			for _, c := range res.Content {
				if b, err := json.Marshal(c); err == nil {
					var tc struct{ Text string }
					json.Unmarshal(b, &tc)
					got = tc.Text
				}
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			b, _ := json.Marshal(res.StructuredContent)
			if strings.Contains(string(b), "enc:xx") || !json.Valid(b) {
				t.Errorf("structured content %s", b)
			}
		})
	}
}
