package sandbox

import (
	"bytes"
	"net/http"
	"testing"
	"time"
)

// issueView is the part of the issue detail the tests read.
type issueView struct {
	ID               int64          `json:"id"`
	IssueNumber      string         `json:"issueNumber"`
	Summary          string         `json:"summary"`
	StatusID         int64          `json:"statusId"`
	StatusName       string         `json:"statusName"`
	StatusType       int            `json:"statusType"`
	AssigneeID       *int64         `json:"assigneeId"`
	AssigneeName     *string        `json:"assigneeName"`
	SprintID         *int64         `json:"sprintId"`
	EpicID           *int64         `json:"epicId"`
	ReleaseVersionID *int64         `json:"releaseVersionId"`
	EstimatePoint    *float64       `json:"estimatePoint"`
	FinishTime       *int64         `json:"finishTime"`
	ParentID         *int64         `json:"parentId"`
	Tags             []tagView      `json:"tags"`
	Data             map[string]any `json:"data"`
}

// sprintCount returns the issue count of a sprint from list-with-count.
func sprintCount(tc *tester, project, sprint int64) int {
	tc.t.Helper()
	var list []sprintCountView
	tc.ok(http.MethodPost, "/sprint/list-with-count", map[string]any{"projectId": project}, &list)
	for _, s := range list {
		if s.ID == sprint {
			return s.IssueCount
		}
	}
	tc.t.Fatalf("sprint %d not listed", sprint)
	return 0
}

// pageIDs returns the ids of a paged issue answer.
func pageIDs(tc *tester, method, path string, params map[string]any) []int64 {
	tc.t.Helper()
	var p page[issueView]
	tc.ok(method, path, params, &p)
	ids := make([]int64, len(p.List))
	for i, is := range p.List {
		ids[i] = is.ID
	}
	return ids
}

// TestIssueWorkflow walks one issue through its life across modules.
func TestIssueWorkflow(t *testing.T) {
	clock := &fakeClock{now: demoBase.Add(10 * time.Hour)}
	tc := newTester(t, Options{Now: clock.Now})
	get := func(id int64) issueView {
		var v issueView
		tc.ok(http.MethodGet, "/issue/get", map[string]any{"id": id}, &v)
		return v
	}

	// Create, then find it by number (MOBILE-15 is in the trash: numbers are never reused).
	var added createdIssue
	tc.ok(http.MethodPost, "/issue/add", map[string]any{"projectId": 101, "issueTypeId": 3, "data": map[string]any{
		"summary": "Crash when uploading a 4K video", "description": "Seen on Pixel 8.", "priority": 2,
		"assignee": 1004, "label": []int64{501, 505}, "dueDate": ts(5, 18),
	}}, &added)
	if added.IssueNumber != "MOBILE-16" {
		t.Fatalf("new issue number %q, want MOBILE-16", added.IssueNumber)
	}
	var byNumber issueView
	tc.ok(http.MethodGet, "/issue/get-by-issue-number", map[string]any{"issueNumber": "mobile-16"}, &byNumber)
	if byNumber.ID != added.ID || byNumber.StatusName != "To Do" || *byNumber.AssigneeName != "David Okafor" || len(byNumber.Tags) != 2 {
		t.Fatalf("by number: %+v", byNumber)
	}

	// Update fields.
	clock.now = clock.now.Add(time.Hour)
	tc.ok(http.MethodPatch, "/issue/update", map[string]any{"id": added.ID, "data": map[string]any{
		"summary": "Crash when uploading 4K video", "estimatePoint": 3, severityField: 9101, "follows": []int64{1001}, "assignee": nil,
	}}, nil)
	v := get(added.ID)
	if v.Summary != "Crash when uploading 4K video" || *v.EstimatePoint != 3 || v.AssigneeID != nil || v.Data[severityField] != float64(9101) {
		t.Fatalf("after update: %+v", v)
	}

	// Comment and reply.
	var top, reply created
	tc.ok(http.MethodPost, "/comment/add", map[string]any{"commentModule": "issue", "linkId": added.ID, "content": "<p>Repro attached</p>"}, &top)
	tc.ok(http.MethodPost, "/comment/add", map[string]any{"commentModule": "issue", "linkId": added.ID, "content": "Thanks", "commentId": top.ID}, &reply)
	var comments commentPage
	tc.ok(http.MethodPost, "/comment/page", map[string]any{"commentModule": "issue", "linkId": added.ID}, &comments)
	if comments.Total != 1 || comments.Extend.TotalCommentNo != 2 || len(comments.List[0].SubReplies) != 1 || comments.List[0].SubReplies[0].CommentID != reply.ID || comments.List[0].PlainContent != "Repro attached" {
		t.Fatalf("comments: %+v", comments)
	}

	// Status change to Done, even though To Do -> Done is not a listed transition.
	tc.ok(http.MethodPatch, "/issue/update", map[string]any{"id": added.ID, "data": map[string]any{"status": 14}}, nil)
	if v = get(added.ID); v.StatusType != categoryDone || v.FinishTime == nil || *v.FinishTime != clock.now.UnixMilli() {
		t.Fatalf("after done: %+v", v)
	}
	if ids := pageIDs(tc, http.MethodPost, "/issue/page-finished", map[string]any{"projectIds": []int64{101}, "pageSize": 1}); len(ids) != 1 || ids[0] != added.ID {
		t.Fatalf("page-finished starts with %v", ids)
	}

	// Upload, bind, list, download byte for byte.
	payload := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0, 255, 7}, 1000)...)
	var up fileView
	r := tc.upload("screen.png", "image/png", payload)
	r.decode(t, &up)
	if up.FileSize != len(payload) || up.FileType != "image" || up.FileSuffix != ".png" {
		t.Fatalf("upload: %+v", up)
	}
	link := map[string]any{"linkModule": "issue", "linkEntity": "attachment", "linkId": added.ID}
	bind := map[string]any{"fileKey": up.FileKey, "linkModule": "issue", "linkEntity": "attachment", "linkId": added.ID}
	tc.ok(http.MethodPost, "/file/bind", bind, nil)
	var files []fileView
	tc.ok(http.MethodPost, "/file/list", link, &files)
	if len(files) != 1 || files[0].FileKey != up.FileKey {
		t.Fatalf("file list: %+v", files)
	}
	dl := tc.call(http.MethodPost, "/file/download", map[string]any{"fileKey": up.FileKey})
	if dl.Status != http.StatusOK || !bytes.Equal(dl.Body, payload) || dl.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("download: HTTP %d %s, %d bytes", dl.Status, dl.Header.Get("Content-Type"), len(dl.Body))
	}

	// Sprint through the data map, epic and version through their modules.
	before := sprintCount(tc, 101, 202)
	tc.ok(http.MethodPatch, "/issue/update", map[string]any{"id": added.ID, "data": map[string]any{"sprint": 202}}, nil)
	if got := sprintCount(tc, 101, 202); got != before+1 {
		t.Fatalf("sprint count %d, want %d", got, before+1)
	}
	tc.ok(http.MethodPost, "/epic/relation-issue", map[string]any{"epicId": 301, "issueIds": []int64{added.ID}}, nil)
	tc.ok(http.MethodPatch, "/version/associate-issue", map[string]any{"releaseId": 602, "issueId": added.ID}, nil)
	if v = get(added.ID); *v.SprintID != 202 || *v.EpicID != 301 || *v.ReleaseVersionID != 602 || v.Data["epic"] != float64(301) {
		t.Fatalf("after sprint/epic/version: %+v", v)
	}
	if ids := pageIDs(tc, http.MethodPost, "/epic/page-issue", map[string]any{"projectId": 101, "id": 301, "pageSize": 100}); !containsID(ids, added.ID) {
		t.Fatalf("epic issues %v miss %d", ids, added.ID)
	}
	if ids := pageIDs(tc, http.MethodPost, "/version/page-associate", map[string]any{"releaseId": 602, "pageSize": 100}); !containsID(ids, added.ID) {
		t.Fatalf("version issues %v miss %d", ids, added.ID)
	}

	// Release the version.
	tc.ok(http.MethodPatch, "/version/release", map[string]any{"id": 602, "releasedDate": clock.now.UnixMilli()}, nil)
	var ver versionDetailView
	tc.ok(http.MethodGet, "/version/detail", map[string]any{"id": 602}, &ver)
	if ver.Status != VersionReleased || int64(ver.ReleasedDate) != clock.now.UnixMilli() || *ver.DaysToRelease != 0 {
		t.Fatalf("released version: %+v", ver)
	}

	// Remove, see it in the trash, restore.
	tc.ok(http.MethodDelete, "/issue/remove", map[string]any{"id": added.ID}, nil)
	tc.fails(codeNotFound, http.MethodGet, "/issue/get", map[string]any{"id": added.ID})
	if got := sprintCount(tc, 101, 202); got != before {
		t.Fatalf("sprint count after remove %d, want %d", got, before)
	}
	var trash page[trashRow]
	tc.ok(http.MethodPost, "/issue/trash/page", map[string]any{"projectIds": []int64{101}}, &trash)
	if trash.Total != 2 || trash.List[0].ID != added.ID || trash.List[0].DeleteBy.ID != DemoUserAlice || trash.List[0].IssueType.Name != "Bug" {
		t.Fatalf("trash: %+v", trash)
	}
	tc.ok(http.MethodPost, "/issue/trash/restore", map[string]any{"id": added.ID}, nil)
	if v = get(added.ID); v.IssueNumber != "MOBILE-16" || sprintCount(tc, 101, 202) != before+1 {
		t.Fatalf("after restore: %+v", v)
	}
}

// containsID reports whether ids holds id.
func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}
