package tools

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
	"github.com/mark3labs/mcp-go/mcp"
)

// upstream is one request a tool sent to the sandbox: method, path and
// JSON body.
type upstream struct {
	Method, Path string
	Body         any
}

// bulkRecorder passes requests to the sandbox and records them.
type bulkRecorder struct {
	next http.RoundTripper
	mu   sync.Mutex
	got  []upstream
}

// RoundTrip implements http.RoundTripper.
func (r *bulkRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var body any
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, err
		}
		req.Body = io.NopCloser(bytes.NewReader(b))
		if len(b) > 0 {
			_ = json.Unmarshal(b, &body)
		}
	}
	r.mu.Lock()
	r.got = append(r.got, upstream{req.Method, strings.TrimPrefix(req.URL.Path, "/openapi/api"), body})
	r.mu.Unlock()
	return r.next.RoundTrip(req)
}

// writes returns the recorded requests that change something.
func (r *bulkRecorder) writes() []upstream {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []upstream
	for _, u := range r.got {
		if u.Method == "PATCH" || u.Method == "DELETE" || u.Method == "POST" && !strings.Contains(u.Path, "page") && !strings.Contains(u.Path, "list") {
			out = append(out, u)
		}
	}
	return out
}

// reset forgets what was recorded.
func (r *bulkRecorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = nil
}

// newRecordedDeps is newSandboxDeps with every upstream request recorded.
func newRecordedDeps(t *testing.T) (*sandbox.Sandbox, *toolkit.Deps, *bulkRecorder) {
	t.Helper()
	sb, err := sandbox.New(sandbox.Options{Now: func() time.Time { return sandboxNow }})
	if err != nil {
		t.Fatal(err)
	}
	rec := &bulkRecorder{next: sb.Transport()}
	api, err := leigaapi.New(leigaapi.Options{
		BaseURL: "https://sandbox.invalid/openapi/api", Tokens: auth.NewStaticToken(sandbox.StaticToken),
		HTTPClient: &http.Client{Transport: rec}, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := resolve.New(api, resolve.Options{Me: fmt.Sprint(sandbox.DemoUserAlice), Location: time.UTC, Now: func() time.Time { return sandboxNow }})
	return sb, &toolkit.Deps{API: api, Resolver: r, Location: time.UTC}, rec
}

// jsonOf is v as generic JSON, to compare with recorded bodies.
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// The demo ids the bulk tests use.
const (
	webBug, webStory = 3, 1 // issue types
	webInProgress    = 22   // WEB's In Progress status
	webSprint13      = 213  // WEB's next sprint
	web2, web8       = 10016, 10022
	web4, web1       = 10018, 10015
	web12            = 10026 // a done bug
)

// mixedArgs select two bugs and a story that can move to In Progress, a
// story already there, and a done bug whose workflow does not allow it.
const mixedArgs = `{"issues":["WEB-2","WEB-8","WEB-4","WEB-12","WEB-1"],"set":{"status":"In Progress","sprint":"next","assignee":"Carol"}`

// mixedRows is what mixedArgs does to each issue.
var (
	mixedBugs = []bulkRow{
		{Number: "WEB-2", Title: "Coupon field accepts expired codes", Changes: map[string]string{"status": "To Do → In Progress", "sprint": "Sprint 12 → Sprint 13", "assignee": "David Okafor → Carol Nguyen"}},
		{Number: "WEB-8", Title: "Search returns no results for accented characters", Changes: map[string]string{"status": "To Do → In Progress", "sprint": "none → Sprint 13", "assignee": "none → Carol Nguyen"}},
	}
	mixedWeb4    = bulkRow{Number: "WEB-4", Title: "Saved payment methods", Changes: map[string]string{"status": "To Do → In Progress"}}
	mixedWeb1    = bulkRow{Number: "WEB-1", Title: "One-page checkout", Changes: map[string]string{"sprint": "Sprint 12 → Sprint 13"}}
	mixedRefused = []bulkRow{{Number: "WEB-12", Title: "500 error when the cart holds more than 100 items",
		Reason: `status: WEB-12 cannot move from "Done" to "In Progress"; allowed next statuses: To Do (move through them one step at a time)`}}
	// mixedWrites are the requests mixedArgs sends: the two bugs take the
	// same data in one batch, the stories one update each.
	mixedWrites = []upstream{
		{"PATCH", "/issue/batch-update", map[string]any{"projectId": sandbox.DemoProjectWeb, "issueTypeId": webBug, "issueIds": []int64{web2, web8},
			"data": map[string]any{"status": webInProgress, "sprint": webSprint13, "assignee": sandbox.DemoUserCarol}}},
		{"PATCH", "/issue/update", map[string]any{"id": web4, "data": map[string]any{"status": webInProgress}}},
		{"PATCH", "/issue/update", map[string]any{"id": web1, "data": map[string]any{"sprint": webSprint13}}},
	}
)

func TestBulkUpdatePreviewThenApply(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	var preview bulkResult
	res := runTool(t, d, "bulk_update_issues", mixedArgs+`}`, &preview)
	want := bulkResult{
		DryRun: true, Selected: 5,
		WillChange: append(append([]bulkRow{}, mixedBugs...), mixedWeb4, mixedWeb1),
		Writes: []writeShown{
			{Request: "PATCH /issue/batch-update", Issues: []string{"WEB-2", "WEB-8"}},
			{Request: "PATCH /issue/update", Issues: []string{"WEB-4"}},
			{Request: "PATCH /issue/update", Issues: []string{"WEB-1"}},
		},
		Refused: mixedRefused,
	}
	if !reflect.DeepEqual(preview, want) {
		t.Fatalf("preview\n got %+v\nwant %+v", preview, want)
	}
	for _, s := range []string{"Dry run: nothing was changed. 4 of 5 selected issues would change in 3 requests (1 batched); 1 refused: WEB-12.", "dry_run=false"} {
		if !strings.Contains(text(res), s) {
			t.Errorf("preview text lacks %q:\n%s", s, text(res))
		}
	}
	if w := rec.writes(); len(w) != 0 {
		t.Fatalf("a preview wrote: %+v", w)
	}

	var applied bulkResult
	res = runTool(t, d, "bulk_update_issues", mixedArgs+`,"dry_run":false}`, &applied)
	want = bulkResult{Selected: 5, Changed: append(append([]bulkRow{}, mixedBugs...), mixedWeb4, mixedWeb1), Refused: mixedRefused}
	if !reflect.DeepEqual(applied, want) {
		t.Fatalf("apply\n got %+v\nwant %+v", applied, want)
	}
	if !strings.Contains(text(res), "Changed 4 of 5 selected issues in 3 requests; 1 refused: WEB-12.") {
		t.Errorf("apply text:\n%s", text(res))
	}
	if got, want := jsonOf(t, rec.writes()), jsonOf(t, mixedWrites); !reflect.DeepEqual(got, want) {
		t.Errorf("upstream writes\n got %v\nwant %v", got, want)
	}
	for id, want := range map[string][3]int64{
		"10016": {webInProgress, webSprint13, sandbox.DemoUserCarol}, "10022": {webInProgress, webSprint13, sandbox.DemoUserCarol},
		"10018": {webInProgress, webSprint13, sandbox.DemoUserCarol}, "10015": {webInProgress, webSprint13, sandbox.DemoUserCarol},
		"10026": {24, 211, sandbox.DemoUserDavid}, // refused: as it was
	} {
		got := issueData(t, d, id)
		if have := [3]int64{got.id("statusId"), got.id("sprintId"), got.id("assigneeId")}; have != want {
			t.Errorf("issue %s: status, sprint, assignee = %v, want %v", id, have, want)
		}
	}

	// Applying again changes nothing: every value is already there.
	rec.reset()
	var again bulkResult
	runTool(t, d, "bulk_update_issues", mixedArgs+`,"dry_run":false}`, &again)
	if len(again.Changed) != 0 || len(again.Unchanged) != 4 || len(again.Refused) != 1 || len(rec.writes()) != 0 {
		t.Errorf("second apply: %+v, writes %+v", again, rec.writes())
	}
	if again.Unchanged[0].Reason != "already status In Progress, sprint Sprint 13, assignee Carol Nguyen" {
		t.Errorf("unchanged reason %q", again.Unchanged[0].Reason)
	}
}

func TestBulkUpdateByFiltersIsOnePreviewAndOneApply(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	// Two open bugs about checkout in WEB, one unassigned in the backlog,
	// one David's in the current sprint.
	var made struct{ Number string }
	runTool(t, d, "create_issue", `{"project":"WEB","type":"bug","title":"Checkout button does nothing on Safari","check_duplicates":false}`, &made)
	first := made.Number
	runTool(t, d, "create_issue", `{"project":"WEB","type":"bug","title":"Checkout total ignores the gift card","assignee":"David","sprint":"current","check_duplicates":false}`, &made)
	second := made.Number
	rec.reset()

	// "Move all open bugs about checkout in WEB to the next sprint and assign them to Carol."
	args := `{"project":"WEB","type":["Bug"],"status":["open"],"text":"checkout","set":{"sprint":"next","assignee":"Carol"}`
	var preview bulkResult
	res := runTool(t, d, "bulk_update_issues", args+`}`, &preview)
	if !strings.Contains(text(res), "Dry run: nothing was changed. 2 of 2 selected issues would change in 1 request (1 batched).") {
		t.Errorf("preview text:\n%s", text(res))
	}
	if preview.Selected != 2 || len(preview.WillChange) != 2 || len(preview.Writes) != 1 || preview.Writes[0].Request != "PATCH /issue/batch-update" {
		t.Fatalf("preview %+v", preview)
	}
	var applied bulkResult
	res = runTool(t, d, "bulk_update_issues", args+`,"dry_run":false}`, &applied)
	if !strings.Contains(text(res), "Changed 2 of 2 selected issues in 1 request.") {
		t.Errorf("apply text:\n%s", text(res))
	}
	if len(applied.Changed) != 2 {
		t.Fatalf("apply %+v", applied)
	}
	writes := rec.writes()
	if len(writes) != 1 || writes[0].Path != "/issue/batch-update" {
		t.Fatalf("writes %+v", writes)
	}
	body := writes[0].Body.(map[string]any)
	if !reflect.DeepEqual(body["data"], jsonOf(t, map[string]any{"sprint": webSprint13, "assignee": sandbox.DemoUserCarol})) {
		t.Errorf("batch data %v", body["data"])
	}
	for _, n := range []string{first, second} {
		got := apiData(t, d, "GET", "/issue/get-by-issue-number", map[string][]string{"issueNumber": {n}}, nil)
		if got.id("sprintId") != webSprint13 || got.id("assigneeId") != sandbox.DemoUserCarol {
			t.Errorf("%s: sprint %d, assignee %d", n, got.id("sprintId"), got.id("assigneeId"))
		}
	}
}

func TestBulkUpdateRefusesMoreThan100(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	var numbers []string
	for batch := range 2 {
		var datas []map[string]any
		for i := range 60 {
			datas = append(datas, map[string]any{"summary": fmt.Sprintf("Load test issue %d: %s", batch*60+i, strings.Repeat("a rather long title ", 6))})
		}
		apiData(t, d, "POST", "/issue/batch-add", nil, map[string]any{"projectId": sandbox.DemoProjectOps, "issueTypeId": 2, "datas": datas})
	}
	for n := 10; n <= 110; n++ {
		numbers = append(numbers, fmt.Sprintf("OPS-%d", n))
	}
	list, _ := json.Marshal(numbers)
	rec.reset()
	for _, tt := range []struct{ args, want string }{
		{`{"project":"OPS","text":"load test","set":{"priority":"Low"}}`,
			`120 issues match project OPS, words "load test": bulk_update_issues takes at most 100 per call; narrow the filter (project, type, status, sprint, assignee, labels) or give the issue numbers`},
		{`{"project":"OPS","text":"load test","set":{"priority":"Low"},"dry_run":false}`, `120 issues match`},
		{`{"issues":` + string(list) + `,"set":{"priority":"Low"}}`, `101 issues given: bulk_update_issues takes at most 100 per call; split them into several calls`},
	} {
		if msg := toolError(t, d, "bulk_update_issues", tt.args); !strings.Contains(msg, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.args, msg, tt.want)
		}
	}
	if w := rec.writes(); len(w) != 0 {
		t.Errorf("refused calls wrote: %+v", w)
	}
	// 100 is allowed, and every issue is in the answer, whatever its size.
	var preview bulkResult
	res := runTool(t, d, "bulk_update_issues", `{"issues":`+strings.Replace(string(list), `"OPS-10",`, "", 1)+
		`,"set":{"priority":"Low","assignee":"David Okafor","sprint":"current","add_labels":["infra","security","monitoring"],"due":"2026-12-31"}}`, &preview)
	if preview.Selected != 100 || len(preview.WillChange) != 100 || len(preview.Writes) != 1 || strings.Contains(text(res), "truncated") {
		t.Errorf("100 issues: selected %d, will change %d, writes %+v\n%.500s", preview.Selected, len(preview.WillChange), preview.Writes, text(res))
	}
	if row := preview.WillChange[0]; len(row.Changes) != 5 || row.Title != "Load test issue 1: a rather long title a rather long title…" {
		t.Errorf("row %+v", row)
	}
}

func TestBulkUpdateFailureMidway(t *testing.T) {
	tests := []struct {
		name    string
		fault   sandbox.Faults
		want    bulkResult
		sent    []upstream
		applied map[string]int64 // issue id -> status afterwards
		notes   []string
	}{{
		name:  "unknown outcome stops the run",
		fault: sandbox.Faults{Status: 500, Count: 1, PathPrefix: "/issue/update"},
		want: bulkResult{Selected: 5, Changed: mixedBugs, Refused: mixedRefused,
			Unknown:      []bulkRow{withReason(mixedWeb4, "Leiga PATCH /issue/update failed: HTTP 500, code 500: Internal Server Error: it may or may not have been applied; read it back (get_issue) before trying again")},
			NotAttempted: []bulkRow{mixedWeb1}},
		sent:    mixedWrites[:2],
		applied: map[string]int64{"10016": webInProgress, "10022": webInProgress, "10018": 21, "10015": webInProgress},
		notes:   []string{"Changed 2 of 5 selected issues in 2 requests", "Stopped after a failure; nothing was retried. Unknown outcome (read back before trying again): WEB-4. Not sent: WEB-1."},
	}, {
		name:  "a refusal is reported and the run goes on",
		fault: sandbox.Faults{Status: 400, Count: 1, PathPrefix: "/issue/update"},
		want: bulkResult{Selected: 5, Changed: append(append([]bulkRow{}, mixedBugs...), mixedWeb1), Refused: mixedRefused,
			Failed: []bulkRow{withReason(mixedWeb4, "Leiga PATCH /issue/update failed: HTTP 400, code 400: Bad Request")}},
		sent:    mixedWrites,
		applied: map[string]int64{"10016": webInProgress, "10022": webInProgress, "10018": 21, "10015": webInProgress},
		notes:   []string{"Changed 3 of 5 selected issues in 3 requests", "1 refused by Leiga and not changed: WEB-4."},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb, d, rec := newRecordedDeps(t)
			runTool(t, d, "bulk_update_issues", mixedArgs+`}`, nil) // warm the names: the fault hits only the writes
			rec.reset()
			sb.SetFaults(tt.fault)
			res := call(t, d, "bulk_update_issues", mixedArgs+`,"dry_run":false}`)
			sb.SetFaults(sandbox.Faults{})
			if !res.IsError {
				t.Errorf("a partial apply is not flagged isError:\n%s", text(res))
			}
			var got bulkResult
			b, _ := json.Marshal(res.StructuredContent)
			if err := json.Unmarshal(b, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("result\n got %+v\nwant %+v", got, tt.want)
			}
			if got, want := jsonOf(t, rec.writes()), jsonOf(t, tt.sent); !reflect.DeepEqual(got, want) {
				t.Errorf("upstream writes (each sent once, none retried)\n got %v\nwant %v", got, want)
			}
			for id, status := range tt.applied {
				if got := issueData(t, d, id).id("statusId"); got != status {
					t.Errorf("issue %s: status %d, want %d", id, got, status)
				}
			}
			for _, n := range tt.notes {
				if !strings.Contains(text(res), n) {
					t.Errorf("text lacks %q:\n%s", n, text(res))
				}
			}
		})
	}
}

func TestBulkUpdateRefusals(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	for _, tt := range []struct{ args, want string }{
		{`{"project":"WEB","set":{}}`, "set: nothing to change"},
		{`{"issues":["WEB-1"],"project":"WEB","set":{"priority":"Low"}}`, "give either issues (numbers) or filters, not both"},
		{`{"set":{"priority":"Low"}}`, "select the issues: give issues (numbers) or at least one filter"},
		{`{"issues":["WEB-1","WEB-99"],"set":{"priority":"Low"}}`, `no issue matches "WEB-99"`},
		{`{"project":"WEB","status":["open"],"set":{"sprint":"Sprint 99"}}`, `sprint: no sprint matches "Sprint 99"`},
		{`{"project":"WEB","status":["open"],"set":{"assignee":"Frank"}}`, `in WEB: assignee: no member matches "Frank" in project WEB`},
		{`{"project":"WEB","status":["open"],"set":{"status":"Shipped"}}`, `status: no status matches "Shipped"`},
		{`{"project":"WEB","status":["open"],"set":{"add_labels":["nope"]}}`, `add_labels: no tag matches "nope"`},
		{`{"project":"WEB","status":["open"],"set":{"due":"someday"}}`, "due: cannot read date"},
		{`{"project":"WEB","status":["open"],"set":{"sprint":"previous"}}`, `sprint "Sprint 11" is closed`},
	} {
		if msg := toolError(t, d, "bulk_update_issues", tt.args); !strings.Contains(msg, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.args, msg, tt.want)
		}
	}
	if w := rec.writes(); len(w) != 0 {
		t.Errorf("refused calls wrote: %+v", w)
	}
	var none bulkResult
	res := runTool(t, d, "bulk_update_issues", `{"project":"WEB","text":"quantum","set":{"priority":"Low"}}`, &none)
	if none.Selected != 0 || !strings.Contains(text(res), `No issues match project WEB, words "quantum": nothing to change.`) {
		t.Errorf("empty selection: %s", text(res))
	}
}

func TestBulkUpdateLabelsAndDue(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	var out bulkResult
	runTool(t, d, "bulk_update_issues", `{"issues":["WEB-5","WEB-2"],"set":{"add_labels":["ux","bug"],"remove_labels":["performance"],"due":"2026-11-20"},"dry_run":false}`, &out)
	want := []bulkRow{
		{Number: "WEB-5", Title: "Product images load twice on slow connections", Changes: map[string]string{"labels": "bug, frontend, performance → bug, frontend, ux", "due": "none → 2026-11-20"}},
		{Number: "WEB-2", Title: "Coupon field accepts expired codes", Changes: map[string]string{"labels": "bug, backend → bug, backend, ux", "due": "none → 2026-11-20"}},
	}
	if !reflect.DeepEqual(out.Changed, want) {
		t.Fatalf("changed\n got %+v\nwant %+v", out.Changed, want)
	}
	// Labels differ per issue: one update each, never a batch.
	sent := jsonOf(t, rec.writes())
	wantSent := jsonOf(t, []upstream{
		{"PATCH", "/issue/update", map[string]any{"id": 10019, "data": map[string]any{"label": []int64{511, 512, 514}, "dueDate": dayMs("2026-11-20")}}},
		{"PATCH", "/issue/update", map[string]any{"id": web2, "data": map[string]any{"label": []int64{511, 513, 514}, "dueDate": dayMs("2026-11-20")}}},
	})
	if !reflect.DeepEqual(sent, wantSent) {
		t.Errorf("writes\n got %v\nwant %v", sent, wantSent)
	}
}

func TestBulkConfirmAboveTen(t *testing.T) {
	_, d, rec := newRecordedDeps(t)
	tool, _ := testRegistry().Tool("bulk_update_issues")
	for _, tt := range []struct{ args, want string }{
		{`{"project":"WEB","set":{"priority":"Low"}}`, ""}, // a preview
		{`{"project":"WEB","status":["open"],"set":{"priority":"Low"},"dry_run":false}`, ""},
		{`{"project":"WEB","set":{"priority":"Low","assignee":"me"},"dry_run":false}`, "Change 11 issues (WEB-5, WEB-13, WEB-1, …): assignee → Alice Chen, priority → Low?"},
	} {
		if got := summaryOf(t, d, tool, tt.args); got != tt.want {
			t.Errorf("%s: summary %q, want %q", tt.args, got, tt.want)
		}
	}
	if w := rec.writes(); len(w) != 0 {
		t.Errorf("summaries wrote: %+v", w)
	}
}

// recordingConfirmer records the question a call would ask and stops it.
type recordingConfirmer struct {
	asked bool
	line  string
	err   error
}

// Confirm implements toolkit.Confirmer.
func (c *recordingConfirmer) Confirm(_ context.Context, _ *toolkit.Tool, _ json.RawMessage, summary func() (string, error)) *mcp.CallToolResult {
	c.asked = true
	c.line, c.err = summary()
	return mcp.NewToolResultError("stopped for the test")
}

// summaryOf returns the question a call of tool with args would ask ("":
// none); the call itself never runs.
func summaryOf(t *testing.T, d *toolkit.Deps, tool *toolkit.Tool, args string) string {
	t.Helper()
	c := &recordingConfirmer{}
	dd := *d
	dd.Confirmer = c
	res := tool.Call(t.Context(), &dd, json.RawMessage(args))
	if c.err != nil {
		t.Fatalf("summary: %v", c.err)
	}
	if !c.asked || text(res) != "stopped for the test" {
		t.Fatalf("%s %s was not stopped for confirmation: %s", tool.Name, args, text(res))
	}
	return c.line
}
