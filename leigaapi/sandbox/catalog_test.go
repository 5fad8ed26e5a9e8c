package sandbox

import (
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
)

// catalogEntry is one endpoint of testdata/endpoints.json.
type catalogEntry struct {
	Module   string          `json:"module"`
	Name     string          `json:"name"`
	Method   string          `json:"method"`
	Path     string          `json:"path"`
	Query    []catalogParam  `json:"query"`
	Body     []catalogParam  `json:"body"`
	Response json.RawMessage `json:"response"`
}

// catalogParam is one parameter of a catalog entry.
type catalogParam struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
}

// key is "METHOD /path".
func (e catalogEntry) key() string { return e.Method + " " + e.Path }

// params are the entry's query or body parameters.
func (e catalogEntry) params() []catalogParam {
	if e.Method == http.MethodGet {
		return e.Query
	}
	return e.Body
}

// loadCatalog reads the project's API catalog.
func loadCatalog(t *testing.T) []catalogEntry {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/endpoints.json")
	if err != nil {
		t.Fatal(err)
	}
	var entries []catalogEntry
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 109 {
		t.Fatalf("catalog has %d entries, want 109", len(entries))
	}
	return entries
}

// validParams builds a valid request for each catalog entry from the demo
// data; some need a setup call first.
var validParams = map[string]func(tc *tester) map[string]any{
	"POST /authorize/access-permanent-token": creds,
	"POST /authorize/access-token":           creds,
	"POST /authorize/refresh-token": func(tc *tester) map[string]any {
		var tok tokenResult
		tc.ok(http.MethodPost, "/authorize/access-token", creds(tc), &tok)
		return map[string]any{"clientId": ClientID, "secretKey": Secret, "refreshToken": tok.RefreshToken}
	},
	"GET /user/project-user-list":          fixed(map[string]any{"projectId": 101, "keyword": "a"}),
	"GET /user/project-user-page":          fixed(map[string]any{"projectId": 101, "pageNumber": 1, "pageSize": 2}),
	"POST /user/add-members":               fixed(map[string]any{"projectId": 102, "userIds": []int64{1006}}),
	"DELETE /user/remove-members":          fixed(map[string]any{"projectId": 101, "userIds": []int64{1005}}),
	"GET /org/all-member-list":             fixed(map[string]any{"key": "acme", "pageNumber": 1, "pageSize": 10}),
	"POST /org/enable-org-user":            fixed(map[string]any{"userId": 1007}),
	"POST /org/disable-org-user":           fixed(map[string]any{"userId": 1005}),
	"DELETE /org/remove-org-user":          fixed(map[string]any{"userId": 1005}),
	"GET /project/project-template":        fixed(nil),
	"GET /project/list":                    fixed(nil),
	"GET /project/project-overview-scheme": fixed(map[string]any{"projectId": 101}),
	"POST /project/add":                    fixed(map[string]any{"projectName": "Data Platform", "templateCode": "SCRUM", "leaderId": 1004, "description": "Warehouse and pipelines"}),
	"PATCH /project/update":                fixed(map[string]any{"id": 101, "data": map[string]any{"description": "Native apps", "leader": 1001}}),
	"GET /project/get-by-project-key":      fixed(map[string]any{"projectKey": "MOBILE"}),
	"GET /project/get":                     fixed(map[string]any{"projectId": 101}),
	"POST /project/role-change":            fixed(map[string]any{"projectId": 101, "userId": 1004, "roleIdList": []int64{1}}),
	"GET /project/role-type":               fixed(nil),
	"POST /project/role-type":              fixed(nil),
	"GET /issue/type-list":                 fixed(map[string]any{"projectId": 101}),
	"GET /issue/issue-scheme":              fixed(map[string]any{"projectId": 101, "issueTypeId": 1}),
	"GET /issue/issue-fields":              fixed(map[string]any{"projectId": 101, "issueTypeId": 1}),
	"GET /issue/issue-field-info":          fixed(map[string]any{"projectId": 101, "issueTypeId": 1, "fieldCode": "status"}),
	"POST /issue/batch-add":                fixed(map[string]any{"projectId": 101, "issueTypeId": 2, "datas": []map[string]any{{"summary": "Profile crash reports"}, {"summary": "Rotate signing keys"}}}),
	"POST /issue/add":                      fixed(map[string]any{"projectId": 101, "issueTypeId": 1, "data": map[string]any{"summary": "Tablet layout", "status": 12}}),
	"PATCH /issue/batch-update":            fixed(map[string]any{"projectId": 101, "issueTypeId": 1, "issueIds": []int64{10001, 10003}, "data": map[string]any{"priority": 1}}),
	"PATCH /issue/update":                  fixed(map[string]any{"id": 10003, "data": map[string]any{"status": 13}}),
	"GET /issue/v2/get":                    fixed(map[string]any{"id": 10003}),
	"GET /issue/get":                       fixed(map[string]any{"id": 10003}),
	"GET /issue/get-by-issue-number":       fixed(map[string]any{"issueNumber": "MOBILE-3"}),
	"DELETE /issue/remove":                 fixed(map[string]any{"id": 10008}),
	"DELETE /issue/batch-remove":           fixed(map[string]any{"projectId": 101, "issueIds": []int64{10008, 10009}}),
	"POST /issue/page":                     fixed(map[string]any{"projectId": 101, "summary": "cache", "statusTypes": []int64{2, 3}, "selectFields": map[string]any{"priority": []int64{2}}, "dateFields": map[string]any{"createTime": []any{0, nil}}, "orderBy": "updateTime", "sort": "ASC", "pageNumber": 1, "pageSize": 5, "showedCustomFieldCodes": []string{severityField}}),
	"POST /issue/v2/page":                  fixed(map[string]any{"projectId": 101, "selectFilter": []map[string]any{{"fieldCode": "assignee", "ids": []int64{1002}}}, "numberFilter": []map[string]any{{"fieldCode": "estimatePoint", "operator": "greaterThan", "value": 1}}}),
	"POST /issue/filter-condition-field":   fixed(map[string]any{"projectId": 101}),
	"POST /issue/select-options":           fixed(map[string]any{"projectId": 101, "customFiledIds": []int64{3, 15}}),
	"GET /issue/relationship-list":         fixed(map[string]any{"id": 10029}),
	"POST /issue/add-relationship":         fixed(map[string]any{"issueId": 10001, "linkedIssueId": 10002, "type": "CAUSES"}),
	"POST /issue/remove-relationship":      fixed(map[string]any{"issueId": 10029, "linkedIssueId": 10032, "type": "BLOCKS"}),
	"POST /issue/batch-add-subtask":        fixed(map[string]any{"issueId": 10003, "datas": []map[string]any{{"summary": "Migrate old caches"}}}),
	"DELETE /issue/remove-subtask":         fixed(map[string]any{"issueId": 10003, "subTaskId": 10012}),
	"PATCH /issue/update-subtask":          fixed(map[string]any{"id": 10012, "data": map[string]any{"assignee": 1002}}),
	"POST /issue/list-subtask":             fixed(map[string]any{"id": 10003}),
	"PATCH /issue/update-subtask-status":   fixed(map[string]any{"id": 10012, "projectId": 101, "done": true}),
	"POST /issue/list-subtask-field":       fixed(map[string]any{"projectId": 101, "issueTypeId": 1}),
	"POST /issue/labour-record/add":        fixed(map[string]any{"issueId": 10003, "labour": 1.5, "recordTime": ts(0, 17), "remarks": "Pairing"}),
	"PATCH /issue/labour-record/update":    fixed(map[string]any{"id": 8001, "labour": 4}),
	"DELETE /issue/labour-record/delete":   fixed(map[string]any{"id": 8001}),
	"POST /issue/labour-record/page":       fixed(map[string]any{"projectId": 101, "issueId": 10003}),
	"POST /issue/trash-select-options":     fixed(nil),
	"POST /issue/trash/page":               fixed(map[string]any{"projectIds": []int64{101}}),
	"POST /issue/trash/restore":            fixed(map[string]any{"id": 10037}),
	"POST /issue/page-finished":            fixed(map[string]any{"projectIds": []int64{101}, "pageNumber": 1}),
	"POST /sprint/add":                     fixed(map[string]any{"projectId": 101, "name": "Sprint 14", "startDate": ts(22, 9), "endDate": ts(35, 18), "goal": "Tablet support", "assignee": 1002}),
	"PATCH /sprint/update":                 fixed(map[string]any{"id": 203, "name": "Sprint 13", "goal": "Biometrics"}),
	"POST /sprint/remove":                  fixed(map[string]any{"sprintId": 203}),
	"GET /sprint/get":                      fixed(map[string]any{"id": 202}),
	"POST /sprint/list-with-count":         fixed(map[string]any{"projectId": 101}),
	"POST /workflow/list":                  fixed(map[string]any{"projectId": 101}),
	"POST /workflow/list/next-state":       fixed(map[string]any{"defId": 401, "stateId": 12}),
	"POST /tag/add":                        fixed(map[string]any{"projectId": 101, "tagName": "performance"}),
	"PATCH /tag/update":                    fixed(map[string]any{"id": 503, "tagName": "design"}),
	"DELETE /tag/remove":                   fixed(map[string]any{"id": 503}),
	"POST /tag/list":                       fixed(map[string]any{"projectId": 101}),
	"GET /epic/filter-options":             fixed(map[string]any{"projectId": 101}),
	"POST /epic/page":                      fixed(map[string]any{"projectId": 101, "keyword": "offline"}),
	"POST /epic/page-issue":                fixed(map[string]any{"projectId": 101, "id": 301}),
	"GET /epic/epic-fields":                fixed(map[string]any{"projectId": 101}),
	"GET /epic/epic-field-info":            fixed(map[string]any{"projectId": 101, "fieldCode": "owner"}),
	"POST /epic/add":                       fixed(map[string]any{"projectId": 101, "data": map[string]any{"summary": "Tablet layout"}}),
	"POST /epic/update":                    fixed(map[string]any{"id": 301, "data": map[string]any{"status": 14}}),
	"POST /epic/remove":                    fixed(map[string]any{"id": 302}),
	"GET /epic/detail":                     fixed(map[string]any{"id": 301}),
	"POST /epic/relation-issue":            fixed(map[string]any{"epicId": 301, "issueIds": []int64{10007}}),
	"GET /version/version-status-list":     fixed(nil),
	"GET /version/optional-owner-list":     fixed(nil),
	"POST /version/all-version":            fixed(map[string]any{"name": "v1", "statusList": []string{"released"}, "pageNumber": 1}),
	"POST /version/add":                    fixed(map[string]any{"name": "v1.2", "ownerId": 1001, "startDate": ts(14, 9), "planDate": ts(45, 18), "description": "Biometrics"}),
	"PATCH /version/update":                fixed(map[string]any{"id": 602, "name": "v1.1", "ownerId": 1002, "description": "Offline reading"}),
	"DELETE /version/remove":               fixed(map[string]any{"id": 603}),
	"PATCH /version/release":               fixed(map[string]any{"id": 602, "releasedDate": ts(1, 12)}),
	"PATCH /version/unrelease":             fixed(map[string]any{"id": 601}),
	"PATCH /version/archive":               fixed(map[string]any{"id": 601}),
	"PATCH /version/unarchive":             fixed(map[string]any{"id": 603}),
	"GET /version/detail":                  fixed(map[string]any{"id": 602}),
	"PATCH /version/associate-issue":       fixed(map[string]any{"releaseId": 602, "issueId": 10004}),
	"PATCH /version/disassociate-issue":    fixed(map[string]any{"releaseId": 602, "issueId": 10003}),
	"POST /version/page-associate":         fixed(map[string]any{"releaseId": 601}),
	"GET /webhook/list-types":              fixed(map[string]any{"projectId": 102}),
	"GET /webhook/list-events":             fixed(map[string]any{"projectId": 102}),
	"POST /webhook/add":                    fixed(map[string]any{"projectId": 101, "name": "CI", "url": "https://ci.acme.example/hook", "type": "slack", "state": "enabled", "eventIds": []int64{1}}),
	"DELETE /webhook/delete":               fixed(map[string]any{"webhookId": 701}),
	"PATCH /webhook/update":                fixed(map[string]any{"webhookId": 701, "state": "disabled"}),
	"GET /webhook/get":                     fixed(map[string]any{"webhookId": 701}),
	"POST /webhook/page":                   fixed(map[string]any{"projectId": 102}),
	"POST /comment/add":                    fixed(map[string]any{"commentModule": "issue", "linkId": 10003, "content": "<p>Agreed</p>", "commentId": 7001}),
	"PATCH /comment/update":                fixed(map[string]any{"commentId": 7002, "content": "<p>Edited</p>"}),
	"DELETE /comment/remove":               fixed(map[string]any{"id": 7001}),
	"POST /comment/page":                   fixed(map[string]any{"commentModule": "issue", "linkId": 10003}),
	"PATCH /comment/update-sticker-status": fixed(map[string]any{"linkModule": "issue", "linkEntity": "comment", "linkId": 7001, "stickerCode": "liga-OK", "deleteFlag": 0, "issueId": 10003}),
	"POST /comment/list-sticker":           fixed(nil),
	"POST /file/upload":                    fixed(nil), // multipart, see sendValid
	"POST /file/download":                  fixed(map[string]any{"fileKey": "fk-9001"}),
	"DELETE /file/remove":                  fixed(map[string]any{"fileKey": "fk-9001"}),
	"POST /file/list":                      fixed(map[string]any{"linkModule": "issue", "linkEntity": "attachment", "linkId": 10002}),
	"POST /file/bind":                      fixed(map[string]any{"fileKey": "fk-9001", "linkModule": "issue", "linkEntity": "attachment", "linkId": 10003}),
	"POST /msg/list":                       fixed(map[string]any{"read": false, "category": []string{"comment", "responsible"}}),
}

// creds are valid /authorize parameters.
func creds(*tester) map[string]any { return map[string]any{"clientId": ClientID, "secretKey": Secret} }

// fixed returns params that need no setup.
func fixed(params map[string]any) func(*tester) map[string]any {
	return func(*tester) map[string]any { return maps.Clone(params) }
}

// Catalog exceptions, each with its reason:
//   - POST /file/upload takes multipart/form-data, not JSON: sendValid
//     builds the form, and "omitting file" means a form without that part.
//   - POST /file/download answers the raw bytes, not an envelope, so its
//     valid call is checked byte for byte instead of for code "0".
//   - POST /project/role-type has no response example (confidence
//     "guess"); the sandbox answers it like GET /project/role-type.
const (
	uploadKey   = "POST /file/upload"
	downloadKey = "POST /file/download"
)

// sendValid sends the valid request of an entry, under /openapi/api.
func sendValid(tc *tester, e catalogEntry, params map[string]any) reply {
	if e.key() == uploadKey {
		return tc.upload("notes.txt", "text/plain", []byte("release notes"))
	}
	return tc.call(e.Method, "/openapi/api"+e.Path, params)
}

// TestCatalogValidRequests sends a valid request to every catalog entry
// and checks code "0" and the response field names of the catalog example.
func TestCatalogValidRequests(t *testing.T) {
	for _, e := range loadCatalog(t) {
		t.Run(e.key(), func(t *testing.T) {
			build, ok := validParams[e.key()]
			if !ok {
				t.Fatalf("no valid params for %s", e.key())
			}
			tc := newTester(t, Options{})
			r := sendValid(tc, e, build(tc))
			if e.key() == downloadKey {
				if r.Status != http.StatusOK || !strings.HasPrefix(string(r.Body), "FATAL EXCEPTION") || r.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
					t.Fatalf("download: HTTP %d %q %q", r.Status, r.Header.Get("Content-Type"), r.Body)
				}
				return
			}
			if r.Status != http.StatusOK || r.Code != codeOK {
				t.Fatalf("HTTP %d code %q msg %q", r.Status, r.Code, r.Msg)
			}
			var example, got any
			_ = json.Unmarshal(e.Response, &example)
			if err := json.Unmarshal(r.Data, &got); err != nil {
				t.Fatal(err)
			}
			if problems := shapeDiff("data", example, got); len(problems) > 0 {
				t.Errorf("response shape differs from the catalog example:\n%s\ngot %s", strings.Join(problems, "\n"), r.Data)
			}
		})
	}
}

// shapeDiff lists the keys of the catalog example missing from got,
// recursing into objects and the first element of arrays.
func shapeDiff(path string, example, got any) []string {
	switch ex := example.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{path + ": want an object"}
		}
		var out []string
		for _, k := range slices.Sorted(maps.Keys(ex)) {
			v, ok := g[k]
			if !ok {
				out = append(out, path+"."+k+": missing")
				continue
			}
			out = append(out, shapeDiff(path+"."+k, ex[k], v)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{path + ": want an array"}
		}
		if len(ex) == 0 || len(g) == 0 {
			return nil
		}
		return shapeDiff(path+"[0]", ex[0], g[0])
	}
	return nil
}

// TestCatalogRequiredParams omits each required parameter of every entry
// in turn and expects code "400" naming it.
func TestCatalogRequiredParams(t *testing.T) {
	for _, e := range loadCatalog(t) {
		for _, p := range e.params() {
			if !p.Required {
				continue
			}
			t.Run(e.key()+" without "+p.Name, func(t *testing.T) {
				tc := newTester(t, Options{})
				params := validParams[e.key()](tc)
				delete(params, p.Name)
				var r reply
				if e.key() == uploadKey {
					r = tc.upload("", "", nil)
				} else {
					r = tc.call(e.Method, e.Path, params)
				}
				if r.Status != http.StatusOK || r.Code != codeBadRequest || !strings.Contains(r.Msg, p.Name) {
					t.Fatalf("HTTP %d code %q msg %q; want code 400 naming %s", r.Status, r.Code, r.Msg, p.Name)
				}
			})
		}
	}
}

// TestCatalogNeedsToken expects HTTP 401 and code "401" from every
// non-/authorize entry called without a token or with a bad one.
func TestCatalogNeedsToken(t *testing.T) {
	tc := newTester(t, Options{})
	for _, e := range loadCatalog(t) {
		if e.Module == "authorize" {
			continue
		}
		for _, token := range []string{"", "not-a-token"} {
			tc.token = token
			r := tc.call(e.Method, e.Path, validParams[e.key()](tc))
			if r.Status != http.StatusUnauthorized || r.Code != codeUnauthorized || r.Msg != "accessToken invalid or expired" {
				t.Errorf("%s with token %q: HTTP %d code %q msg %q", e.key(), token, r.Status, r.Code, r.Msg)
			}
		}
	}
}

// TestRoutesMatchCatalog checks that the route table serves exactly the
// catalog, in its order.
func TestRoutesMatchCatalog(t *testing.T) {
	entries := loadCatalog(t)
	if len(routes) != len(entries) {
		t.Fatalf("%d routes for %d catalog entries", len(routes), len(entries))
	}
	for i, e := range entries {
		if routes[i].ep.Method() != e.Method || routes[i].ep.Path() != e.Path {
			t.Errorf("route %d is %s %s, catalog has %s", i, routes[i].ep.Method(), routes[i].ep.Path(), e.key())
		}
	}
}
