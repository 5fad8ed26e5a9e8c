package sandbox

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDemoSeedDeterministic expects two DemoSeed calls to be identical and
// valid.
func TestDemoSeedDeterministic(t *testing.T) {
	a, _ := json.Marshal(DemoSeed())
	b, _ := json.Marshal(DemoSeed())
	if string(a) != string(b) {
		t.Fatal("DemoSeed differs between calls")
	}
	if _, err := newStore(DemoSeed()); err != nil {
		t.Fatal(err)
	}
	s := DemoSeed()
	if s.CurrentUserID != DemoUserAlice || len(s.Projects) != 3 || len(s.Issues) != 37 {
		t.Fatalf("demo: user %d, %d projects, %d issues", s.CurrentUserID, len(s.Projects), len(s.Issues))
	}
}

// TestSeedFile loads the demo from a JSON file and serves the same data;
// Options.Seed wins over SeedFile.
func TestSeedFile(t *testing.T) {
	raw, _ := json.MarshalIndent(DemoSeed(), "", "  ")
	path := filepath.Join(t.TempDir(), "seed.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := newTester(t, Options{SeedFile: path})
	builtIn := newTester(t, Options{})
	for _, params := range []map[string]any{{"projectId": 101, "pageSize": 50}, {"projectId": 103, "pageSize": 50}} {
		a := fromFile.ok(http.MethodPost, "/issue/page", params, nil)
		b := builtIn.ok(http.MethodPost, "/issue/page", params, nil)
		if string(a.Data) != string(b.Data) {
			t.Fatalf("seed file serves different issues for %v", params)
		}
	}
	if _, err := New(Options{SeedFile: filepath.Join(t.TempDir(), "missing.json")}); err == nil {
		t.Fatal("missing seed file accepted")
	}
	seed := DemoSeed()
	seed.Org = "Initech"
	sb, err := New(Options{Seed: seed, SeedFile: "/does/not/exist.json"})
	if err != nil || sb.seed.Org != "Initech" {
		t.Fatalf("Options.Seed should win: %v", err)
	}
	seed.Issues[0].Summary = "changed after New"
	tc := &tester{t: t, sb: sb, token: StaticToken}
	var v issueView
	tc.ok(http.MethodGet, "/issue/get", map[string]any{"id": 10001}, &v)
	if v.Summary != "Sign in with Apple on iOS" {
		t.Fatal("the sandbox aliases the caller's seed")
	}
}

// TestSeedValidation rejects seeds with dangling references.
func TestSeedValidation(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(s *Seed)
		want   string
	}{
		{"current user", func(s *Seed) { s.CurrentUserID = 42 }, "currentUserId 42"},
		{"issue project", func(s *Seed) { s.Issues[0].ProjectID = 999 }, "unknown project 999"},
		{"issue status", func(s *Seed) { s.Issues[0].StatusID = 21 }, "status 21 is not in the project workflow"},
		{"duplicate number", func(s *Seed) { s.Issues[1].Number = 1 }, "duplicate issue number"},
		{"foreign tag", func(s *Seed) { s.Issues[0].Labels = ids(511) }, "tag 511 is not a tag of project 101"},
		{"sprint of another project", func(s *Seed) { s.Issues[0].SprintID = 212 }, "sprint 212"},
		{"relation", func(s *Seed) { s.Issues[0].Relations = []Relation{{Type: "LIKES", IssueID: 10002}} }, `unknown relation type "LIKES"`},
		{"comment parent", func(s *Seed) { s.Comments[1].ParentID = 7004 }, "parent 7004"},
		{"webhook type", func(s *Seed) { s.Webhooks[0].Type = "teams" }, `unknown type "teams"`},
		{"next state", func(s *Seed) { s.Projects[0].Workflow.States[0].Next = ids(21) }, "next state 21"},
		{"message receiver", func(s *Seed) { s.Messages[0].ReceiverID = 42 }, "message 801: unknown receiver 42"},
		{"message trigger", func(s *Seed) { s.Messages[0].TriggerID = 42 }, "message 801: unknown trigger 42"},
		{"message category", func(s *Seed) { s.Messages[0].Category = "spam" }, `message 801: unknown category "spam"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DemoSeed()
			tt.mutate(s)
			_, err := New(Options{Seed: s})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestSeedRelationsInverse adds the inverse of seeded relations.
func TestSeedRelationsInverse(t *testing.T) {
	st, err := newStore(DemoSeed())
	if err != nil {
		t.Fatal(err)
	}
	if got := st.issues[10032].Relations; !reflect.DeepEqual(got, []Relation{{Type: "IS_BLOCKS_BY", IssueID: 10029}}) {
		t.Fatalf("OPS-5 relations %+v", got)
	}
	if st.projects[DemoProjectMobile].NextIssueNumber != 16 || st.next[kindIssue] != 10037 {
		t.Fatalf("counters: next number %d, last issue id %d", st.projects[DemoProjectMobile].NextIssueNumber, st.next[kindIssue])
	}
}

// TestReset restores the seed data.
func TestReset(t *testing.T) {
	tc := newTester(t, Options{})
	tc.ok(http.MethodDelete, "/issue/remove", map[string]any{"id": 10001}, nil)
	tc.sb.SetFaults(Faults{Latency: 1})
	tc.sb.RevokeTokens()
	if err := tc.sb.Reset(); err != nil {
		t.Fatal(err)
	}
	tc.ok(http.MethodGet, "/issue/get", map[string]any{"id": 10001}, nil)
	if s := tc.sb.Stats(); len(s.Requests) != 1 {
		t.Fatalf("stats after reset: %+v", s)
	}
}

// TestDemoSeedMessages: every active demo user but DemoUserWithoutMessages
// has a personal message, and that one is active and has none.
func TestDemoSeedMessages(t *testing.T) {
	s := DemoSeed()
	count := map[int64]int{}
	for _, m := range s.Messages {
		count[m.ReceiverID]++
	}
	active := 0
	for _, u := range s.Users {
		if u.Disabled || u.Removed {
			continue
		}
		active++
		switch n := count[u.ID]; {
		case u.ID == DemoUserWithoutMessages && n != 0:
			t.Errorf("%s (DemoUserWithoutMessages) has %d messages", u.Name, n)
		case u.ID != DemoUserWithoutMessages && n == 0:
			t.Errorf("%s has no personal message", u.Name)
		}
	}
	if active != 6 || count[DemoUserAlice] != 5 {
		t.Fatalf("%d active users, Alice has %d messages", active, count[DemoUserAlice])
	}
	if u := s.Users[slices.IndexFunc(s.Users, func(u *User) bool { return u.ID == DemoUserWithoutMessages })]; u.Disabled || u.Removed || u.Name != "Frank Li" {
		t.Fatalf("DemoUserWithoutMessages is %+v", u)
	}
}
