package sandbox

// Reference data every organisation shares. Like the real service's system
// catalogue it is fixed, and not part of the Seed.

// issueType is an issue type.
type issueType struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Code string `json:"code"`
}

// Issue type ids. Subtasks have their own type, which cannot be created
// through /issue/add and is not listed by /issue/type-list.
const (
	typeStory   int64 = 1
	typeTask    int64 = 2
	typeBug     int64 = 3
	typeSubtask int64 = 4
)

// issueTypes are the creatable types; allIssueTypes adds the subtask type.
var (
	issueTypes    = []issueType{{typeStory, "Story", "story"}, {typeTask, "Task", "task"}, {typeBug, "Bug", "bug"}}
	allIssueTypes = append(issueTypes[:len(issueTypes):len(issueTypes)], issueType{typeSubtask, "Sub-task", "sub_task"})
)

// priorities, highest first.
var priorities = []option{{Value: 1, Name: "Highest"}, {Value: 2, Name: "High"}, {Value: 3, Name: "Medium"}, {Value: 4, Name: "Low"}}

// defaultPriority is Medium.
const defaultPriority int64 = 3

// role is a project or organisation role.
type role struct {
	ID          int64  `json:"id"`
	RoleCode    string `json:"roleCode"`
	RoleName    string `json:"roleName"`
	DefaultFlag int    `json:"defaultFlag"`
	AuthType    int    `json:"authType"` // 0 org+project, 1 org, 2 project
}

// Role ids.
const (
	roleProjectAdmin int64 = 1
	roleMember       int64 = 2
	roleViewer       int64 = 3
	roleOrgAdmin     int64 = 11
	roleOrgMember    int64 = 12
)

// roles are listed by /project/role-type. Project roles (authType 2) are
// the ones /project/role-change accepts; new members get the default one.
var roles = []role{
	{roleProjectAdmin, "admin", "Project Admin", 0, 2},
	{roleMember, "member", "Member", 1, 2},
	{roleViewer, "viewer", "Viewer", 0, 2},
	{roleOrgAdmin, "org_admin", "Organization Admin", 0, 1},
	{roleOrgMember, "org_member", "Organization Member", 0, 1},
}

// template is a project template.
type template struct {
	ID       int64  `json:"id"`
	Code     string `json:"code"`
	Category string `json:"category"`
	Name     string `json:"name"`
	Remark   string `json:"remark"`
}

// templates are listed by /project/project-template.
var templates = []template{
	{1, "SCRUM", "Software development", "Scrum", "Plan work in sprints with a backlog, story points and releases."},
	{2, "KANBAN", "Software development", "Kanban", "Visualise continuous flow on a board with work-in-progress limits."},
	{3, "BUG_TRACKING", "Service management", "Bug Tracking", "Triage, assign and resolve defects."},
}

// projectCategories are the options of the project overview field.
var projectCategories = []option{{Value: 1, Name: "Software"}, {Value: 2, Name: "Business"}, {Value: 3, Name: "Operations"}}

// severityField is the one custom select field of every issue type.
const severityField = "customfield_15"

// severityOptions are its choices.
var severityOptions = []option{{Value: 9101, Name: "Critical"}, {Value: 9102, Name: "Major"}, {Value: 9103, Name: "Minor"}, {Value: 9104, Name: "Trivial"}}

// codeName is a {code, name} pair.
type codeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// webhookTypes are listed by /webhook/list-types.
var webhookTypes = []codeName{
	{"leiga", "Leiga (JSON)"}, {"slack", "Slack"}, {"feishu", "Feishu / Lark"}, {"dingtalk", "DingTalk"}, {"wecom", "WeCom"},
}

// webhookEvent is an event a webhook can subscribe to.
type webhookEvent struct {
	EventID   int64  `json:"eventId"`
	EventCode string `json:"eventCode"`
	EventName string `json:"eventName"`
	TypeCode  string `json:"typeCode"`
	TypeName  string `json:"typeName"`
}

// webhookEvents are listed by /webhook/list-events.
var webhookEvents = []webhookEvent{
	{1, "Issue.Create", "Issue created", "issue", "Issue"},
	{2, "Issue.Update", "Issue updated", "issue", "Issue"},
	{3, "Issue.Delete", "Issue deleted", "issue", "Issue"},
	{4, "Comment.Create", "Comment added", "comment", "Comment"},
	{5, "Comment.Update", "Comment edited", "comment", "Comment"},
	{6, "Comment.Delete", "Comment deleted", "comment", "Comment"},
	{7, "Sprint.Create", "Sprint created", "sprint", "Sprint"},
	{8, "Sprint.Update", "Sprint updated", "sprint", "Sprint"},
	{9, "Sprint.Delete", "Sprint deleted", "sprint", "Sprint"},
}

// sticker is a comment reaction.
type sticker struct {
	StickerCode string `json:"stickerCode"`
	StickerDesc string `json:"stickerDesc"`
}

// stickers are listed by /comment/list-sticker.
var stickers = []sticker{
	{"liga-OK", "OK"}, {"liga-THUMBS_UP", "Thumbs up"}, {"liga-HEART", "Love it"},
	{"liga-LAUGH", "Haha"}, {"liga-CELEBRATE", "Celebrate"}, {"liga-EYES", "Looking into it"},
}

// versionStatus is a version lifecycle state.
type versionStatus struct {
	Status     string `json:"status"`
	StatusName string `json:"statusName"`
}

// versionStatuses are listed by /version/version-status-list.
var versionStatuses = []versionStatus{
	{VersionUnreleased, "Unreleased"}, {VersionReleased, "Released"}, {VersionArchived, "Archived"},
}

// msgCategories are the personal message categories.
var msgCategories = []string{"comment", "follow", "responsible", "automation_station_msg", "sys"}

// relationInverse maps each relation type to the one recorded on the
// other issue.
var relationInverse = map[string]string{
	"RELATES_TO": "RELATES_TO", "PARENT": "CHILD", "CHILD": "PARENT",
	"BLOCKS": "IS_BLOCKS_BY", "IS_BLOCKS_BY": "BLOCKS",
	"CAUSES": "IS_CAUSED_BY", "IS_CAUSED_BY": "CAUSES",
	"REPEAT": "REPEAT", "DUPLICATES": "IS_DUPLICATES_BY", "IS_DUPLICATES_BY": "DUPLICATES",
}

// State categories.
const (
	categoryToDo       = 2
	categoryInProgress = 3
	categoryDone       = 4
)

// webBase is the root of the links the sandbox puts in "url" fields.
const webBase = "https://sandbox.leiga.invalid"

// findBy returns the first element of list with key(e) == k.
func findBy[E any, K comparable](list []E, key func(E) K, k K) (E, bool) {
	for _, e := range list {
		if key(e) == k {
			return e, true
		}
	}
	var zero E
	return zero, false
}
