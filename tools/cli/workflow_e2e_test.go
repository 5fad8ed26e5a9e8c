package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/client"
	"github.com/mark3labs/mcp-go/mcp"
)

// wfStdio starts the binary on the sandbox over stdio with flags and
// returns an initialized client.
func wfStdio(t *testing.T, flags ...string) *client.Client {
	t.Helper()
	c, err := client.NewStdioMCPClient(binary, cleanEnv("LEIGA_TZ=UTC"), append([]string{"--sandbox"}, flags...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	initialize(t, ctx, c)
	return c
}

// wfResult is one tool call's outcome: the result, its text, and its
// structuredContent decoded as JSON (nil when it has none).
type wfResult struct {
	res  *mcp.CallToolResult
	text string
	data map[string]any
	json string
}

// wfRun calls a tool and decodes its result.
func wfRun(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any) wfResult {
	t.Helper()
	res := e2eCall(t, ctx, c, name, args)
	r := wfResult{res: res, text: resultText(res)}
	if res.StructuredContent != nil {
		raw, err := json.Marshal(res.StructuredContent)
		if err != nil {
			t.Fatalf("%s: structuredContent: %v", name, err)
		}
		r.json = string(raw)
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&r.data); err != nil {
			t.Fatalf("%s: structuredContent is not an object: %s", name, raw)
		}
	}
	return r
}

// wfOK calls a tool that must succeed and must contain every want in its
// text or structured JSON.
func wfOK(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any, want ...string) wfResult {
	t.Helper()
	r := wfRun(t, ctx, c, name, args)
	if r.res.IsError {
		t.Fatalf("%s %v: isError: %s", name, args, r.text)
	}
	for _, w := range want {
		if !strings.Contains(r.text, w) && !strings.Contains(r.json, w) {
			t.Errorf("%s %v lacks %q:\ntext: %.1500s\njson: %.1500s", name, args, w, r.text, r.json)
		}
	}
	return r
}

// wfFail calls a tool that must fail with an isError text containing every want.
func wfFail(t *testing.T, ctx context.Context, c *client.Client, name string, args map[string]any, want ...string) string {
	t.Helper()
	r := wfRun(t, ctx, c, name, args)
	if !r.res.IsError {
		t.Errorf("%s %v: want isError, got: %.500s", name, args, r.text)
	}
	for _, w := range want {
		if !strings.Contains(r.text, w) {
			t.Errorf("%s %v error lacks %q: %s", name, args, w, r.text)
		}
	}
	return r.text
}

// wfString is a field of structured content as a string ("" when missing).
func wfString(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

// wfInt is an integer field of structured content.
func wfInt(t *testing.T, m map[string]any, key string) int64 {
	t.Helper()
	n, ok := m[key].(json.Number)
	if !ok {
		t.Fatalf("field %s = %#v, want a number (in %v)", key, m[key], m)
	}
	v, err := n.Int64()
	if err != nil {
		t.Fatalf("field %s = %s: %v", key, n, err)
	}
	return v
}

// wfRows is the list of structured content: "list" of a Leiga page,
// "items" of a wrapped array, "issues" of the assistant tools' pages.
func wfRows(t *testing.T, r wfResult) []map[string]any {
	t.Helper()
	var raw any
	ok := false
	for _, key := range []string{"list", "items", "issues"} {
		if raw, ok = r.data[key]; ok {
			break
		}
	}
	if !ok {
		t.Fatalf("no list in %.500s", r.json)
	}
	list, _ := raw.([]any)
	rows := make([]map[string]any, 0, len(list))
	for _, v := range list {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("row %#v is not an object", v)
		}
		rows = append(rows, m)
	}
	return rows
}

// wfRow finds the row whose key equals value.
func wfRow(rows []map[string]any, key, value string) map[string]any {
	for _, r := range rows {
		if wfString(r, key) == value {
			return r
		}
	}
	return nil
}

// TestSandboxWorkflowOverStdio runs a whole issue's life through a real
// MCP client over stdio: create, find, update, comment, transition, attach,
// plan, release, trash and restore, search.
func TestSandboxWorkflowOverStdio(t *testing.T) {
	c := wfStdio(t, "--toolsets", "all")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	// Create: by names (create_issue), and by ids (issue_add).
	created := wfOK(t, ctx, c, "create_issue", map[string]any{
		"project": "MOBILE", "title": "Tablet layout for the inbox", "type": "Story",
		"assignee": "Bob Martinez", "priority": "High", "labels": []string{"ux"}, "check_duplicates": false,
	}, "MOBILE-16")
	if got := wfString(created.data, "number"); got != "MOBILE-16" {
		t.Fatalf("create_issue number %q, want MOBILE-16 (the demo MOBILE issues end at 15): %s", got, created.json)
	}
	tabletID := wfInt(t, created.data, "id")
	added := wfOK(t, ctx, c, "issue_add", map[string]any{
		"projectId": 101, "issueTypeId": 2,
		"data": map[string]any{"summary": "Landscape keyboard for the tablet inbox", "priority": 3, "dueDate": "2026-11-27"},
	})
	if got := wfString(added.data, "issueNumber"); got != "MOBILE-17" {
		t.Fatalf("issue_add issueNumber %q, want MOBILE-17: %s", got, added.json)
	}
	keyboardID := wfInt(t, added.data, "id")
	if keyboardID == tabletID {
		t.Fatalf("both issues have id %d", tabletID)
	}

	// Find them by number.
	got := wfOK(t, ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-16"})
	for key, want := range map[string]string{
		"summary": "Tablet layout for the inbox", "issueTypeName": "Story", "assigneeName": "Bob Martinez",
		"priorityName": "High", "statusName": "To Do", "projectKey": "MOBILE", "id": fmt.Sprint(tabletID),
	} {
		if g := wfString(got.data, key); g != want {
			t.Errorf("issue_get_by_issue_number MOBILE-16: %s = %q, want %q", key, g, want)
		}
	}
	compact := wfOK(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-17"})
	for key, want := range map[string]string{
		"number": "MOBILE-17", "title": "Landscape keyboard for the tablet inbox", "type": "Task",
		"priority": "Medium", "status": "To Do", "due": "2026-11-27",
	} {
		if g := wfString(compact.data, key); g != want {
			t.Errorf("get_issue MOBILE-17: %s = %q, want %q", key, g, want)
		}
	}

	// Update fields: by names, and with a data map of ids.
	wfOK(t, ctx, c, "update_issue", map[string]any{
		"issue": "MOBILE-16", "title": "Tablet layout for the inbox and threads", "priority": "Highest",
		"labels": []string{"ux", "frontend"}, "due": "2026-11-20", "description": "Two panes on **iPad** and Android tablets.",
	})
	compact = wfOK(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-16"})
	for key, want := range map[string]string{
		"title": "Tablet layout for the inbox and threads", "priority": "Highest", "due": "2026-11-20", "assignee": "Bob Martinez",
	} {
		if g := wfString(compact.data, key); g != want {
			t.Errorf("get_issue MOBILE-16 after update_issue: %s = %q, want %q", key, g, want)
		}
	}
	if labels := wfString(compact.data, "labels"); !strings.Contains(labels, "ux") || !strings.Contains(labels, "frontend") {
		t.Errorf("get_issue MOBILE-16 labels = %q, want ux and frontend", labels)
	}
	if d := wfString(compact.data, "description"); !strings.Contains(d, "iPad") {
		t.Errorf("get_issue MOBILE-16 description = %q, want the Markdown text", d)
	}
	wfOK(t, ctx, c, "issue_update", map[string]any{"id": keyboardID, "data": map[string]any{"assignee": 1004, "estimatePoint": 3, "priority": 1}})
	got = wfOK(t, ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-17"})
	for key, want := range map[string]string{"assigneeName": "David Okafor", "priorityName": "Highest", "estimatePoint": "3"} {
		if g := wfString(got.data, key); g != want {
			t.Errorf("MOBILE-17 after issue_update: %s = %q, want %q", key, g, want)
		}
	}

	// Comment and reply, by name and by endpoint.
	top := wfOK(t, ctx, c, "add_comment", map[string]any{"issue": "MOBILE-16", "text": "Start with the **iPad** split view."})
	topID := wfInt(t, top.data, "id")
	reply := wfOK(t, ctx, c, "add_comment", map[string]any{"issue": "MOBILE-16", "text": "Agreed, Android tablets next.", "reply_to": topID})
	replyID := wfInt(t, reply.data, "id")
	wfOK(t, ctx, c, "comment_add", map[string]any{"commentModule": "issue", "linkId": tabletID, "content": "<p>Design is in Figma.</p>", "commentId": topID})
	page := wfOK(t, ctx, c, "comment_page", map[string]any{"commentModule": "issue", "linkId": tabletID})
	rows := wfRows(t, page)
	if len(rows) != 1 || wfString(rows[0], "commentId") != fmt.Sprint(topID) {
		t.Fatalf("comment_page: want the one top-level comment %d, got %s", topID, page.json)
	}
	if pc := wfString(rows[0], "plainContent"); !strings.Contains(pc, "Start with the iPad split view.") {
		t.Errorf("top comment plainContent = %q", pc)
	}
	subs, _ := rows[0]["subReplies"].([]any)
	var subTexts []string
	for _, s := range subs {
		m, _ := s.(map[string]any)
		subTexts = append(subTexts, wfString(m, "plainContent"))
		if p := wfString(m, "parentId"); p != fmt.Sprint(topID) {
			t.Errorf("reply %v has parentId %s, want %d", m["commentId"], p, topID)
		}
	}
	if len(subs) != 2 || !slices.ContainsFunc(subTexts, func(s string) bool { return strings.Contains(s, "Agreed, Android tablets next.") }) ||
		!slices.ContainsFunc(subTexts, func(s string) bool { return strings.Contains(s, "Design is in Figma.") }) {
		t.Errorf("comment_page replies = %q, want the add_comment reply %d and the comment_add reply", subTexts, replyID)
	}

	// Status along the allowed transitions; a jump is refused with the options.
	wfFail(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "status": "Done"},
		`cannot move from "To Do" to "Done"`, "allowed next statuses: In Progress")
	for _, status := range []string{"In Progress", "In Review"} {
		wfOK(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "status": status})
		compact = wfOK(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-16"})
		if g := wfString(compact.data, "status"); g != status {
			t.Errorf("after update_issue status %q: get_issue status %q", status, g)
		}
	}

	// Attach a file and download it back byte for byte.
	payload := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0x00, 0xff, 0x10, 0x80, 0x7f}, 40)...)
	up := wfOK(t, ctx, c, "file_upload", map[string]any{"fileName": "tablet-wireframe.png", "contentBase64": base64.StdEncoding.EncodeToString(payload)})
	fileKey := wfString(up.data, "fileKey")
	if fileKey == "" {
		t.Fatalf("file_upload returned no fileKey: %s", up.json)
	}
	wfOK(t, ctx, c, "file_bind", map[string]any{"fileKey": fileKey, "linkModule": "issue", "linkEntity": "attachment", "linkId": tabletID})
	files := wfOK(t, ctx, c, "file_list", map[string]any{"linkModule": "issue", "linkEntity": "attachment", "linkId": tabletID})
	frows := wfRows(t, files)
	if len(frows) != 1 || wfString(frows[0], "fileKey") != fileKey || wfString(frows[0], "fileName") != "tablet-wireframe.png" ||
		wfString(frows[0], "fileSize") != fmt.Sprint(len(payload)) {
		t.Errorf("file_list of MOBILE-16: want tablet-wireframe.png (%s, %d bytes), got %s", fileKey, len(payload), files.json)
	}
	dl := wfRun(t, ctx, c, "file_download", map[string]any{"fileKey": fileKey})
	if dl.res.IsError {
		t.Fatalf("file_download: %s", dl.text)
	}
	var blob *mcp.BlobResourceContents
	for _, content := range dl.res.Content {
		if er, ok := content.(mcp.EmbeddedResource); ok {
			if b, ok := er.Resource.(mcp.BlobResourceContents); ok {
				blob = &b
			}
		}
	}
	if blob == nil {
		t.Fatalf("file_download: no embedded blob resource in %#v", dl.res.Content)
	}
	downloaded, err := base64.StdEncoding.DecodeString(blob.Blob)
	if err != nil {
		t.Fatalf("file_download blob: %v", err)
	}
	if !bytes.Equal(downloaded, payload) {
		t.Errorf("file_download returned %d bytes %x, want the %d uploaded %x", len(downloaded), downloaded, len(payload), payload)
	}
	if blob.MIMEType != "image/png" || blob.URI != "leiga://file/"+fileKey {
		t.Errorf("file_download blob: mimeType %q uri %q", blob.MIMEType, blob.URI)
	}

	// Plan: sprint by name, epic and version by id; each list shows it.
	sprintCount := func() (issues, points int64) {
		t.Helper()
		r := wfOK(t, ctx, c, "sprint_list_with_count", map[string]any{"projectId": 101})
		row := wfRow(wfRows(t, r), "name", "Sprint 12")
		if row == nil {
			t.Fatalf("sprint_list_with_count lacks Sprint 12: %s", r.json)
		}
		return wfInt(t, row, "issueCount"), wfInt(t, row, "estimatePointTotal")
	}
	before, _ := sprintCount()
	wfOK(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "sprint": "Sprint 12"})
	if after, _ := sprintCount(); after != before+1 || before != 5 {
		t.Errorf("Sprint 12 issueCount %d -> %d after adding MOBILE-16, want 5 -> 6", before, after)
	}
	wfOK(t, ctx, c, "epic_relation_issue", map[string]any{"epicId": 301, "issueIds": []int64{tabletID}})
	epicIssues := wfOK(t, ctx, c, "epic_page_issue", map[string]any{"projectId": 101, "id": 301})
	if wfString(epicIssues.data, "total") != "4" || wfRow(wfRows(t, epicIssues), "issueNumber", "MOBILE-16") == nil {
		t.Errorf("epic_page_issue 301: want MOBILE-3, -4, -14 and -16 (total 4), got %.800s", epicIssues.json)
	}
	wfOK(t, ctx, c, "version_associate_issue", map[string]any{"releaseId": 602, "issueId": tabletID})
	inVersion := wfOK(t, ctx, c, "version_page_associate", map[string]any{"releaseId": 602})
	if row := wfRow(wfRows(t, inVersion), "issueNumber", "MOBILE-16"); row == nil || wfString(inVersion.data, "total") != "6" || wfString(row, "releaseVersionName") != "v1.1" {
		t.Errorf("version_page_associate 602: want MOBILE-16 in v1.1 among 6, got %.800s", inVersion.json)
	}
	compact = wfOK(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-16"})
	for key, want := range map[string]string{"sprint": "Sprint 12", "epic": "Offline mode", "version": "v1.1"} {
		if g := wfString(compact.data, key); g != want {
			t.Errorf("get_issue MOBILE-16 after planning: %s = %q, want %q", key, g, want)
		}
	}

	// Release the version.
	detail := wfOK(t, ctx, c, "version_detail", map[string]any{"id": 602})
	if wfString(detail.data, "status") != "unreleased" {
		t.Errorf("v1.1 before release: status %q", wfString(detail.data, "status"))
	}
	wfOK(t, ctx, c, "version_release", map[string]any{"id": 602, "releasedDate": "2026-11-02"})
	detail = wfOK(t, ctx, c, "version_detail", map[string]any{"id": 602})
	if wfString(detail.data, "name") != "v1.1" || wfString(detail.data, "status") != "released" || wfString(detail.data, "statusName") != "Released" ||
		!strings.Contains(detail.text, "releasedDate: 2026-11-02") {
		t.Errorf("version_detail 602 after version_release: %s\n%s", detail.json, detail.text)
	}

	// Trash and restore.
	wfOK(t, ctx, c, "issue_remove", map[string]any{"id": tabletID})
	wfFail(t, ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-16"}, "MOBILE-16 not found")
	trash := wfOK(t, ctx, c, "issue_trash_page", map[string]any{"projectIds": []int64{101}})
	if row := wfRow(wfRows(t, trash), "issueNumber", "MOBILE-16"); row == nil || wfString(trash.data, "total") != "2" ||
		wfString(row, "summary") != "Tablet layout for the inbox and threads" {
		t.Errorf("issue_trash_page: want MOBILE-16 next to the demo's MOBILE-15, got %.800s", trash.json)
	}
	wfOK(t, ctx, c, "issue_trash_restore", map[string]any{"id": tabletID})
	got = wfOK(t, ctx, c, "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-16"})
	if wfString(got.data, "id") != fmt.Sprint(tabletID) || wfString(got.data, "statusName") != "In Review" || wfString(got.data, "sprintName") != "Sprint 12" {
		t.Errorf("MOBILE-16 after restore: %.800s", got.json)
	}
	trash = wfOK(t, ctx, c, "issue_trash_page", map[string]any{"projectIds": []int64{101}})
	if wfRow(wfRows(t, trash), "issueNumber", "MOBILE-16") != nil || wfString(trash.data, "total") != "1" {
		t.Errorf("issue_trash_page after restore still lists MOBILE-16: %.800s", trash.json)
	}

	// Search by title text: the issue with every word comes first, one
	// with some of them after; a word finds both new issues.
	found := wfOK(t, ctx, c, "search_issues", map[string]any{"text": "Inbox and Threads"})
	if rows := wfRows(t, found); len(rows) != 2 || wfString(rows[0], "number") != "MOBILE-16" ||
		wfString(rows[0], "title") != "Tablet layout for the inbox and threads" || wfString(rows[0], "status") != "In Review" {
		t.Errorf("search_issues(Inbox and Threads): want MOBILE-16 In Review first, got %.800s", found.json)
	}
	found = wfOK(t, ctx, c, "search_issues", map[string]any{"text": "inbox", "project": "MOBILE"})
	if fr := wfRows(t, found); len(fr) != 2 || wfRow(fr, "number", "MOBILE-16") == nil || wfRow(fr, "number", "MOBILE-17") == nil {
		t.Errorf("search_issues(inbox): want MOBILE-16 and MOBILE-17, got %.800s", found.json)
	}

	// Assign to me: my_issues shows it while open.
	mine := wfOK(t, ctx, c, "my_issues", map[string]any{})
	if wfRow(wfRows(t, mine), "number", "MOBILE-16") != nil {
		t.Fatalf("my_issues shows MOBILE-16 before it is assigned to me: %s", mine.json)
	}
	wfOK(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "assignee": "me"})
	mine = wfOK(t, ctx, c, "my_issues", map[string]any{})
	if row := wfRow(wfRows(t, mine), "number", "MOBILE-16"); row == nil || wfString(row, "assignee") != "Alice Chen" || wfString(mine.data, "total") != "4" {
		t.Errorf("my_issues after assigning MOBILE-16 to me: want it among Alice's 4 open issues, got %.800s", mine.json)
	}

	// Done: out of my open issues, still with include_done; Done -> In Review is refused.
	wfOK(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "status": "Done"})
	compact = wfOK(t, ctx, c, "get_issue", map[string]any{"issue": "MOBILE-16"})
	if g := wfString(compact.data, "status"); g != "Done" {
		t.Errorf("get_issue MOBILE-16 status %q, want Done", g)
	}
	wfFail(t, ctx, c, "update_issue", map[string]any{"issue": "MOBILE-16", "status": "In Review"},
		`cannot move from "Done" to "In Review"`, "allowed next statuses: To Do")
	mine = wfOK(t, ctx, c, "my_issues", map[string]any{})
	if wfRow(wfRows(t, mine), "number", "MOBILE-16") != nil {
		t.Errorf("my_issues lists the done MOBILE-16: %.800s", mine.json)
	}
	mine = wfOK(t, ctx, c, "my_issues", map[string]any{"include_done": true})
	if row := wfRow(wfRows(t, mine), "number", "MOBILE-16"); row == nil || wfString(row, "status") != "Done" {
		t.Errorf("my_issues include_done lacks MOBILE-16 Done: %.800s", mine.json)
	}
}

// TestCatalogMetaToolsReachEverything checks that the three catalog tools
// alone find, describe and call every tool, with the same errors as a
// direct call and under the same --read-only rules.
func TestCatalogMetaToolsReachEverything(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cat := wfStdio(t, "--toolsets", "catalog")
	direct := wfStdio(t, "--toolsets", "all")

	list, err := cat.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range list.Tools {
		names = append(names, tool.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"leiga_call_tool", "leiga_describe_tool", "leiga_search_tools"}) {
		t.Errorf("--toolsets catalog lists %v, want exactly the 3 catalog tools", names)
	}

	search := wfOK(t, ctx, cat, "leiga_search_tools", map[string]any{"query": "release a version"})
	lines := strings.Split(strings.TrimSpace(search.text), "\n")
	rank := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "version_release ") })
	if rank < 0 || rank > 2 {
		t.Errorf("leiga_search_tools(release a version): version_release at rank %d, want among the first 3:\n%s", rank, search.text)
	}
	if !strings.Contains(search.json, `"version_release"`) {
		t.Errorf("leiga_search_tools structuredContent lacks version_release: %s", search.json)
	}

	desc := wfOK(t, ctx, cat, "leiga_describe_tool", map[string]any{"name": "issue_get_by_issue_number"})
	if wfString(desc.data, "name") != "issue_get_by_issue_number" || wfString(desc.data, "endpoint") != "GET /issue/get-by-issue-number" {
		t.Errorf("leiga_describe_tool: %s", desc.json)
	}
	schema, _ := desc.data["inputSchema"].(map[string]any)
	props, _ := schema["properties"].(map[string]any)
	req, _ := schema["required"].([]any)
	if _, ok := props["issueNumber"]; !ok || len(req) != 1 || req[0] != "issueNumber" {
		t.Errorf("leiga_describe_tool inputSchema = %v, want issueNumber required", schema)
	}
	// The described schema is the one tools/list announces on a full server.
	full, err := direct.ListTools(ctx, mcp.ListToolsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(full.Tools, func(tool mcp.Tool) bool { return tool.Name == "issue_get_by_issue_number" })
	if i < 0 {
		t.Fatal("--toolsets all does not list issue_get_by_issue_number")
	}
	announced := full.Tools[i].RawInputSchema
	if announced == nil {
		announced, _ = json.Marshal(full.Tools[i].InputSchema)
	}
	described, _ := json.Marshal(schema)
	var a, d any
	if err := json.Unmarshal(announced, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(described, &d); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, d) {
		t.Errorf("leiga_describe_tool schema %s differs from the tools/list one %s", described, announced)
	}

	called := wfOK(t, ctx, cat, "leiga_call_tool", map[string]any{"name": "issue_get_by_issue_number", "arguments": map[string]any{"issueNumber": "MOBILE-1"}})
	if wfString(called.data, "issueNumber") != "MOBILE-1" || wfString(called.data, "summary") != "Sign in with Apple on iOS" || wfString(called.data, "id") != "10001" {
		t.Errorf("leiga_call_tool issue_get_by_issue_number MOBILE-1: %.800s", called.json)
	}
	viaDirect := wfOK(t, ctx, direct, "issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-1"})
	if called.text != viaDirect.text {
		t.Errorf("leiga_call_tool text differs from a direct call:\n%s\n---\n%s", called.text, viaDirect.text)
	}

	for _, bad := range []struct {
		tool string
		args map[string]any
		want string
	}{
		{"issue_get_by_issue_number", map[string]any{"issueNumber": 5}, `field "issueNumber": expected string`},
		{"issue_get_by_issue_number", map[string]any{}, `missing required field "issueNumber"`},
		{"issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-1", "extra": true}, "extra"},
		{"issue_get_by_issue_number", map[string]any{"issueNumber": "not a number"}, "issueNumber"},
		{"issue_add", map[string]any{"projectId": 101, "issueTypeId": 1}, `missing required field "data"`},
		{"issue_get_by_issue_number", map[string]any{"issueNumber": "MOBILE-99999"}, "issue MOBILE-99999 not found"},
	} {
		viaCatalog := wfFail(t, ctx, cat, "leiga_call_tool", map[string]any{"name": bad.tool, "arguments": bad.args}, bad.want)
		directly := wfFail(t, ctx, direct, bad.tool, bad.args, bad.want)
		if viaCatalog != directly {
			t.Errorf("%s %v: leiga_call_tool error %q, direct call error %q", bad.tool, bad.args, viaCatalog, directly)
		}
	}

	readOnly := wfStdio(t, "--toolsets", "catalog", "--read-only")
	wfFail(t, ctx, readOnly, "leiga_call_tool", map[string]any{"name": "issue_add", "arguments": map[string]any{
		"projectId": 101, "issueTypeId": 1, "data": map[string]any{"summary": "Must not be created"},
	}}, "issue_add")
	// The read-only server still reads through the catalog, and created nothing.
	wfOK(t, ctx, readOnly, "leiga_call_tool", map[string]any{"name": "issue_get_by_issue_number", "arguments": map[string]any{"issueNumber": "MOBILE-1"}}, "Sign in with Apple on iOS")
	wfFail(t, ctx, readOnly, "leiga_call_tool", map[string]any{"name": "issue_get_by_issue_number", "arguments": map[string]any{"issueNumber": "MOBILE-16"}}, "MOBILE-16 not found")
}
