package resolve

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox/sandboxtest"
	"github.com/leiga-mcp/leiga-mcp/schemas"
)

// sandboxNow is the fixed clock of sandbox tests.
var sandboxNow = sandboxtest.Now

// sandboxOptions configure newSandboxResolver.
type sandboxOptions struct {
	me   string // who "me" is; default the demo API user, Alice Chen (1001)
	noMe bool   // leave "me" unset, as without LEIGA_USER
}

// newSandboxResolver returns a fresh sandbox and a resolver over it (UTC,
// fixed clock) whose "me" is the sandbox's API user unless opts say else.
func newSandboxResolver(t testing.TB, opts ...sandboxOptions) (*sandbox.Sandbox, *Resolver) {
	t.Helper()
	var o sandboxOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	sb, api := sandboxtest.New(t)
	me := o.me
	if me == "" && !o.noMe {
		me = strconv.FormatInt(sandbox.DemoUserAlice, 10)
	}
	return sb, New(api, Options{Me: me, Location: time.UTC, Now: func() time.Time { return sandboxNow }})
}

// resolveCase resolves one name against the demo sandbox.
type resolveCase struct {
	name    string
	resolve func(ctx context.Context, r *Resolver) (Ref, error)
	want    string   // the resolved name; "" when an error is expected
	wantID  int64    // checked when non-zero
	errHas  []string // substrings of the error message
}

var (
	mobile = Ref{ID: sandbox.DemoProjectMobile}
	ops    = Ref{ID: sandbox.DemoProjectOps}
	any_   = Ref{} // every project
)

func resolveCases() []resolveCase {
	project := func(q string) func(context.Context, *Resolver) (Ref, error) {
		return func(ctx context.Context, r *Resolver) (Ref, error) { return r.Project(ctx, q) }
	}
	in := func(p Ref, f func(*Resolver, context.Context, Ref, string) (Ref, error), q string) func(context.Context, *Resolver) (Ref, error) {
		return func(ctx context.Context, r *Resolver) (Ref, error) { return f(r, ctx, p, q) }
	}
	status := func(p Ref, q string) func(context.Context, *Resolver) (Ref, error) {
		return func(ctx context.Context, r *Resolver) (Ref, error) { return r.Status(ctx, p, 0, q) }
	}
	version := func(q string) func(context.Context, *Resolver) (Ref, error) {
		return func(ctx context.Context, r *Resolver) (Ref, error) { return r.Version(ctx, q) }
	}
	return []resolveCase{
		// project: key, name, id
		{name: "project/key", resolve: project("MOBILE"), want: "Mobile App", wantID: sandbox.DemoProjectMobile},
		{name: "project/key lower", resolve: project("web"), want: "Web Platform"},
		{name: "project/name", resolve: project("operations"), want: "Operations"},
		{name: "project/id", resolve: project("103"), want: "Operations"},
		{name: "project/prefix", resolve: project("Mob"), want: "Mobile App"},
		{name: "project/substring", resolve: project("platform"), want: "Web Platform"},
		{name: "project/ambiguous", resolve: project("at"), errHas: []string{`project "at" is ambiguous`, "Web Platform (WEB), Operations (OPS)"}},
		{name: "project/unknown", resolve: project("Mobil App X"), errHas: []string{`no project matches "Mobil App X"`, "Closest: Mobile App (MOBILE)", "Valid projects: Mobile App (MOBILE), Web Platform (WEB), Operations (OPS)"}},

		// issue type
		{name: "type/exact", resolve: in(mobile, (*Resolver).IssueType, "Bug"), want: "Bug", wantID: 3},
		{name: "type/case", resolve: in(mobile, (*Resolver).IssueType, "story"), want: "Story"},
		{name: "type/prefix", resolve: in(mobile, (*Resolver).IssueType, "ta"), want: "Task"},
		{name: "type/ambiguous", resolve: in(any_, (*Resolver).IssueType, "bug"), errHas: []string{`issue type "bug" is ambiguous in any project`, "Bug (MOBILE), Bug (WEB), Bug (OPS)"}},
		{name: "type/unknown", resolve: in(mobile, (*Resolver).IssueType, "Epic"), errHas: []string{`no issue type matches "Epic" in project MOBILE`, "Valid issue types: Story, Task, Bug"}},

		// status, per project workflow and across projects
		{name: "status/exact", resolve: status(mobile, "In Review"), want: "In Review", wantID: 13},
		{name: "status/case", resolve: status(mobile, "done"), want: "Done", wantID: 14},
		{name: "status/prefix", resolve: status(mobile, "to"), want: "To Do"},
		{name: "status/substring", resolve: status(mobile, "prog"), want: "In Progress", wantID: 12},
		{name: "status/ambiguous", resolve: status(mobile, "in"), errHas: []string{`status "in" is ambiguous in project MOBILE`, "In Progress, In Review"}},
		{name: "status/unknown", resolve: status(mobile, "Doen"), errHas: []string{`no status matches "Doen" in project MOBILE`, "Closest: Done", "Valid statuses: To Do, In Progress, In Review, Done"}},
		{name: "status/other workflow", resolve: status(ops, "blocked"), want: "Blocked", wantID: 33},
		{name: "status/any project unique", resolve: status(any_, "Resolved"), want: "Resolved", wantID: 34},
		{name: "status/any project ambiguous", resolve: status(any_, "In Progress"), errHas: []string{"ambiguous in any project", "In Progress (MOBILE)", "In Progress (WEB)", "In Progress (OPS)", "name the project"}},

		// priority
		{name: "priority/exact", resolve: in(mobile, (*Resolver).Priority, "High"), want: "High", wantID: 2},
		{name: "priority/case", resolve: in(mobile, (*Resolver).Priority, "HIGHEST"), want: "Highest", wantID: 1},
		{name: "priority/prefix", resolve: in(mobile, (*Resolver).Priority, "med"), want: "Medium"},
		{name: "priority/ambiguous", resolve: in(mobile, (*Resolver).Priority, "hi"), errHas: []string{"ambiguous", "Highest, High"}},
		{name: "priority/unknown", resolve: in(mobile, (*Resolver).Priority, "urgent"), errHas: []string{`no priority matches "urgent"`, "Valid priorities: Highest, High, Medium, Low"}},

		// sprint
		{name: "sprint/exact", resolve: in(mobile, (*Resolver).Sprint, "Sprint 12"), want: "Sprint 12", wantID: 202},
		{name: "sprint/case", resolve: in(mobile, (*Resolver).Sprint, "sprint 13"), want: "Sprint 13", wantID: 203},
		{name: "sprint/substring", resolve: in(mobile, (*Resolver).Sprint, "11"), want: "Sprint 11", wantID: 201},
		{name: "sprint/ambiguous", resolve: in(mobile, (*Resolver).Sprint, "sprint 1"), errHas: []string{"ambiguous", "Sprint 11 (closed), Sprint 12 (active), Sprint 13 (not started)"}},
		{name: "sprint/unknown", resolve: in(mobile, (*Resolver).Sprint, "Sprint 14"), errHas: []string{`no sprint matches "Sprint 14" in project MOBILE`, "Closest: Sprint 11 (closed), Sprint 12 (active), Sprint 13 (not started)"}},
		{name: "sprint/any project ambiguous", resolve: in(any_, (*Resolver).Sprint, "Sprint 12"), errHas: []string{"Sprint 12 (MOBILE, active)", "Sprint 12 (WEB, active)", "Sprint 12 (OPS, active)", "or name the project"}},
		{name: "sprint/current", resolve: in(mobile, (*Resolver).Sprint, "current"), want: "Sprint 12", wantID: 202},
		{name: "sprint/active sprint", resolve: in(mobile, (*Resolver).Sprint, "Active Sprint"), want: "Sprint 12", wantID: 202},
		{name: "sprint/next", resolve: in(mobile, (*Resolver).Sprint, "next"), want: "Sprint 13", wantID: 203},
		{name: "sprint/previous", resolve: in(mobile, (*Resolver).Sprint, "last sprint"), want: "Sprint 11", wantID: 201},
		{name: "sprint/no previous", resolve: in(ops, (*Resolver).Sprint, "previous"), errHas: []string{`no sprint matches "previous" in project OPS`, "Sprint 12 (active), Sprint 13 (not started)", "No sprint is closed in project OPS."}},
		{name: "sprint/current in any project", resolve: in(any_, (*Resolver).Sprint, "current"), errHas: []string{`sprint "current" is ambiguous in any project`, "Sprint 12 (MOBILE, active), Sprint 12 (WEB, active), Sprint 12 (OPS, active)"}},

		// version (organisation-wide)
		{name: "version/exact", resolve: version("v1.1"), want: "v1.1", wantID: 602},
		{name: "version/case", resolve: version("V1.0"), want: "v1.0", wantID: 601},
		{name: "version/substring", resolve: version("0.9"), want: "v0.9"},
		{name: "version/ambiguous", resolve: version("v1"), errHas: []string{`version "v1" is ambiguous`, "v1.0", "v1.1"}},
		{name: "version/unknown", resolve: version("v2.0"), errHas: []string{`no version matches "v2.0"`, "Closest: v1.0, v1.1, v0.9", "Valid versions: v1.0, v1.1, v0.9"}},

		// epic
		{name: "epic/exact", resolve: in(mobile, (*Resolver).Epic, "Offline mode"), want: "Offline mode", wantID: 301},
		{name: "epic/case", resolve: in(mobile, (*Resolver).Epic, "ONBOARDING REVAMP"), want: "Onboarding revamp", wantID: 302},
		{name: "epic/prefix", resolve: in(mobile, (*Resolver).Epic, "offl"), want: "Offline mode"},
		{name: "epic/ambiguous", resolve: in(mobile, (*Resolver).Epic, "o"), errHas: []string{"ambiguous", "Offline mode", "Onboarding revamp"}},
		{name: "epic/unknown", resolve: in(mobile, (*Resolver).Epic, "Checkout redesign"), errHas: []string{`no epic matches "Checkout redesign" in project MOBILE`, "Valid epics: Offline mode, Onboarding revamp"}},
		{name: "epic/any project", resolve: in(any_, (*Resolver).Epic, "checkout"), want: "Checkout redesign", wantID: 311},

		// tag
		{name: "tag/exact", resolve: in(mobile, (*Resolver).Tag, "ios"), want: "ios", wantID: 504},
		{name: "tag/case", resolve: in(mobile, (*Resolver).Tag, "UX"), want: "ux", wantID: 503},
		{name: "tag/prefix", resolve: in(mobile, (*Resolver).Tag, "front"), want: "frontend", wantID: 502},
		{name: "tag/ambiguous", resolve: in(mobile, (*Resolver).Tag, "nd"), errHas: []string{`tag "nd" is ambiguous in project MOBILE: it matches frontend, android`}},
		{name: "tag/unknown", resolve: in(mobile, (*Resolver).Tag, "backend"), errHas: []string{`no tag matches "backend" in project MOBILE`, "Valid tags: bug, frontend, ux, ios, android"}},
		{name: "tag/any project unique", resolve: in(any_, (*Resolver).Tag, "security"), want: "security", wantID: 522},
		{name: "tag/any project ambiguous", resolve: in(any_, (*Resolver).Tag, "bug"), errHas: []string{"bug (MOBILE)", "bug (WEB)"}},

		// member: name, email, id, me
		{name: "member/exact", resolve: in(mobile, (*Resolver).Member, "Bob Martinez"), want: "Bob Martinez", wantID: sandbox.DemoUserBob},
		{name: "member/case", resolve: in(mobile, (*Resolver).Member, "emma schmidt"), want: "Emma Schmidt"},
		{name: "member/prefix", resolve: in(mobile, (*Resolver).Member, "bob"), want: "Bob Martinez"},
		{name: "member/email", resolve: in(mobile, (*Resolver).Member, "david.okafor@acme.example"), want: "David Okafor"},
		{name: "member/id", resolve: in(mobile, (*Resolver).Member, "1003"), want: "Carol Nguyen"},
		{name: "member/ambiguous", resolve: in(mobile, (*Resolver).Member, "ma"), errHas: []string{"ambiguous", "Bob Martinez", "Emma Schmidt"}},
		{name: "member/unknown", resolve: in(mobile, (*Resolver).Member, "Frank Li"), errHas: []string{`no member matches "Frank Li" in project MOBILE`, "Valid members: Alice Chen, Bob Martinez, Carol Nguyen, David Okafor, Emma Schmidt", "Frank Li is in the organisation but not a member of project MOBILE"}},
		{name: "member/organisation", resolve: in(any_, (*Resolver).Member, "frank"), want: "Frank Li", wantID: sandbox.DemoUserFrank},
		{name: "member/me", resolve: in(mobile, (*Resolver).Member, "me"), want: "Alice Chen", wantID: sandbox.DemoUserAlice},
		{name: "member/ME", resolve: in(any_, (*Resolver).Member, " Me "), want: "Alice Chen", wantID: sandbox.DemoUserAlice},
	}
}

func TestResolveKinds(t *testing.T) {
	_, r := newSandboxResolver(t)
	ctx := context.Background()
	for _, tc := range resolveCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.resolve(ctx, r)
			if len(tc.errHas) > 0 {
				var re *Error
				if !errors.As(err, &re) {
					t.Fatalf("got %+v, %v; want a *Error", got, err)
				}
				for _, s := range tc.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q\ndoes not contain %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Name != tc.want || (tc.wantID != 0 && got.ID != tc.wantID) {
				t.Errorf("got %s (%d), want %s (%d)", got.Name, got.ID, tc.want, tc.wantID)
			}
		})
	}
}

func TestResolveIssue(t *testing.T) {
	_, r := newSandboxResolver(t)
	ctx := context.Background()
	for _, q := range []string{"MOBILE-3", "mobile-3", " 10003 ", "#10003"} {
		is, err := r.Issue(ctx, q)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if is.ID != 10003 || is.Number != "MOBILE-3" || is.ProjectKey != "MOBILE" || is.StatusName != "In Progress" || is.StatusCategory != 3 || is.TypeID != 1 {
			t.Errorf("%q: got %+v", q, *is)
		}
	}
	for q, want := range map[string]string{
		"MOBILE-999":    `no issue matches "MOBILE-999"`,
		"99999":         `no issue matches "99999"`,
		"the crash bug": "Give an issue number like MOBILE-12",
		"MOBILE-15":     "trash", // deleted
	} {
		_, err := r.Issue(ctx, q)
		var re *Error
		if !errors.As(err, &re) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want a Error with %q", q, err, want)
		}
	}
}

func TestResolveMeWithoutLeigaUser(t *testing.T) {
	sb, r := newSandboxResolver(t, sandboxOptions{noMe: true})
	ctx := context.Background()
	for range 3 {
		u, err := r.Member(ctx, mobile, "me")
		if err != nil || u.ID != sandbox.DemoUserAlice {
			t.Fatalf("me = %+v, %v; want Alice, found through her messages", u, err)
		}
	}
	id, err := r.WhoAmI(ctx)
	if err != nil || id.Source != "personal messages" || id.Email != "alice.chen@acme.example" {
		t.Errorf("whoami = %+v, %v", id, err)
	}
	if n := sb.Stats().Requests["POST /msg/list"]; n != 1 {
		t.Errorf("%d /msg/list requests, want 1 (cached)", n)
	}
}

func TestResolveMeFromAHeaderWins(t *testing.T) {
	_, r := newSandboxResolver(t)
	ctx := WithUser(context.Background(), "carol")
	id, err := r.WhoAmI(ctx)
	if err != nil || id.User.Name != "Carol Nguyen" || id.Source != "X-Leiga-User header" {
		t.Fatalf("whoami = %+v, %v; want Carol from the header", id, err)
	}
	if _, err := r.WhoAmI(WithUser(context.Background(), "zed")); err == nil || !strings.Contains(err.Error(), `X-Leiga-User header "zed"`) {
		t.Errorf("unknown header user: %v", err)
	}
}

func TestResolveMeByEmailAndUnknown(t *testing.T) {
	_, r := newSandboxResolver(t, sandboxOptions{me: "bob.martinez@acme.example"})
	u, err := r.Me(context.Background())
	if err != nil || u.ID != sandbox.DemoUserBob {
		t.Fatalf("me = %+v, %v; want Bob", u, err)
	}
	_, r = newSandboxResolver(t, sandboxOptions{me: "Zed"})
	_, err = r.Me(context.Background())
	if err == nil || !strings.Contains(err.Error(), `LEIGA_USER="Zed"`) || !strings.Contains(err.Error(), "Alice Chen") {
		t.Fatalf("error %v, want LEIGA_USER named with the valid members", err)
	}
}

func TestResolveDefaultIssueType(t *testing.T) {
	_, r := newSandboxResolver(t)
	typ, err := r.DefaultIssueType(context.Background(), sandbox.DemoProjectWeb)
	if err != nil || typ.Name != "Task" {
		t.Fatalf("default type = %+v, %v; want Task", typ, err)
	}
}

func TestResolveCachesAndSingleFlight(t *testing.T) {
	sb, r := newSandboxResolver(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := r.Tag(ctx, mobile, "ios"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := sb.Stats().Requests["POST /tag/list"]; n != 1 {
		t.Errorf("20 concurrent lookups sent %d /tag/list requests, want 1", n)
	}
	if n := sb.Stats().Requests["GET /project/list"]; n != 1 {
		t.Errorf("sent %d /project/list requests, want 1", n)
	}
	// A miss on a fresh list fails at once.
	if _, err := r.Tag(ctx, mobile, "nope"); err == nil {
		t.Fatal("no error for an unknown tag")
	}
	if n := sb.Stats().Requests["POST /tag/list"]; n != 1 {
		t.Errorf("after a miss on a fresh list: %d /tag/list requests, want 1", n)
	}
}

// testClock is a clock a test moves forward by hand.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

// Now is the clock's time.
func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestResolveMissRefreshesAnOlderList(t *testing.T) {
	sb, api := sandboxtest.New(t)
	clock := &testClock{now: sandboxNow}
	r := New(api, Options{Now: clock.Now})
	ctx := context.Background()
	if _, err := r.Tag(ctx, mobile, "ios"); err != nil {
		t.Fatal(err)
	}
	// A tag made meanwhile (through the API, or the web app).
	if _, err := endpoints.Call(ctx, api, endpoints.TagAdd, schemas.TagAdd{ProjectID: sandbox.DemoProjectMobile, TagName: "tablet"}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(5 * time.Second)
	if tag, err := r.Tag(ctx, mobile, "tablet"); err != nil || tag.Name != "tablet" {
		t.Fatalf("new tag: %+v, %v", tag, err)
	}
	if n := sb.Stats().Requests["POST /tag/list"]; n != 2 {
		t.Errorf("%d /tag/list requests, want 2", n)
	}
}

func TestResolveTTL(t *testing.T) {
	sb, api := sandboxtest.New(t)
	clock := &testClock{now: sandboxNow}
	r := New(api, Options{TTL: time.Minute, Now: clock.Now})
	ctx := context.Background()
	for range 3 {
		if _, err := r.Versions(ctx); err != nil {
			t.Fatal(err)
		}
	}
	clock.Advance(61 * time.Second)
	if _, err := r.Versions(ctx); err != nil {
		t.Fatal(err)
	}
	if n := sb.Stats().Requests["POST /version/all-version"]; n != 2 {
		t.Errorf("%d /version/all-version requests, want 2 (one per TTL)", n)
	}
	r.Invalidate()
	if _, err := r.Versions(ctx); err != nil {
		t.Fatal(err)
	}
	if n := sb.Stats().Requests["POST /version/all-version"]; n != 3 {
		t.Errorf("after Invalidate: %d requests, want 3", n)
	}
}

func TestResolveErrorCapsOptions(t *testing.T) {
	var cands []Ref
	for i := range 40 {
		cands = append(cands, Ref{ID: int64(i + 1), Name: "Option " + string(rune('A'+i%26)) + strings.Repeat("x", i/26)})
	}
	_, err := matchRef("tag", "in project X", "zzz", cands, false)
	if err == nil || !strings.Contains(err.Error(), "and 25 more") {
		t.Fatalf("error %v, want the options capped with \"and 25 more\"", err)
	}
	_, err = matchRef("tag", "", "", cands, false)
	if err == nil {
		t.Fatal("empty name matched")
	}
}

func TestResolveAppURL(t *testing.T) {
	for base, want := range map[string]string{
		"https://app.leiga.com/openapi/api":  "https://app.leiga.com",
		"https://app.leiga.com/openapi/api/": "https://app.leiga.com",
		"http://127.0.0.1:9000":              "http://127.0.0.1:9000",
	} {
		if got := appURLFrom(base); got != want {
			t.Errorf("appURLFrom(%q) = %q, want %q", base, got, want)
		}
	}
	r := New(nil, Options{AppURL: "https://app.leiga.com/"})
	if got := r.IssueURL("", "ABC-12"); got != "https://app.leiga.com/ABC/issue/ABC-12" {
		t.Errorf("IssueURL = %q", got)
	}
}

type partitionKey struct{}

func TestResolvePartitionsTheCache(t *testing.T) {
	sb, api := sandboxtest.New(t)
	r := New(api, Options{Partition: func(ctx context.Context) string { s, _ := ctx.Value(partitionKey{}).(string); return s }})
	alice := context.WithValue(context.Background(), partitionKey{}, "alice")
	bob := context.WithValue(context.Background(), partitionKey{}, "bob")
	for _, ctx := range []context.Context{alice, bob, alice, bob} {
		if _, err := r.Project(ctx, "WEB"); err != nil {
			t.Fatal(err)
		}
	}
	if n := sb.Stats().Requests["GET /project/list"]; n != 2 {
		t.Errorf("%d /project/list requests, want one per partition", n)
	}
}

// TestResolveCacheIsBounded: 10,000 callers with distinct credentials keep
// the cache at its bound, and 50 calls with one credential fetch once.
func TestResolveCacheIsBounded(t *testing.T) {
	sb, api := sandboxtest.New(t)
	const bound = 1000
	r := New(api, Options{MaxEntries: bound, Partition: func(ctx context.Context) string { s, _ := ctx.Value(partitionKey{}).(string); return s }})
	for i := range 10_000 {
		ctx := context.WithValue(context.Background(), partitionKey{}, fmt.Sprintf("tok:%d", i))
		if _, err := r.Projects(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.Len(); n > bound {
		t.Errorf("%d cached lists after 10,000 credentials, bound %d", n, bound)
	}
	before := sb.Stats().Requests["GET /project/list"]
	one := context.WithValue(context.Background(), partitionKey{}, "tok:same")
	for range 50 {
		if _, err := r.Project(one, "MOBILE"); err != nil {
			t.Fatal(err)
		}
	}
	if n := sb.Stats().Requests["GET /project/list"] - before; n != 1 {
		t.Errorf("50 calls with one credential fetched the project list %d times, want 1", n)
	}
	t.Logf("10,000 credentials: %d cached lists (bound %d); 50 calls with one credential: 1 fetch", r.Len(), bound)
}

// TestResolveMeUnknown: a credential whose user has no messages, and no
// LEIGA_USER, gives an error that says what to set.
func TestResolveMeUnknown(t *testing.T) {
	_, api := sandboxtest.NewAs(t, sandbox.DemoUserWithoutMessages)
	r := New(api, Options{})
	_, err := r.Member(context.Background(), mobile, "me")
	if err == nil || !strings.Contains(err.Error(), `"me" is unknown`) || !strings.Contains(err.Error(), "Set LEIGA_USER") {
		t.Fatalf("error %v, want an unknown-me error naming LEIGA_USER", err)
	}
	perRequest := New(api, Options{Partition: func(context.Context) string { return "tok:frank" }})
	_, err = perRequest.Me(context.Background())
	if err == nil || !strings.Contains(err.Error(), "X-Leiga-User") || strings.Contains(err.Error(), "LEIGA_USER ") {
		t.Fatalf("per-request credentials: error %v, want the X-Leiga-User header named", err)
	}
	if id, err := perRequest.WhoAmI(WithUser(context.Background(), "frank")); err != nil || id.User.ID != sandbox.DemoUserFrank {
		t.Errorf("with X-Leiga-User: %+v, %v", id, err)
	}
}
