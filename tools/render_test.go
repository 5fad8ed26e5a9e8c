package tools

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

func TestRenderedResults(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	rows25 := make([]string, 25)
	for i := range rows25 {
		rows25[i] = fmt.Sprintf(`{"id":%d,"summary":"Row, %d"}`, i+1, i+1)
	}
	tests := []struct {
		name, reply, args string
		want              []string
		notWant           []string
	}{
		{"page as markdown table with dates and tag names",
			`{"total":3,"list":[{"id":1,"summary":"Crash","dueDate":1764457200000,"createTime":1764495900000,"tags":[{"id":4,"tagName":"bug"},{"id":5,"tagName":"ios"}],"empty":null}]}`,
			`{"projectId":1}`,
			[]string{"total: 3", "| id | summary | dueDate | createTime | tags |", "| 1 | Crash | 2025-11-30 | 2025-11-30 10:45 | bug, ios |", "Page 1: rows 1-1 of 3. More: call again with pageNumber=2."},
			[]string{"empty"}},
		{"long page as CSV",
			`{"total":25,"list":[` + strings.Join(rows25, ",") + `]}`, `{"projectId":1}`,
			[]string{"id,summary\n1,\"Row, 1\"\n", "25,\"Row, 25\""}, []string{"|"}},
		{"fields selector keeps only the chosen columns",
			`{"total":1,"list":[{"id":1,"summary":"Crash","statusName":"To Do"}]}`, `{"projectId":1,"fields":["summary"]}`,
			[]string{"| summary |", "| Crash |"}, []string{"statusName", "To Do"}},
		{"unknown field names the valid ones",
			`{"total":1,"list":[{"id":1,"summary":"Crash"}]}`, `{"projectId":1,"fields":["sumary"]}`,
			[]string{`unknown field "sumary" in fields; the rows have: id, summary`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, d := newFake(t)
			d.Location = berlin
			f.replies["POST /issue/page"] = `{"code":"0","msg":"ok","data":` + tt.reply + `}`
			res := call(t, d, "issue_page", tt.args)
			out := text(res)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("text lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("text has %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestFieldsAreNotSentUpstream(t *testing.T) {
	f, d := newFake(t)
	call(t, d, "issue_page", `{"projectId":1,"fields":["summary"]}`)
	call(t, d, "org_all_member_list", `{"fields":["userName"]}`)
	got := f.requests()
	if strings.Contains(got[0].Body, "fields") || strings.Contains(got[1].Query, "fields") {
		t.Errorf("fields leaked upstream: body %s, query %s", got[0].Body, got[1].Query)
	}
}

func TestResultBudgetTruncatesRows(t *testing.T) {
	f, d := newFake(t)
	d.ResultBudget = 2000
	rows := make([]string, 100)
	for i := range rows {
		rows[i] = fmt.Sprintf(`{"id":%d,"summary":"%s"}`, i+1, strings.Repeat("x", 40))
	}
	f.replies["POST /issue/page"] = `{"code":"0","msg":"ok","data":{"total":500,"list":[` + strings.Join(rows, ",") + `]}}`
	res := call(t, d, "issue_page", `{"projectId":1,"pageSize":100}`)
	sc := structured(t, res)
	kept := len(sc["list"].([]any))
	if kept == 0 || kept >= 100 || len(toolkit.CompactJSON(sc)) > 2000 {
		t.Errorf("kept %d rows, %d bytes", kept, len(toolkit.CompactJSON(sc)))
	}
	want := fmt.Sprintf("Result truncated to %d of 100 rows", kept)
	if !strings.Contains(text(res), want) || !strings.Contains(text(res), "pageNumber=2") {
		t.Errorf("text lacks the truncation and next-page notes:\n%s", text(res))
	}
}
