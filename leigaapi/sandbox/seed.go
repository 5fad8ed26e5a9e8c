package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
)

// Seed is a complete snapshot of the sandbox's data, in the JSON shape that
// Options.SeedFile loads. Ids are explicit; new objects get ids above the
// highest seeded id of their kind. Timestamps are epoch milliseconds and 0
// means "not set". Reference data that every organisation shares (issue
// types, priorities, roles, project templates, field definitions, webhook
// types and events, stickers) is built in and not part of the seed.
type Seed struct {
	Org           string          `json:"org"`
	CurrentUserID int64           `json:"currentUserId"` // the default API user: owner of ClientID and StaticToken
	Users         []*User         `json:"users"`
	Projects      []*Project      `json:"projects"`
	Tags          []*Tag          `json:"tags"`
	Sprints       []*Sprint       `json:"sprints"`
	Epics         []*Epic         `json:"epics"`
	Versions      []*Version      `json:"versions"` // organisation-wide
	Issues        []*Issue        `json:"issues"`
	Comments      []*Comment      `json:"comments"`
	LabourRecords []*LabourRecord `json:"labourRecords"`
	Files         []*File         `json:"files"`
	Webhooks      []*Webhook      `json:"webhooks"`
	Messages      []*Message      `json:"messages"`
}

// User is an organisation member.
type User struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Phone      string `json:"phone,omitempty"`
	Department string `json:"department,omitempty"`
	OrgAdmin   bool   `json:"orgAdmin,omitempty"`
	Disabled   bool   `json:"disabled,omitempty"`
	Removed    bool   `json:"removed,omitempty"` // left the organisation; kept so old references resolve
}

// Project is a project with its members and workflow.
type Project struct {
	ID              int64    `json:"id"`
	Key             string   `json:"key"` // issue-number prefix, e.g. MOBILE
	Name            string   `json:"name"`
	Description     string   `json:"description,omitempty"`
	LeaderID        int64    `json:"leaderId"`
	TemplateCode    string   `json:"templateCode"` // SCRUM, KANBAN or BUG_TRACKING
	Category        int64    `json:"category"`     // 1 Software, 2 Business, 3 Operations
	Members         []Member `json:"members"`
	Workflow        Workflow `json:"workflow"`
	NextIssueNumber int      `json:"nextIssueNumber,omitempty"` // default: highest seeded number + 1
	CreateBy        int64    `json:"createBy"`
	CreateTime      int64    `json:"createTime"`
	UpdateTime      int64    `json:"updateTime"`
}

// Member is a project member and their project role ids.
type Member struct {
	UserID  int64   `json:"userId"`
	RoleIDs []int64 `json:"roleIds"`
}

// Workflow is a project's issue workflow. State ids are unique across the
// whole seed; the first state of category 2 is where new issues start.
type Workflow struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description,omitempty"`
	States      []State `json:"states"`
}

// State is a workflow status and the states it can move to next.
type State struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Category int     `json:"category"` // 2 not started, 3 in progress, 4 done
	Next     []int64 `json:"next"`
}

// Tag is a project label (issue field "label").
type Tag struct {
	ID        int64  `json:"id"`
	ProjectID int64  `json:"projectId"`
	Name      string `json:"name"`
}

// Sprint statuses.
const (
	SprintNotStarted = 1
	SprintActive     = 2
	SprintClosed     = 3
)

// Sprint is a project iteration.
type Sprint struct {
	ID           int64  `json:"id"`
	ProjectID    int64  `json:"projectId"`
	Name         string `json:"name"`
	Goal         string `json:"goal,omitempty"`
	Status       int    `json:"status"` // SprintNotStarted, SprintActive or SprintClosed
	AssigneeID   int64  `json:"assigneeId,omitempty"`
	StartDate    int64  `json:"startDate,omitempty"`
	EndDate      int64  `json:"endDate,omitempty"`
	CompleteDate int64  `json:"completeDate,omitempty"`
	CreateTime   int64  `json:"createTime"`
}

// Epic is a large body of work grouping issues (issue field "epic").
type Epic struct {
	ID          int64   `json:"id"`
	ProjectID   int64   `json:"projectId"`
	Summary     string  `json:"summary"`
	Description string  `json:"description,omitempty"`
	StatusID    int64   `json:"statusId"` // a state of the project's workflow
	PriorityID  int64   `json:"priorityId,omitempty"`
	OwnerID     int64   `json:"ownerId,omitempty"`
	Follows     []int64 `json:"follows,omitempty"`
	Labels      []int64 `json:"labels,omitempty"`
	StartDate   int64   `json:"startDate,omitempty"`
	DueDate     int64   `json:"dueDate,omitempty"`
	CreateBy    int64   `json:"createBy"`
	CreateTime  int64   `json:"createTime"`
	UpdateTime  int64   `json:"updateTime"`
}

// Version statuses.
const (
	VersionUnreleased = "unreleased"
	VersionReleased   = "released"
	VersionArchived   = "archived"
)

// Version is an organisation-wide release (issue field "releaseVersion").
type Version struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Status       string `json:"status"` // VersionUnreleased, VersionReleased or VersionArchived
	Description  string `json:"description,omitempty"`
	OwnerID      int64  `json:"ownerId,omitempty"`
	StartDate    int64  `json:"startDate,omitempty"`
	PlanDate     int64  `json:"planDate,omitempty"`
	ReleasedDate int64  `json:"releasedDate,omitempty"`
	CreateTime   int64  `json:"createTime"`
}

// Issue is an issue or, with ParentID set, a subtask. An issue with a
// DeleteTime is in the trash.
type Issue struct {
	ID             int64            `json:"id"`
	ProjectID      int64            `json:"projectId"`
	Number         int              `json:"number"` // issueNumber is "<project key>-<number>"
	TypeID         int64            `json:"typeId"` // 1 Story, 2 Task, 3 Bug, 4 Sub-task
	ParentID       int64            `json:"parentId,omitempty"`
	Summary        string           `json:"summary"`
	Description    string           `json:"description,omitempty"`
	StatusID       int64            `json:"statusId"`
	PriorityID     int64            `json:"priorityId"`
	AssigneeID     int64            `json:"assigneeId,omitempty"`
	OwnerID        int64            `json:"ownerId,omitempty"`
	Labels         []int64          `json:"labels,omitempty"`
	Follows        []int64          `json:"follows,omitempty"`
	SprintID       int64            `json:"sprintId,omitempty"`
	VersionID      int64            `json:"versionId,omitempty"`
	EpicID         int64            `json:"epicId,omitempty"`
	StartDate      int64            `json:"startDate,omitempty"`
	DueDate        int64            `json:"dueDate,omitempty"`
	EstimatePoint  *float64         `json:"estimatePoint,omitempty"`
	EstimateLabour *float64         `json:"estimateLabour,omitempty"` // hours
	Custom         map[string]int64 `json:"custom,omitempty"`         // customfield_N -> option value
	Relations      []Relation       `json:"relations,omitempty"`      // the inverse is added on the other issue
	CreateBy       int64            `json:"createBy"`
	CreateTime     int64            `json:"createTime"`
	UpdateTime     int64            `json:"updateTime"`
	FinishTime     int64            `json:"finishTime,omitempty"` // set when the status enters category 4
	DeleteBy       int64            `json:"deleteBy,omitempty"`
	DeleteTime     int64            `json:"deleteTime,omitempty"`
	DeletedAlong   bool             `json:"deletedAlong,omitempty"` // subtask trashed with its parent
}

// Relation links an issue to another one.
type Relation struct {
	Type    string `json:"type"` // RELATES_TO, PARENT, CHILD, BLOCKS, IS_BLOCKS_BY, ...
	IssueID int64  `json:"issueId"`
}

// Comment is an issue comment, or with ParentID a reply to one.
type Comment struct {
	ID           int64              `json:"id"`
	IssueID      int64              `json:"issueId"`
	ParentID     int64              `json:"parentId,omitempty"`
	Content      string             `json:"content"`
	PlainContent string             `json:"plainContent,omitempty"`
	Mentions     []int64            `json:"mentions,omitempty"`
	Stickers     map[string][]int64 `json:"stickers,omitempty"` // sticker code -> user ids
	CreateBy     int64              `json:"createBy"`
	CreateTime   int64              `json:"createTime"`
	UpdateTime   int64              `json:"updateTime"`
}

// LabourRecord is time logged on an issue.
type LabourRecord struct {
	ID         int64   `json:"id"`
	IssueID    int64   `json:"issueId"`
	Labour     float64 `json:"labour"` // hours
	RecordTime int64   `json:"recordTime"`
	Remarks    string  `json:"remarks"`
	CreateBy   int64   `json:"createBy"`
	CreateTime int64   `json:"createTime"`
}

// File is an uploaded file and the objects it is bound to.
type File struct {
	Key         string     `json:"key"`
	Name        string     `json:"name"`
	ContentType string     `json:"contentType"`
	Data        []byte     `json:"data"` // Base64 in JSON
	UploadBy    int64      `json:"uploadBy"`
	UploadTime  int64      `json:"uploadTime"`
	Links       []FileLink `json:"links,omitempty"`
}

// FileLink binds a file: module "issue", entity "attachment" (id: issue id)
// or "comment" (id: comment id).
type FileLink struct {
	Module string `json:"module"`
	Entity string `json:"entity"`
	ID     int64  `json:"id"`
}

// Webhook is a project's outgoing webhook.
type Webhook struct {
	ID         int64   `json:"id"`
	ProjectID  int64   `json:"projectId"`
	Name       string  `json:"name"`
	URL        string  `json:"url"`
	Type       string  `json:"type"`  // leiga, slack, feishu, dingtalk or wecom
	State      string  `json:"state"` // enabled or disabled
	Signature  string  `json:"signature,omitempty"`
	EventIDs   []int64 `json:"eventIds"`
	CreateBy   int64   `json:"createBy"`
	CreateTime int64   `json:"createTime"`
}

// Message is a personal notification.
type Message struct {
	ID         int64  `json:"id"`
	ReceiverID int64  `json:"receiverId"`
	Category   string `json:"category"` // comment, follow, responsible, automation_station_msg or sys
	Action     string `json:"action"`   // at, update, assign, ...
	Subject    string `json:"subject"`
	Content    string `json:"content"`
	TriggerID  int64  `json:"triggerId,omitempty"` // user who caused it
	Read       bool   `json:"read,omitempty"`
	CreateTime int64  `json:"createTime"`
}

// LoadSeed reads a Seed from a JSON file.
func LoadSeed(path string) (*Seed, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("sandbox seed: %w", err)
	}
	var s Seed
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("sandbox seed %s: %w", path, err)
	}
	return &s, nil
}

// clone returns a deep copy, so the live state never aliases the seed.
func (s *Seed) clone() (*Seed, error) {
	raw, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	var c Seed
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, err
	}
	return &c, nil
}
