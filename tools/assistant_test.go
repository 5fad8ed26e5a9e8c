package tools

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/mark3labs/mcp-go/mcp"
)

// runTool calls a workflow tool and decodes its structured result into out
// (when non-nil). It fails the test on an isError result unless wantErr.
func runTool(t *testing.T, d *toolkit.Deps, name, args string, out any) *mcp.CallToolResult {
	t.Helper()
	res := call(t, d, name, args)
	if res.IsError {
		t.Fatalf("%s %s: isError: %s", name, args, text(res))
	}
	if out != nil {
		b, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s: %v in %s", name, err, b)
		}
	}
	return res
}

// toolError calls a tool that must fail and returns its message.
func toolError(t *testing.T, d *toolkit.Deps, name, args string) string {
	t.Helper()
	res := call(t, d, name, args)
	if !res.IsError {
		t.Fatalf("%s %s: want an error, got %s", name, args, text(res))
	}
	return text(res)
}

// apiData reads an endpoint straight from the sandbox, for checks.
func apiData(t *testing.T, d *toolkit.Deps, method, path string, query url.Values, body any) jmap {
	t.Helper()
	resp, err := d.API.Do(context.Background(), leigaapi.Request{Method: method, Path: path, Query: query, Body: body, Idempotent: true})
	if err != nil {
		t.Fatal(err)
	}
	v, err := decodeData(resp.Data)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := v.([]any); ok {
		return jmap{"list": l}
	}
	return asMap(v)
}

func issueData(t *testing.T, d *toolkit.Deps, id string) jmap {
	return apiData(t, d, "GET", "/issue/get", url.Values{"id": {id}}, nil)
}

func dayMs(s string) int64 {
	t, _ := time.ParseInLocation(time.DateOnly, s, time.UTC)
	return t.UnixMilli()
}

func ids64(v any) []int64 {
	var out []int64
	for _, x := range asList(v) {
		n, _ := toInt64(x)
		out = append(out, n)
	}
	return out
}

func TestAssistantToolsAreRegistered(t *testing.T) {
	reg := testRegistry()
	want := map[string]toolkit.Effect{
		"create_issue": toolkit.Create, "update_issue": toolkit.Update, "search_issues": toolkit.Read, "my_issues": toolkit.Read,
		"get_issue": toolkit.Read, "add_comment": toolkit.Create, "log_work": toolkit.Create,
	}
	for name, effect := range want {
		tool, ok := reg.Tool(name)
		if !ok {
			t.Errorf("no tool %s", name)
			continue
		}
		if tool.Effect != effect || tool.Endpoint != nil || tool.Toolset != "workflow" {
			t.Errorf("%s: effect %s, endpoint %v, toolset %s", name, tool.Effect, tool.Endpoint, tool.Toolset)
		}
		if n := len(strings.Fields(tool.Description)); n > 25 {
			t.Errorf("%s: description has %d words, want at most 25", name, n)
		}
		if !tool.ReadOnly() && !strings.Contains(string(tool.Schema()), `"dry_run"`) {
			t.Errorf("%s writes but has no dry_run", name)
		}
	}
}

func TestAssistantCreateIssueByNames(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var out struct {
		ID     int64          `json:"id"`
		Number string         `json:"number"`
		URL    string         `json:"url"`
		Set    map[string]any `json:"set"`
	}
	runTool(t, d, "create_issue", `{
		"project": "mobile", "type": "bug", "title": "Crash when uploading a profile photo",
		"description": "Steps:\n\n1. Open **Profile**\n2. Tap the photo\n\nSee [the log](https://logs.example/1).",
		"priority": "high", "assignee": "me", "labels": ["ios", "Bug"], "sprint": "sprint 12",
		"epic": "offline", "version": "V1.1", "due": "friday", "start": "today"}`, &out)
	if out.Number != "MOBILE-16" || out.ID == 0 || !strings.HasSuffix(out.URL, "/MOBILE/issue/MOBILE-16") {
		t.Fatalf("created %+v", out)
	}
	if out.Set["assignee"] != "Alice Chen" || out.Set["due"] != "2026-11-06" || out.Set["type"] != "Bug" || out.Set["epic"] != "Offline mode" {
		t.Errorf("resolved names %v", out.Set)
	}
	got := issueData(t, d, "10038")
	data := got.obj("data")
	checks := map[string][2]any{
		"type":     {got.id("issueTypeId"), int64(3)},
		"priority": {got.id("priorityId"), int64(2)},
		"assignee": {got.id("assigneeId"), sandbox.DemoUserAlice},
		"sprint":   {got.id("sprintId"), int64(202)},
		"epic":     {got.id("epicId"), int64(301)},
		"version":  {got.id("releaseVersionId"), int64(602)},
		"due":      {got.id("dueDate"), dayMs("2026-11-06")},
		"start":    {got.id("startDate"), dayMs("2026-11-04")},
		"status":   {got.str("statusName"), "To Do"},
	}
	for k, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %v, want %v", k, c[0], c[1])
		}
	}
	if l := ids64(data["label"]); !slices.Equal(l, []int64{504, 501}) {
		t.Errorf("labels = %v", l)
	}
	want := `<p>Steps:</p><ol><li>Open <strong>Profile</strong></li><li>Tap the photo</li></ol><p>See <a href="https://logs.example/1">the log</a>.</p>`
	if desc := got.str("description"); desc != want {
		t.Errorf("description = %s\nwant          %s", desc, want)
	}
	if n := writes(sb)["POST /issue/add"]; n != 1 {
		t.Errorf("%d /issue/add requests", n)
	}
}

func TestAssistantCreateIssueDefaultsAndErrors(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var out struct{ Number string }
	runTool(t, d, "create_issue", `{"project":"OPS","title":"Rotate the database passwords"}`, &out)
	if got := issueData(t, d, "10038"); got.str("issueTypeName") != "Task" || got.str("statusName") != "Open" {
		t.Errorf("default type/status: %s / %s", got.str("issueTypeName"), got.str("statusName"))
	}
	// Every bad name is reported at once, with the valid options; nothing is sent.
	msg := toolError(t, d, "create_issue", `{"project":"WEB","title":"Something new","priority":"urgent","assignee":"Frank","labels":["backend","nope"],"due":"someday"}`)
	for _, s := range []string{"priority:", "Valid priorities: Highest, High, Medium, Low", `no member matches "Frank" in project WEB`,
		`labels: no tag matches "nope"`, "Valid tags: bug, frontend, backend, ux, performance", "due:", "YYYY-MM-DD"} {
		if !strings.Contains(msg, s) {
			t.Errorf("error %q\nmissing %q", msg, s)
		}
	}
	if msg := toolError(t, d, "create_issue", `{"project":"NOPE","title":"x"}`); !strings.Contains(msg, "Valid projects: Mobile App (MOBILE), Web Platform (WEB), Operations (OPS)") {
		t.Errorf("unknown project: %s", msg)
	}
	if msg := toolError(t, d, "create_issue", `{"project":"MOBILE","title":"x y z","sprint":"Sprint 11"}`); !strings.Contains(msg, `sprint "Sprint 11" is closed; choose an open sprint: Sprint 12, Sprint 13`) {
		t.Errorf("closed sprint: %s", msg)
	}
	if n := writes(sb)["POST /issue/add"]; n != 1 {
		t.Errorf("%d /issue/add requests, want only the first", n)
	}
}

func TestAssistantCreateIssueDuplicates(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var dup struct {
		Created    *bool          `json:"created"`
		Duplicates []compactIssue `json:"duplicates"`
	}
	res := runTool(t, d, "create_issue", `{"project":"MOBILE","title":"Cache last 50 messages for offline reading!"}`, &dup)
	if dup.Created == nil || *dup.Created || len(dup.Duplicates) != 1 || dup.Duplicates[0].Number != "MOBILE-3" {
		t.Fatalf("duplicate check: %s", text(res))
	}
	if !strings.Contains(text(res), "check_duplicates=false") {
		t.Errorf("no hint how to force: %s", text(res))
	}
	// The title contained in a longer open one is a twin too.
	runTool(t, d, "create_issue", `{"project":"MOBILE","title":"login button stays disabled"}`, &dup)
	if len(dup.Duplicates) != 1 || dup.Duplicates[0].Number != "MOBILE-13" {
		t.Errorf("containment: %+v", dup)
	}
	if n := writes(sb)["POST /issue/add"]; n != 0 {
		t.Fatalf("a duplicate was created (%d requests)", n)
	}
	// Done issues are not twins; check_duplicates=false forces.
	var out struct{ Number string }
	runTool(t, d, "create_issue", `{"project":"MOBILE","title":"Sign in with Apple on iOS"}`, &out)
	runTool(t, d, "create_issue", `{"project":"MOBILE","title":"Cache the last 50 messages for offline reading","check_duplicates":false}`, &out)
	if out.Number != "MOBILE-17" || writes(sb)["POST /issue/add"] != 2 {
		t.Errorf("forced create: %+v, %v", out, writes(sb))
	}
}

func TestAssistantDryRunSendsNoWrite(t *testing.T) {
	sb, d := newSandboxDeps(t)
	cases := []struct{ tool, args, path string }{
		{"create_issue", `{"project":"WEB","title":"Newsletter sign-up form","assignee":"carol","labels":["frontend"],"due":"+2w","dry_run":true}`, "/issue/add"},
		{"update_issue", `{"issue":"WEB-2","status":"In Progress","priority":"highest","dry_run":true}`, "/issue/update"},
		{"add_comment", `{"issue":"WEB-2","text":"On it.","dry_run":true}`, "/comment/add"},
		{"log_work", `{"issue":"WEB-2","hours":2,"dry_run":true}`, "/issue/labour-record/add"},
	}
	for _, tc := range cases {
		t.Run(tc.tool, func(t *testing.T) {
			var out struct {
				DryRun    bool           `json:"dry_run"`
				WouldSend endpoints.Sent `json:"would_send"`
			}
			res := runTool(t, d, tc.tool, tc.args, &out)
			if !out.DryRun || out.WouldSend.Path != tc.path || out.WouldSend.Body == nil {
				t.Errorf("dry run answer: %s", text(res))
			}
			if !strings.Contains(text(res), "Dry run") {
				t.Errorf("no dry-run note: %s", text(res))
			}
		})
	}
	if w := writes(sb); len(w) != 0 {
		t.Errorf("dry runs sent writes: %v", w)
	}
	// The previewed body is exactly what a real call sends.
	var dry struct {
		WouldSend endpoints.Sent `json:"would_send"`
	}
	args := `{"project":"WEB","title":"Newsletter sign-up form","assignee":"carol","labels":["frontend"],"due":"+2w","priority":"low"}`
	runTool(t, d, "create_issue", args[:len(args)-1]+`,"dry_run":true}`, &dry)
	want := `{"data":{"assignee":1003,"dueDate":` + strconv.FormatInt(dayMs("2026-11-18"), 10) + `,"label":[512],"priority":4,"summary":"Newsletter sign-up form"},"issueTypeId":2,"projectId":102}`
	if got := toolkit.CompactJSON(dry.WouldSend.Body); got != want {
		t.Errorf("would send %s\nwant       %s", got, want)
	}
	runTool(t, d, "create_issue", args, nil)
	if got := issueData(t, d, "10038"); got.str("summary") != "Newsletter sign-up form" || got.id("assigneeId") != sandbox.DemoUserCarol || got.id("priorityId") != 4 {
		t.Errorf("created %v", got)
	}
	var up struct {
		WouldSend endpoints.Sent `json:"would_send"`
		Changes   map[string]change
	}
	runTool(t, d, "update_issue", `{"issue":"WEB-2","status":"In Progress","dry_run":true}`, &up)
	if c := up.Changes["status"]; c.From != "To Do" || c.To != "In Progress" {
		t.Errorf("changes: %+v", up.Changes)
	}
}

func TestAssistantUpdateIssue(t *testing.T) {
	sb, d := newSandboxDeps(t)
	// MOBILE-5 is To Do; the workflow allows To Do -> In Progress.
	var out struct {
		Number  string
		Changed map[string]change
	}
	runTool(t, d, "update_issue", `{"issue":"mobile-5","status":"in progress","assignee":"none","labels":[],"due":"end of month","title":"Badge count does not reset after reading"}`, &out)
	got := issueData(t, d, "10005")
	if got.str("statusName") != "In Progress" || got.id("assigneeId") != 0 || len(asList(got["tags"])) != 0 ||
		got.id("dueDate") != dayMs("2026-11-30") || got.str("summary") != "Badge count does not reset after reading" {
		t.Errorf("after update: status %s assignee %d tags %v due %d summary %q", got.str("statusName"), got.id("assigneeId"), got["tags"], got.id("dueDate"), got.str("summary"))
	}
	if c := out.Changed["assignee"]; c.From != "Alice Chen" || c.To != "none" {
		t.Errorf("changes: %+v", out.Changed)
	}
	// In Progress -> Done is not a transition: the error lists the allowed ones.
	msg := toolError(t, d, "update_issue", `{"issue":"MOBILE-5","status":"Done"}`)
	if !strings.Contains(msg, `cannot move from "In Progress" to "Done"`) && !strings.Contains(msg, `MOBILE-5 cannot move from "In Progress" to "Done"`) {
		t.Errorf("disallowed transition: %s", msg)
	}
	if !strings.Contains(msg, "allowed next statuses: In Review, To Do") {
		t.Errorf("no allowed statuses: %s", msg)
	}
	if msg := toolError(t, d, "update_issue", `{"issue":"MOBILE-5","status":"Shipped"}`); !strings.Contains(msg, "Valid statuses: To Do, In Progress, In Review, Done") {
		t.Errorf("unknown status: %s", msg)
	}
	if msg := toolError(t, d, "update_issue", `{"issue":"MOBILE-5"}`); !strings.Contains(msg, "nothing to change") {
		t.Errorf("empty update: %s", msg)
	}
	if msg := toolError(t, d, "update_issue", `{"issue":"MOBILE-404","title":"x"}`); !strings.Contains(msg, `no issue matches "MOBILE-404"`) {
		t.Errorf("unknown issue: %s", msg)
	}
	if n := writes(sb)["PATCH /issue/update"]; n != 1 {
		t.Errorf("%d updates sent, want 1", n)
	}
	// Same status: nothing to send, said so.
	res := runTool(t, d, "update_issue", `{"issue":"MOBILE-5","status":"In Progress"}`, nil)
	if !strings.Contains(text(res), "already In Progress") || writes(sb)["PATCH /issue/update"] != 1 {
		t.Errorf("same status: %s", text(res))
	}
}

// searchOut is the structured answer of search_issues and my_issues.
type searchOut struct {
	Total    int            `json:"total"`
	Page     int            `json:"page"`
	NextPage int            `json:"next_page"`
	Issues   []compactIssue `json:"issues"`
}

func numbers(rows []compactIssue) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Number
	}
	return out
}

func TestAssistantSearchIssues(t *testing.T) {
	_, d := newSandboxDeps(t)
	cases := []struct {
		name, args string
		want       []string
		total      int
	}{
		{"project, open, assignee", `{"project":"MOBILE","status":["open"],"assignee":"bob"}`, []string{"MOBILE-13", "MOBILE-3"}, 2},
		{"status names or categories", `{"project":"MOBILE","status":["done","In Review"],"assignee":"Bob Martinez"}`, []string{"MOBILE-1", "MOBILE-2", "MOBILE-13"}, 3},
		{"status names across projects", `{"status":["Blocked","In Review"]}`, []string{"MOBILE-13", "MOBILE-4", "WEB-5", "OPS-5"}, 4},
		{"text", `{"text":"checkout"}`, []string{"WEB-13", "WEB-1"}, 2},
		{"words in any order", `{"text":"messages offline"}`, []string{"MOBILE-3"}, 1},
		{"words in any order, one project", `{"project":"MOBILE","text":"Offline messages cache"}`, []string{"MOBILE-3"}, 1},
		{"some words match, ranked", `{"text":"offline kubernetes"}`, []string{"OPS-2", "OPS-5", "MOBILE-3"}, 3},
		{"word boundaries", `{"text":"sign in"}`, []string{"MOBILE-1"}, 1},
		{"type", `{"project":"MOBILE","type":["bug"],"status":["open"]}`, []string{"MOBILE-5", "MOBILE-8", "MOBILE-13"}, 3},
		{"backlog: no sprint", `{"project":"MOBILE","sprint":"none","status":["open"]}`, []string{"MOBILE-14", "MOBILE-9", "MOBILE-8"}, 3},
		{"current sprint", `{"project":"OPS","sprint":"current","labels":["infra"]}`, []string{"OPS-2", "OPS-5"}, 2},
		{"unassigned", `{"project":"MOBILE","assignee":"none"}`, []string{"MOBILE-14", "MOBILE-9"}, 2},
		{"due range", `{"due":"..2026-11-05"}`, []string{"OPS-6", "MOBILE-5"}, 2},
		{"category and priority", `{"project":"web","status":["todo"],"priority":["high"]}`, []string{"WEB-2", "WEB-4"}, 2},
		{"sprint and label", `{"project":"OPS","sprint":"Sprint 12","labels":["infra"]}`, []string{"OPS-2", "OPS-5"}, 2},
		{"updated range", `{"project":"OPS","updated":"2026-10-31"}`, []string{"OPS-2", "OPS-6", "OPS-8"}, 3},
		{"created range", `{"project":"WEB","created":"2026-10-29.."}`, []string{"WEB-13"}, 1},
		{"nothing", `{"project":"OPS","text":"kubernetes","status":["done"]}`, []string{}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out searchOut
			res := runTool(t, d, "search_issues", tc.args, &out)
			got := numbers(out.Issues)
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) || out.Total != tc.total {
				t.Errorf("got %v (total %d), want %v (total %d)\n%s", numbers(out.Issues), out.Total, tc.want, tc.total, text(res))
			}
		})
	}
	var out searchOut
	runTool(t, d, "search_issues", `{"project":"MOBILE","status":["open"],"assignee":"bob"}`, &out)
	if r := out.Issues[0]; r.Title != "Login button stays disabled after a failed attempt" || r.Status != "In Review" || r.Assignee != "Bob Martinez" || r.Priority != "High" {
		t.Errorf("row: %+v", r)
	}
	runTool(t, d, "search_issues", `{"due":"..2026-11-05"}`, &out)
	if len(out.Issues) != 2 || out.Issues[1].Number != "MOBILE-5" || out.Issues[1].Due != "2026-11-04" {
		t.Errorf("due rows (newest update first): %+v", out.Issues)
	}
}

func TestAssistantSearchPagingAcrossProjects(t *testing.T) {
	sb, d := newSandboxDeps(t)
	want := []string{"MOBILE-13", "WEB-5", "WEB-2", "WEB-8", "MOBILE-5", "MOBILE-2", "WEB-12", "MOBILE-8"} // newest update first
	var got []string
	for page := 1; page <= 3; page++ {
		var out searchOut
		res := runTool(t, d, "search_issues", `{"labels":["bug"],"page_size":3,"page":`+string(rune('0'+page))+`}`, &out)
		got = append(got, numbers(out.Issues)...)
		if out.Total != 8 {
			t.Errorf("page %d: total %d", page, out.Total)
		}
		if page < 3 && (out.NextPage != page+1 || !strings.Contains(text(res), "page="+string(rune('0'+page+1)))) {
			t.Errorf("page %d: no next-page hint: %s", page, text(res))
		}
		if page == 3 && (out.NextPage != 0 || !strings.Contains(text(res), "last page")) {
			t.Errorf("last page: %s", text(res))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages = %v\nwant    %v", got, want)
	}
	// OPS has no "bug" tag: it is not searched.
	if n := sb.Stats().Requests["POST /issue/page"]; n != 6 {
		t.Errorf("%d /issue/page requests, want 6 (2 projects x 3 pages)", n)
	}
}

func TestAssistantSearchErrors(t *testing.T) {
	_, d := newSandboxDeps(t)
	cases := map[string][]string{
		`{"status":["Shipped"]}`:                          {`status: no status matches "Shipped" in any project`, "To Do (MOBILE)", "Blocked (OPS)"},
		`{"labels":["bug","nope"]}`:                       {`labels: no tag matches "nope" in any project`},
		`{"project":"MOBILE","labels":["security"]}`:      {`no tag matches "security" in project MOBILE`, "Valid tags: bug, frontend, ux, ios, android"},
		`{"assignee":"zed"}`:                              {`assignee: no member matches "zed" in the organisation`},
		`{"created":"last tuesday-ish"}`:                  {"created:", "YYYY-MM-DD"},
		`{"status":["In Progress"],"sprint":"Sprint 99"}`: {`sprint: no sprint matches "Sprint 99" in any project`},
	}
	for args, wants := range cases {
		msg := toolError(t, d, "search_issues", args)
		for _, w := range wants {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: error %q\nmissing %q", args, msg, w)
			}
		}
	}
}

func TestAssistantMyIssues(t *testing.T) {
	_, d := newSandboxDeps(t)
	var out searchOut
	runTool(t, d, "my_issues", `{}`, &out)
	got := numbers(out.Issues)
	slices.Sort(got)
	if want := []string{"MOBILE-5", "MOBILE-7", "OPS-8"}; !slices.Equal(got, want) {
		t.Errorf("my open issues = %v, want %v", got, want)
	}
	runTool(t, d, "my_issues", `{"include_done":true,"project":"ops"}`, &out)
	got = numbers(out.Issues)
	slices.Sort(got)
	if want := []string{"OPS-4", "OPS-8"}; !slices.Equal(got, want) {
		t.Errorf("my OPS issues = %v, want %v", got, want)
	}
	_, d = newSandboxDeps(t, sandboxOptions{noMe: true})
	runTool(t, d, "my_issues", `{}`, &out) // "me" found through Alice's messages
	if got := numbers(out.Issues); len(got) != 3 {
		t.Errorf("without LEIGA_USER: my open issues = %v", got)
	}
}

func TestAssistantGetIssue(t *testing.T) {
	_, d := newSandboxDeps(t)
	var v issueDetail
	runTool(t, d, "get_issue", `{"issue":"MOBILE-3","include_comments":true,"include_subtasks":true}`, &v)
	if v.Number != "MOBILE-3" || v.Title != "Cache the last 50 messages for offline reading" || v.Type != "Story" || v.Status != "In Progress" ||
		v.Priority != "High" || v.Assignee != "Bob Martinez" || v.Sprint != "Sprint 12" || v.Epic != "Offline mode" || v.Version != "v1.1" ||
		!slices.Equal(v.Labels, []string{"frontend"}) || v.Due != "2026-11-06" || v.Points == nil || *v.Points != 8 || v.LoggedHours != 5.5 ||
		!strings.HasPrefix(v.Description, "Keep the 50 most recent") || v.URL == "" {
		t.Errorf("issue: %+v", v)
	}
	if len(v.Subtasks) != 2 || v.Subtasks[0].Number != "MOBILE-11" || v.Subtasks[0].Status != "Done" || v.Subtasks[1].Assignee != "David Okafor" {
		t.Errorf("subtasks: %+v", v.Subtasks)
	}
	if len(v.Comments) != 2 {
		t.Fatalf("comments: %+v", v.Comments)
	}
	var thread commentView
	for _, c := range v.Comments {
		if c.ID == 7001 {
			thread = c
		}
	}
	if thread.Author != "Bob Martinez" || !strings.HasPrefix(thread.Text, "Started on the SQLite schema") || len(thread.Replies) != 1 || thread.Replies[0].Author != "Alice Chen" {
		t.Errorf("thread: %+v", thread)
	}
	// By id, without extras.
	v = issueDetail{}
	runTool(t, d, "get_issue", `{"issue":"10016"}`, &v)
	if v.Number != "WEB-2" || v.Subtasks != nil || v.Comments != nil {
		t.Errorf("by id: %+v", v)
	}
}

func TestAssistantAddComment(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var out struct {
		ID    int64
		Issue string
	}
	runTool(t, d, "add_comment", "{\"issue\":\"MOBILE-4\",\"text\":\"**LGTM** - see [docs](https://docs.example/retry) and `retry()`\\n\\n<script>x</script>\"}", &out)
	if out.ID == 0 || out.Issue != "MOBILE-4" {
		t.Fatalf("answer %+v", out)
	}
	page := apiData(t, d, "POST", "/comment/page", nil, map[string]any{"commentModule": "issue", "linkId": 10004})
	rows := asList(page)
	if len(rows) != 1 {
		t.Fatalf("comments: %v", page)
	}
	c := asMap(rows[0])
	want := `<p><strong>LGTM</strong> - see <a href="https://docs.example/retry">docs</a> and <code>retry()</code></p><p>&lt;script&gt;x&lt;/script&gt;</p>`
	if c.str("content") != want || !strings.HasPrefix(c.str("plainContent"), "LGTM - see docs and retry()") {
		t.Errorf("content %s\nwant    %s\nplain %q", c.str("content"), want, c.str("plainContent"))
	}
	runTool(t, d, "add_comment", `{"issue":"MOBILE-3","text":"Agreed.","reply_to":7001}`, &out)
	var v issueDetail
	runTool(t, d, "get_issue", `{"issue":"MOBILE-3","include_comments":true}`, &v)
	for _, c := range v.Comments {
		if c.ID == 7001 && (len(c.Replies) != 2 || c.Replies[1].Text != "Agreed.") {
			t.Errorf("reply: %+v", c.Replies)
		}
	}
	if n := writes(sb)["POST /comment/add"]; n != 2 {
		t.Errorf("%d comments sent", n)
	}
}

func TestAssistantLogWork(t *testing.T) {
	_, d := newSandboxDeps(t)
	var out struct {
		ID      int64
		Issue   string
		Hours   float64
		Date    string
		Remarks string
	}
	runTool(t, d, "log_work", `{"issue":"MOBILE-4","hours":1.5,"date":"yesterday"}`, &out)
	if out.ID == 0 || out.Date != "2026-11-03" || out.Remarks != "Work on MOBILE-4" || out.Hours != 1.5 {
		t.Errorf("answer %+v", out)
	}
	runTool(t, d, "log_work", `{"issue":"10004","hours":0.25,"remarks":"Review"}`, &out)
	page := apiData(t, d, "POST", "/issue/labour-record/page", nil, map[string]any{"projectId": 101, "issueId": 10004})
	rows := asList(page)
	if len(rows) != 2 {
		t.Fatalf("records: %v", page)
	}
	byRemark := map[string]jmap{}
	for _, row := range rows {
		byRemark[asMap(row).str("remarks")] = asMap(row)
	}
	if r := byRemark["Work on MOBILE-4"]; r.id("recordTime") != dayMs("2026-11-03") {
		t.Errorf("record %v", r)
	}
	if r := byRemark["Review"]; r.id("recordTime") != dayMs("2026-11-04") {
		t.Errorf("record %v", r)
	}
	for args, want := range map[string]string{
		`{"issue":"MOBILE-4","hours":0}`:                   "hours",
		`{"issue":"MOBILE-4","hours":25}`:                  "hours",
		`{"issue":"MOBILE-4","hours":1,"date":"whenever"}`: "date:",
	} {
		if msg := toolError(t, d, "log_work", args); !strings.Contains(msg, want) {
			t.Errorf("%s: %s", args, msg)
		}
	}
}
