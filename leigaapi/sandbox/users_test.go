package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
)

// credential is one way for a user to hold an access token.
type credential struct {
	name  string
	token func(tc *tester, clientID, static string) string
}

// credentialKinds are the static token and the tokens a client id obtains.
var credentialKinds = []credential{
	{"static token", func(_ *tester, _, static string) string { return static }},
	{"access token", func(tc *tester, clientID, _ string) string {
		var tok tokenResult
		tc.ok(http.MethodPost, "/authorize/access-token", map[string]any{"clientId": clientID, "secretKey": Secret}, &tok)
		return tok.AccessToken
	}},
	{"permanent token", func(tc *tester, clientID, _ string) string {
		var tok tokenResult
		tc.ok(http.MethodPost, "/authorize/access-permanent-token", map[string]any{"clientId": clientID, "secretKey": Secret}, &tok)
		return tok.AccessToken
	}},
}

// TestCallsActAsTheirUser: for several users, the static token and the
// tokens of the client id act as that user: /msg/list lists their messages,
// /project/list their projects, and new issues and comments are theirs
// (a mention in the comment names them as trigger). The default
// credentials act as the seed's current user; a disabled user's are
// refused.
func TestCallsActAsTheirUser(t *testing.T) {
	const alice, bob, carol, david, emma, frank = DemoUserAlice, DemoUserBob, DemoUserCarol, DemoUserDavid, DemoUserEmma, DemoUserFrank
	tests := []struct {
		name     string
		user     int64
		clientID string
		static   string
		messages []int64 // /msg/list ids, newest first
		projects []int64 // /project/list ids
		project  int64   // where the user creates an issue
		mention  int64   // who the user's comment mentions
	}{
		{"default credentials", alice, ClientID, StaticToken, ids(802, 805, 801, 803, 804), ids(101, 102, 103), 103, bob},
		{"Alice", alice, ClientIDFor(alice), StaticTokenFor(alice), ids(802, 805, 801, 803, 804), ids(101, 102, 103), 101, frank},
		{"Bob", bob, ClientIDFor(bob), StaticTokenFor(bob), ids(806, 807), ids(101), 101, alice},
		{"Carol", carol, ClientIDFor(carol), StaticTokenFor(carol), ids(808), ids(101, 102), 102, david},
		{"David", david, ClientIDFor(david), StaticTokenFor(david), ids(809), ids(101, 102, 103), 103, frank},
		{"Emma", emma, ClientIDFor(emma), StaticTokenFor(emma), ids(810), ids(101, 102), 102, carol},
		{"Frank, without messages", frank, ClientIDFor(frank), StaticTokenFor(frank), ids(), ids(103), 103, alice},
	}
	for _, tt := range tests {
		for _, cred := range credentialKinds {
			t.Run(tt.name+"/"+cred.name, func(t *testing.T) {
				admin := newTester(t, Options{})
				me := admin.as(cred.token(admin, tt.clientID, tt.static))
				name := admin.sb.seed.Users[slices.IndexFunc(admin.sb.seed.Users, func(u *User) bool { return u.ID == tt.user })].Name

				var msgs page[messageRow]
				me.ok(http.MethodPost, "/msg/list", map[string]any{"pageSize": 50}, &msgs)
				var got []int64
				for _, m := range msgs.List {
					got = append(got, m.MsgID)
					if m.ReceiverID != tt.user || m.ReceiverName != name {
						t.Errorf("message %d: receiver %d %q, want %d %q", m.MsgID, m.ReceiverID, m.ReceiverName, tt.user, name)
					}
				}
				if !slices.Equal(got, tt.messages) || msgs.Total != len(tt.messages) {
					t.Errorf("/msg/list ids %v (total %d), want %v", got, msgs.Total, tt.messages)
				}

				var projects []projectRow
				me.ok(http.MethodGet, "/project/list", nil, &projects)
				if got := mapList(projects, func(p projectRow) int64 { return p.ID }); !slices.Equal(got, tt.projects) {
					t.Errorf("/project/list %v, want %v", got, tt.projects)
				}

				var added createdIssue
				me.ok(http.MethodPost, "/issue/add", map[string]any{"projectId": tt.project, "issueTypeId": typeTask, "data": map[string]any{"summary": "Made by " + name}}, &added)
				var detail issueDetail
				me.ok(http.MethodGet, "/issue/get", map[string]any{"id": added.ID}, &detail)
				if detail.CreateBy != tt.user || detail.CreateByName != name || int64(detail.OwnerID) != tt.user {
					t.Errorf("new issue: createBy %d %q, owner %d; want %d %q", detail.CreateBy, detail.CreateByName, detail.OwnerID, tt.user, name)
				}

				var comment created
				me.ok(http.MethodPost, "/comment/add", map[string]any{"commentModule": "issue", "linkId": added.ID, "content": "<p>Have a look</p>",
					"commentAttributes": map[string]any{"commentAtInfos": []map[string]any{{"userId": tt.mention}}}}, &comment)
				var comments commentPage
				me.ok(http.MethodPost, "/comment/page", map[string]any{"commentModule": "issue", "linkId": added.ID}, &comments)
				if len(comments.List) != 1 || comments.List[0].CommentID != comment.ID || comments.List[0].CommentUser.UserID != tt.user {
					t.Errorf("new comment: %+v, want one by %d", comments.List, tt.user)
				}
				var mentioned page[messageRow]
				admin.as(StaticTokenFor(tt.mention)).ok(http.MethodPost, "/msg/list", map[string]any{"pageSize": 1}, &mentioned)
				if len(mentioned.List) != 1 || mentioned.List[0].TriggerName != name || mentioned.List[0].ReceiverID != tt.mention || mentioned.List[0].Action != "at" {
					t.Errorf("mention message of %d: %+v, want one triggered by %q", tt.mention, mentioned.List, name)
				}
			})
		}
	}

	t.Run("disabled user refused", func(t *testing.T) {
		tc := newTester(t, Options{})
		for _, path := range []string{"/authorize/access-token", "/authorize/access-permanent-token"} {
			tc.fails(codeBadCredentials, http.MethodPost, path, userCreds(DemoUserGrace))
		}
		if r := tc.as(StaticTokenFor(DemoUserGrace)).call(http.MethodPost, "/msg/list", nil); r.Status != http.StatusUnauthorized {
			t.Errorf("static token of disabled Grace: HTTP %d", r.Status)
		}
	})
}

// TestTwoUsersOnOneServer: Bob (static token) and Carol (client-id token)
// call one HTTP server at the same time; each sees their own messages and
// projects, and the issues each creates are theirs.
func TestTwoUsersOnOneServer(t *testing.T) {
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sb)
	defer srv.Close()
	send := func(method, token, path string, params map[string]any, out any) error {
		req := request(method, srv.URL+"/openapi/api"+path, params)
		req.RequestURI = "" // a server-side request, sent by a client
		if token != "" {
			req.Header.Set("accessToken", token)
		}
		resp, err := srv.Client().Do(req.WithContext(t.Context()))
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		var env struct {
			Code string          `json:"code"`
			Msg  string          `json:"msg"`
			Data json.RawMessage `json:"data"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
			return err
		}
		if env.Code != codeOK {
			return fmt.Errorf("%s: code %s %s", path, env.Code, env.Msg)
		}
		return json.Unmarshal(env.Data, out)
	}
	var carol tokenResult
	if err := send(http.MethodPost, "", "/authorize/access-token", userCreds(DemoUserCarol), &carol); err != nil {
		t.Fatal(err)
	}
	users := []struct {
		id       int64
		token    string
		newest   int64   // id of the user's newest message
		projects []int64 // /project/list ids
	}{
		{DemoUserBob, StaticTokenFor(DemoUserBob), 806, ids(DemoProjectMobile)},
		{DemoUserCarol, carol.AccessToken, 808, ids(DemoProjectMobile, DemoProjectWeb)},
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		creator = map[int64]int64{} // new issue id -> the user who created it
	)
	for _, u := range users {
		for i := range 10 {
			wg.Go(func() {
				var added createdIssue
				if err := send(http.MethodPost, u.token, "/issue/add", map[string]any{"projectId": DemoProjectMobile, "issueTypeId": typeTask, "data": map[string]any{"summary": fmt.Sprintf("Issue %d of %d", i, u.id)}}, &added); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				creator[added.ID] = u.id
				mu.Unlock()
				var msgs page[messageRow]
				if err := send(http.MethodPost, u.token, "/msg/list", map[string]any{"pageSize": 1}, &msgs); err != nil {
					t.Error(err)
					return
				}
				if len(msgs.List) != 1 || msgs.List[0].MsgID != u.newest || msgs.List[0].ReceiverID != u.id {
					t.Errorf("user %d sees messages %+v", u.id, msgs.List)
				}
				var projects []projectRow
				if err := send(http.MethodGet, u.token, "/project/list", nil, &projects); err != nil {
					t.Error(err)
					return
				}
				if got := mapList(projects, func(p projectRow) int64 { return p.ID }); !slices.Equal(got, u.projects) {
					t.Errorf("user %d sees projects %v, want %v", u.id, got, u.projects)
				}
			})
		}
	}
	wg.Wait()
	if len(creator) != 20 {
		t.Fatalf("%d issues created, want 20", len(creator))
	}
	for id, want := range creator {
		var detail issueDetail
		if err := send(http.MethodGet, StaticToken, "/issue/get", map[string]any{"id": id}, &detail); err != nil {
			t.Fatal(err)
		}
		if detail.CreateBy != want || int64(detail.OwnerID) != want {
			t.Errorf("issue %d: createBy %d owner %d, want %d", id, detail.CreateBy, detail.OwnerID, want)
		}
	}
}
