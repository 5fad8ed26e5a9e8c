package tools

import (
	"strings"
	"testing"
)

func TestUpdateIssueFieldsByNameAndNoOps(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var out struct {
		Unchanged bool
		Changed   map[string]struct{ From, To any }
	}
	res := runTool(t, d, "update_issue", `{"issue":"MOBILE-3","points":5,"fields":{"severity":"major","Start Date":"2026-11-02"}}`, &out)
	if out.Unchanged || out.Changed["points"].To != float64(5) || out.Changed["points"].From != float64(8) || out.Changed["fields.Severity"].To != "Major" {
		t.Fatalf("changed %+v\n%s", out.Changed, text(res))
	}
	got := issueData(t, d, "10003")
	if got.obj("data").id("customfield_15") == 0 {
		t.Errorf("severity not set: %v", got.obj("data"))
	}
	if pts, _ := got.num("estimatePoint"); pts != 5 {
		t.Errorf("points = %v, want 5", pts)
	}
	before := writes(sb)["PATCH /issue/update"]
	out.Changed, out.Unchanged = nil, false
	res = runTool(t, d, "update_issue", `{"issue":"MOBILE-3","points":5,"priority":"High","assignee":"bob"}`, &out)
	if !out.Unchanged || len(out.Changed) != 0 || !strings.Contains(text(res), "Nothing was changed") || !strings.Contains(text(res), "points is already 5") {
		t.Errorf("a no-op reported as %+v\n%s", out, text(res))
	}
	if n := writes(sb)["PATCH /issue/update"]; n != before {
		t.Errorf("a no-op was sent: %d updates, before %d", n, before)
	}
	for args, want := range map[string]string{
		`{"issue":"MOBILE-3","fields":{"Sevrity":"Major"}}`:  `no field matches "Sevrity"`,
		`{"issue":"MOBILE-3","fields":{"Severity":"Huge"}}`:  `no option matches "Huge" of Severity. Valid options: Critical, Major, Minor, Trivial`,
		`{"issue":"MOBILE-3","fields":{"Story Points":"x"}}`: `fields.Story Points: want a number`,
	} {
		if msg := toolError(t, d, "update_issue", args); !strings.Contains(msg, want) {
			t.Errorf("%s: %s\nwant %q", args, msg, want)
		}
	}
}
