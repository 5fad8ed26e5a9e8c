package sandbox

import "time"

// Ids of the demo data, for tests and examples.
const (
	DemoUserAlice int64 = 1001 // the default API user (Seed.CurrentUserID): ClientID, StaticToken
	DemoUserBob   int64 = 1002
	DemoUserCarol int64 = 1003
	DemoUserDavid int64 = 1004
	DemoUserEmma  int64 = 1005
	DemoUserFrank int64 = 1006 // active, without personal messages (DemoUserWithoutMessages)
	DemoUserGrace int64 = 1007 // disabled

	// DemoUserWithoutMessages is the active demo user who has no personal
	// message: /msg/list with their credentials answers an empty list, so
	// "me" cannot be read off a message. Every other active demo user has
	// at least one.
	DemoUserWithoutMessages = DemoUserFrank

	DemoProjectMobile int64 = 101 // key MOBILE
	DemoProjectWeb    int64 = 102 // key WEB
	DemoProjectOps    int64 = 103 // key OPS
)

// demoBase is the fixed origin of the demo timestamps: 2026-11-01 UTC.
var demoBase = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

// ts is a demo timestamp: days after demoBase (negative: before) at hour.
func ts(days, hour int) int64 {
	return demoBase.AddDate(0, 0, days).Add(time.Duration(hour) * time.Hour).UnixMilli()
}

// pts returns a pointer to a story-point or hour estimate.
func pts(v float64) *float64 { return &v }

// ids is shorthand for an id list.
func ids(v ...int64) []int64 { return v }

// scrumWorkflow builds To Do -> In Progress -> In Review -> Done from four
// state ids.
func scrumWorkflow(id int64, name string, s ...int64) Workflow {
	return Workflow{ID: id, Name: name, Description: "To Do, In Progress, In Review, Done", States: []State{
		{ID: s[0], Name: "To Do", Category: categoryToDo, Next: ids(s[1])},
		{ID: s[1], Name: "In Progress", Category: categoryInProgress, Next: ids(s[2], s[0])},
		{ID: s[2], Name: "In Review", Category: categoryInProgress, Next: ids(s[3], s[1])},
		{ID: s[3], Name: "Done", Category: categoryDone, Next: ids(s[0])},
	}}
}

// demoSprints builds Sprint 11 (closed), Sprint 12 (active) and Sprint 13
// (planned) for a project; first is the id of Sprint 11.
func demoSprints(project, first int64, owner int64, goals [3]string) []*Sprint {
	return []*Sprint{
		{ID: first, ProjectID: project, Name: "Sprint 11", Goal: goals[0], Status: SprintClosed, AssigneeID: owner, StartDate: ts(-20, 9), EndDate: ts(-7, 18), CompleteDate: ts(-7, 17), CreateTime: ts(-25, 10)},
		{ID: first + 1, ProjectID: project, Name: "Sprint 12", Goal: goals[1], Status: SprintActive, AssigneeID: owner, StartDate: ts(-6, 9), EndDate: ts(7, 18), CreateTime: ts(-10, 10)},
		{ID: first + 2, ProjectID: project, Name: "Sprint 13", Goal: goals[2], Status: SprintNotStarted, AssigneeID: owner, StartDate: ts(8, 9), EndDate: ts(21, 18), CreateTime: ts(-2, 10)},
	}
}

// DemoSeed returns the built-in demo organisation, Acme: seven users
// (Alice Chen, 1001, is the default API user; Grace Kim is disabled), the
// projects MOBILE, WEB and OPS with their workflows, tags, sprints and
// epics, three versions, 37 issues (one in the trash), comments, labour
// records, a file, a webhook and personal messages for every active user
// but Frank Li (DemoUserWithoutMessages). Every id and timestamp is fixed.
func DemoSeed() *Seed {
	const alice, bob, carol, david, emma, frank, grace = DemoUserAlice, DemoUserBob, DemoUserCarol, DemoUserDavid, DemoUserEmma, DemoUserFrank, DemoUserGrace
	const mobile, web, ops = DemoProjectMobile, DemoProjectWeb, DemoProjectOps
	s := &Seed{
		Org:           "Acme",
		CurrentUserID: alice,
		Users: []*User{
			{ID: alice, Name: "Alice Chen", Email: "alice.chen@acme.example", Phone: "+1 415 555 0101", Department: "Engineering", OrgAdmin: true},
			{ID: bob, Name: "Bob Martinez", Email: "bob.martinez@acme.example", Phone: "+1 415 555 0102", Department: "Mobile"},
			{ID: carol, Name: "Carol Nguyen", Email: "carol.nguyen@acme.example", Phone: "+1 415 555 0103", Department: "Web"},
			{ID: david, Name: "David Okafor", Email: "david.okafor@acme.example", Phone: "+1 415 555 0104", Department: "Platform"},
			{ID: emma, Name: "Emma Schmidt", Email: "emma.schmidt@acme.example", Phone: "+49 30 5550 105", Department: "Design"},
			{ID: frank, Name: "Frank Li", Email: "frank.li@acme.example", Phone: "+1 415 555 0106", Department: "Operations"},
			{ID: grace, Name: "Grace Kim", Email: "grace.kim@acme.example", Department: "Design", Disabled: true},
		},
		Projects: []*Project{
			{
				ID: mobile, Key: "MOBILE", Name: "Mobile App", Description: "iOS and Android apps for Acme customers.",
				LeaderID: bob, TemplateCode: "SCRUM", Category: 1, CreateBy: alice, CreateTime: ts(-200, 10), UpdateTime: ts(-30, 10),
				Members: []Member{
					{UserID: alice, RoleIDs: ids(roleProjectAdmin)}, {UserID: bob, RoleIDs: ids(roleProjectAdmin)},
					{UserID: carol, RoleIDs: ids(roleViewer)}, {UserID: david, RoleIDs: ids(roleMember)}, {UserID: emma, RoleIDs: ids(roleMember)},
				},
				Workflow: scrumWorkflow(401, "Mobile Workflow", 11, 12, 13, 14),
			},
			{
				ID: web, Key: "WEB", Name: "Web Platform", Description: "The acme.example storefront and customer portal.",
				LeaderID: carol, TemplateCode: "SCRUM", Category: 1, CreateBy: alice, CreateTime: ts(-180, 10), UpdateTime: ts(-30, 10),
				Members: []Member{
					{UserID: alice, RoleIDs: ids(roleProjectAdmin)}, {UserID: carol, RoleIDs: ids(roleProjectAdmin)},
					{UserID: david, RoleIDs: ids(roleMember)}, {UserID: emma, RoleIDs: ids(roleMember)},
				},
				Workflow: scrumWorkflow(402, "Web Workflow", 21, 22, 23, 24),
			},
			{
				ID: ops, Key: "OPS", Name: "Operations", Description: "Infrastructure, on-call and security work.",
				LeaderID: frank, TemplateCode: "KANBAN", Category: 3, CreateBy: alice, CreateTime: ts(-150, 10), UpdateTime: ts(-30, 10),
				Members: []Member{
					{UserID: alice, RoleIDs: ids(roleProjectAdmin)}, {UserID: frank, RoleIDs: ids(roleProjectAdmin)}, {UserID: david, RoleIDs: ids(roleMember)},
				},
				Workflow: Workflow{ID: 403, Name: "Ops Workflow", Description: "Open, In Progress, Blocked, Resolved", States: []State{
					{ID: 31, Name: "Open", Category: categoryToDo, Next: ids(32)},
					{ID: 32, Name: "In Progress", Category: categoryInProgress, Next: ids(33, 34)},
					{ID: 33, Name: "Blocked", Category: categoryInProgress, Next: ids(32)},
					{ID: 34, Name: "Resolved", Category: categoryDone, Next: ids(31)},
				}},
			},
		},
		Tags: []*Tag{
			{ID: 501, ProjectID: mobile, Name: "bug"}, {ID: 502, ProjectID: mobile, Name: "frontend"}, {ID: 503, ProjectID: mobile, Name: "ux"},
			{ID: 504, ProjectID: mobile, Name: "ios"}, {ID: 505, ProjectID: mobile, Name: "android"},
			{ID: 511, ProjectID: web, Name: "bug"}, {ID: 512, ProjectID: web, Name: "frontend"}, {ID: 513, ProjectID: web, Name: "backend"},
			{ID: 514, ProjectID: web, Name: "ux"}, {ID: 515, ProjectID: web, Name: "performance"},
			{ID: 521, ProjectID: ops, Name: "infra"}, {ID: 522, ProjectID: ops, Name: "security"}, {ID: 523, ProjectID: ops, Name: "monitoring"},
			{ID: 524, ProjectID: ops, Name: "backend"},
		},
		Epics: []*Epic{
			{ID: 301, ProjectID: mobile, Summary: "Offline mode", Description: "Read recent conversations and queue actions without a connection.", StatusID: 12, PriorityID: 2, OwnerID: bob, Follows: ids(alice), Labels: ids(502), StartDate: ts(-20, 9), DueDate: ts(21, 18), CreateBy: bob, CreateTime: ts(-30, 11), UpdateTime: ts(-6, 11)},
			{ID: 302, ProjectID: mobile, Summary: "Onboarding revamp", Description: "Shorter sign-up and a clearer first-run experience.", StatusID: 12, PriorityID: 3, OwnerID: emma, Labels: ids(503), StartDate: ts(-40, 9), DueDate: ts(14, 18), CreateBy: emma, CreateTime: ts(-45, 11), UpdateTime: ts(-10, 11)},
			{ID: 311, ProjectID: web, Summary: "Checkout redesign", Description: "One-page checkout with saved payment methods and gift cards.", StatusID: 22, PriorityID: 1, OwnerID: carol, Follows: ids(alice, david), Labels: ids(512), StartDate: ts(-20, 9), DueDate: ts(35, 18), CreateBy: carol, CreateTime: ts(-35, 11), UpdateTime: ts(-5, 11)},
			{ID: 321, ProjectID: ops, Summary: "Kubernetes migration", Description: "Move every workload from the VM fleet to Kubernetes.", StatusID: 32, PriorityID: 2, OwnerID: frank, Labels: ids(521), StartDate: ts(-60, 9), DueDate: ts(60, 18), CreateBy: frank, CreateTime: ts(-70, 11), UpdateTime: ts(-8, 11)},
		},
		Versions: []*Version{
			{ID: 603, Name: "v0.9", Status: VersionArchived, Description: "Public beta.", OwnerID: alice, StartDate: ts(-150, 9), PlanDate: ts(-95, 18), ReleasedDate: ts(-93, 16), CreateTime: ts(-150, 9)},
			{ID: 601, Name: "v1.0", Status: VersionReleased, Description: "General availability.", OwnerID: alice, StartDate: ts(-90, 9), PlanDate: ts(-22, 18), ReleasedDate: ts(-21, 16), CreateTime: ts(-90, 9)},
			{ID: 602, Name: "v1.1", Status: VersionUnreleased, Description: "Offline reading and the new checkout.", OwnerID: carol, StartDate: ts(-20, 9), PlanDate: ts(14, 18), CreateTime: ts(-20, 9)},
		},
		Webhooks: []*Webhook{
			{ID: 701, ProjectID: web, Name: "Deploy notifier", URL: "https://hooks.acme.example/leiga/web", Type: "leiga", State: "enabled", Signature: "whsec-demo", EventIDs: ids(1, 2, 3), CreateBy: carol, CreateTime: ts(-60, 14)},
		},
	}
	s.Sprints = append(demoSprints(mobile, 201, bob, [3]string{"Ship Sign in with Apple", "Offline reading of recent messages", "Biometric unlock"}),
		demoSprints(web, 211, carol, [3]string{"Harden the storefront", "One-page checkout beta", "Saved payment methods"})...)
	s.Sprints = append(s.Sprints, demoSprints(ops, 220, frank, [3]string{"Certificates and on-call", "Staging on Kubernetes", "Database hardening"})[1:]...)
	s.Issues = demoIssues()
	s.Comments = []*Comment{
		{ID: 7001, IssueID: 10003, Content: "<p>Started on the SQLite schema; messages older than 30 days are pruned.</p>", PlainContent: "Started on the SQLite schema; messages older than 30 days are pruned.", CreateBy: bob, CreateTime: ts(-5, 10), UpdateTime: ts(-5, 10)},
		{ID: 7002, IssueID: 10003, ParentID: 7001, Content: "<p>Sounds good. Let's cap it at 50 messages per conversation as in the spec.</p>", PlainContent: "Sounds good. Let's cap it at 50 messages per conversation as in the spec.", CreateBy: alice, CreateTime: ts(-5, 14), UpdateTime: ts(-5, 14), Stickers: map[string][]int64{"liga-THUMBS_UP": ids(bob)}},
		{ID: 7003, IssueID: 10003, Content: "<p>The sync queue retry (MOBILE-4) needs to land first.</p>", PlainContent: "The sync queue retry (MOBILE-4) needs to land first.", CreateBy: david, CreateTime: ts(-3, 11), UpdateTime: ts(-3, 11)},
		{ID: 7004, IssueID: 10016, Content: "<p>Reproduced with code FALL25, which expired on October 1.</p>", PlainContent: "Reproduced with code FALL25, which expired on October 1.", CreateBy: carol, CreateTime: ts(-4, 16), UpdateTime: ts(-4, 16)},
		{ID: 7005, IssueID: 10033, Content: "<p>The backup ran 2h40m last night. Trying pg_dump with parallel jobs.</p>", PlainContent: "The backup ran 2h40m last night. Trying pg_dump with parallel jobs.", CreateBy: frank, CreateTime: ts(-2, 9), UpdateTime: ts(-2, 9), Stickers: map[string][]int64{"liga-EYES": ids(alice)}},
		{ID: 7006, IssueID: 10033, ParentID: 7005, Content: "<p>@Frank Li can we move it to the replica instead?</p>", PlainContent: "@Frank Li can we move it to the replica instead?", Mentions: ids(frank), CreateBy: alice, CreateTime: ts(-2, 11), UpdateTime: ts(-2, 11)},
	}
	s.LabourRecords = []*LabourRecord{
		{ID: 8001, IssueID: 10003, Labour: 3.5, RecordTime: ts(-4, 17), Remarks: "Message cache schema", CreateBy: bob, CreateTime: ts(-4, 17)},
		{ID: 8002, IssueID: 10003, Labour: 2, RecordTime: ts(-3, 17), Remarks: "Pruning job", CreateBy: bob, CreateTime: ts(-3, 17)},
		{ID: 8003, IssueID: 10011, Labour: 2, RecordTime: ts(-5, 17), Remarks: "Schema review", CreateBy: bob, CreateTime: ts(-5, 17)},
		{ID: 8004, IssueID: 10015, Labour: 6, RecordTime: ts(-2, 17), Remarks: "Checkout layout and state machine", CreateBy: carol, CreateTime: ts(-2, 17)},
		{ID: 8005, IssueID: 10033, Labour: 1.5, RecordTime: ts(-1, 10), Remarks: "Backup profiling", CreateBy: frank, CreateTime: ts(-1, 10)},
	}
	s.Files = []*File{
		{Key: "fk-9001", Name: "crash-log.txt", ContentType: "text/plain; charset=utf-8", UploadBy: bob, UploadTime: ts(-25, 12),
			Data:  []byte("FATAL EXCEPTION: main\njava.lang.IllegalStateException: Camera is closed\n\tat com.acme.camera.Preview.rotate(Preview.kt:88)\n"),
			Links: []FileLink{{Module: "issue", Entity: "attachment", ID: 10002}}},
	}
	s.Messages = []*Message{
		{ID: 801, ReceiverID: alice, Category: "comment", Action: "at", Subject: "MOBILE-3 Cache the last 50 messages for offline reading", Content: "Bob Martinez mentioned you: can you confirm the message cap?", TriggerID: bob, CreateTime: ts(-2, 10)},
		{ID: 802, ReceiverID: alice, Category: "responsible", Action: "assign", Subject: "OPS-8 Document the incident response runbook", Content: "Frank Li assigned this issue to you.", TriggerID: frank, CreateTime: ts(-1, 9)},
		{ID: 803, ReceiverID: alice, Category: "follow", Action: "update", Subject: "WEB-1 One-page checkout", Content: "Carol Nguyen moved the issue to In Progress.", TriggerID: carol, Read: true, CreateTime: ts(-4, 15)},
		{ID: 804, ReceiverID: alice, Category: "sys", Action: "notice", Subject: "Scheduled maintenance", Content: "Leiga will be read-only on November 5 from 02:00 to 03:00 UTC.", Read: true, CreateTime: ts(-6, 8)},
		{ID: 805, ReceiverID: alice, Category: "automation_station_msg", Action: "rule", Subject: "Overdue issues in Sprint 12", Content: "Automation: 2 issues in MOBILE Sprint 12 are past their due date.", CreateTime: ts(-1, 7)},
		{ID: 806, ReceiverID: bob, Category: "responsible", Action: "assign", Subject: "MOBILE-13 Login button stays disabled after a failed attempt", Content: "Alice Chen assigned this issue to you.", TriggerID: alice, CreateTime: ts(-3, 12)},
		{ID: 807, ReceiverID: bob, Category: "comment", Action: "at", Subject: "MOBILE-3 Cache the last 50 messages for offline reading", Content: "Alice Chen mentioned you: Let's cap it at 50 messages per conversation as in the spec.", TriggerID: alice, Read: true, CreateTime: ts(-5, 14)},
		{ID: 808, ReceiverID: carol, Category: "follow", Action: "update", Subject: "WEB-12 500 error when the cart holds more than 100 items", Content: "David Okafor moved the issue to Done.", TriggerID: david, CreateTime: ts(-2, 16)},
		{ID: 809, ReceiverID: david, Category: "responsible", Action: "assign", Subject: "WEB-2 Coupon field accepts expired codes", Content: "Carol Nguyen assigned this issue to you.", TriggerID: carol, CreateTime: ts(-4, 16)},
		{ID: 810, ReceiverID: emma, Category: "responsible", Action: "assign", Subject: "MOBILE-8 Dark mode: unreadable text on the settings screen", Content: "Bob Martinez assigned this issue to you.", TriggerID: bob, Read: true, CreateTime: ts(-3, 9)},
	}
	return s
}
