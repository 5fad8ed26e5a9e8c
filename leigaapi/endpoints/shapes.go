package endpoints

import (
	"encoding/json"
	"time"
)

// The shapes of the answers the resolver and the workflow tools read field
// by field. Each reads tolerantly: the alternative field names the catalog
// and the service use (id/projectId, name/projectName, ...), numbers as
// strings, null as unset.

// Project is a row of /project/list and the answer of /project/get.
type Project struct {
	ID       int64
	Key      string
	Name     string
	Archived bool
}

// UnmarshalJSON reads a project.
func (p *Project) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, ProjectID            Int
		Pname, ProjectName, Name Text
		Pkey, ProjectKey, Key    Text
		Archived                 Flag
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*p = Project{
		ID:       int64(first(w.ID, w.ProjectID)),
		Key:      string(first(w.Pkey, w.ProjectKey, w.Key)),
		Name:     string(first(w.Pname, w.ProjectName, w.Name)),
		Archived: bool(w.Archived),
	}
	return nil
}

// IssueType is a row of /issue/type-list.
type IssueType struct {
	ID         int64
	Name       string
	Code       string
	WorkflowID int64
}

// UnmarshalJSON reads an issue type.
func (t *IssueType) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, IssueTypeID     Int
		Name, IssueTypeName Text
		Code                Text
		WorkflowID          Int
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = IssueType{ID: int64(first(w.ID, w.IssueTypeID)), Name: string(first(w.Name, w.IssueTypeName)), Code: string(w.Code), WorkflowID: int64(w.WorkflowID)}
	return nil
}

// Member is a row of the project and organisation member lists.
type Member struct {
	ID       int64
	Name     string
	Email    string
	Disabled bool
}

// UnmarshalJSON reads a member.
func (m *Member) UnmarshalJSON(b []byte) error {
	var w struct {
		UserID, ID               Int
		UserName, Name, NickName Text
		OrgEmail, Email          Text
		Disabled                 Flag
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = Member{ID: int64(first(w.UserID, w.ID)), Name: string(first(w.UserName, w.Name, w.NickName)), Email: string(first(w.OrgEmail, w.Email)), Disabled: bool(w.Disabled)}
	return nil
}

// Sprint statuses as /sprint/list-with-count reports them.
const (
	SprintNotStarted = 1
	SprintActive     = 2
	SprintClosed     = 3
)

// Sprint is a row of /sprint/list-with-count and the answer of /sprint/get.
type Sprint struct {
	ID           int64
	ProjectID    int64
	Name         string
	Goal         string
	Status       int // SprintNotStarted, SprintActive or SprintClosed
	StartDate    int64
	EndDate      int64
	CompleteDate int64
	Points       Number // estimatePointTotal
}

// UnmarshalJSON reads a sprint; status is derived from started/closed when
// Leiga leaves it out.
func (s *Sprint) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, SprintID                     Int
		ProjectID                        Int
		Name, SprintName                 Text
		Goal                             Text
		Status                           Int
		Started, Closed                  Flag
		StartDate, EndDate, CompleteDate Int
		EstimatePointTotal               Number
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Sprint{
		ID: int64(first(w.ID, w.SprintID)), ProjectID: int64(w.ProjectID), Name: string(first(w.Name, w.SprintName)), Goal: string(w.Goal),
		Status: int(w.Status), StartDate: int64(w.StartDate), EndDate: int64(w.EndDate), CompleteDate: int64(w.CompleteDate), Points: w.EstimatePointTotal,
	}
	switch {
	case bool(w.Closed):
		s.Status = SprintClosed
	case s.Status == 0 && bool(w.Started):
		s.Status = SprintActive
	case s.Status == 0:
		s.Status = SprintNotStarted
	}
	return nil
}

// Version is a row of /version/all-version and the answer of /version/detail.
type Version struct {
	ID           int64
	Name         string
	Status       string // unreleased, released or archived
	StartDate    int64
	PlanDate     int64
	ReleasedDate int64
	OwnerName    string
}

// Archived reports whether the version is archived.
func (v Version) Archived() bool { return v.Status == "archived" || v.Status == "ARCHIVED" }

// UnmarshalJSON reads a version.
func (v *Version) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, VersionID                     Int
		Name, VersionName                 Text
		Status                            Text
		StartDate, PlanDate, ReleasedDate Int
		OwnerName                         Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*v = Version{ID: int64(first(w.ID, w.VersionID)), Name: string(first(w.Name, w.VersionName)), Status: string(w.Status),
		StartDate: int64(w.StartDate), PlanDate: int64(w.PlanDate), ReleasedDate: int64(w.ReleasedDate), OwnerName: string(w.OwnerName)}
	return nil
}

// Epic is a row of /epic/page.
type Epic struct {
	ID    int64
	Title string
}

// UnmarshalJSON reads an epic.
func (e *Epic) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, EpicID                     Int
		Summary, Name, Title, EpicName Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*e = Epic{ID: int64(first(w.ID, w.EpicID)), Title: string(first(w.Summary, w.Name, w.Title, w.EpicName))}
	return nil
}

// Tag is a row of /tag/list, and a tag of an issue.
type Tag struct {
	ID   int64
	Name string
}

// UnmarshalJSON reads a tag.
func (t *Tag) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, TagID     Int
		TagName, Name Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Tag{ID: int64(first(w.ID, w.TagID)), Name: string(first(w.TagName, w.Name))}
	return nil
}

// Status categories of workflow states.
const (
	CategoryToDo       = 2
	CategoryInProgress = 3
	CategoryDone       = 4
)

// State is a workflow state: a row of a workflow's states and of
// /workflow/list/next-state.
type State struct {
	ID       int64
	Name     string
	Category int // CategoryToDo, CategoryInProgress or CategoryDone
}

// UnmarshalJSON reads a state.
func (s *State) UnmarshalJSON(b []byte) error {
	var w struct {
		StateID, ID                         Int
		StateName, Name                     Text
		StateCategory, Category, StatusType Int
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = State{ID: int64(first(w.StateID, w.ID)), Name: string(first(w.StateName, w.Name)), Category: int(first(w.StateCategory, w.Category, w.StatusType))}
	return nil
}

// Workflow is a row of /workflow/list: its states in order and the issue
// types it serves.
type Workflow struct {
	ID      int64
	Name    string
	Default bool
	States  []State
	TypeIDs []int64
}

// UnmarshalJSON reads a workflow.
func (wf *Workflow) UnmarshalJSON(b []byte) error {
	var w struct {
		ID, DefID, WorkflowID Int
		WorkflowName, Name    Text
		DefaultValue          Flag
		States                []State
		IssueTypes            []IssueType
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*wf = Workflow{ID: int64(first(w.ID, w.DefID, w.WorkflowID)), Name: string(first(w.WorkflowName, w.Name)), Default: bool(w.DefaultValue), States: w.States}
	for _, t := range w.IssueTypes {
		if t.ID != 0 {
			wf.TypeIDs = append(wf.TypeIDs, t.ID)
		}
	}
	return nil
}

// FieldInfo is the answer of /issue/issue-field-info: one issue field and
// its options.
type FieldInfo struct {
	Code     string
	Name     string
	Control  string
	Required bool
	Multiple bool
	Options  []Option
}

// Option is one value of a choice field.
type Option struct {
	ID   int64
	Name string
}

// UnmarshalJSON reads an option: {value|id|optionId, name|label|optionName}.
func (o *Option) UnmarshalJSON(b []byte) error {
	var w struct {
		Value, ID, OptionID     Int
		Name, Label, OptionName Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*o = Option{ID: int64(first(w.Value, w.ID, w.OptionID)), Name: string(first(w.Name, w.Label, w.OptionName))}
	return nil
}

// UnmarshalJSON reads a field, also when Leiga nests it under field or data.
func (f *FieldInfo) UnmarshalJSON(b []byte) error {
	type fields struct {
		FieldCode, Code                  Text
		CustomFieldName, FieldName, Name Text
		ControlCode                      Text
		RequiredFlag                     Flag
		MultipleChoice                   Flag
		Options                          []Option
	}
	var w struct {
		fields
		Field *fields
		Data  *fields
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	src := w.fields
	if w.Options == nil {
		if w.Field != nil {
			src = *w.Field
		} else if w.Data != nil {
			src = *w.Data
		}
	}
	*f = FieldInfo{Code: string(first(src.FieldCode, src.Code)), Name: string(first(src.CustomFieldName, src.FieldName, src.Name)), Control: string(src.ControlCode),
		Required: bool(src.RequiredFlag), Multiple: bool(src.MultipleChoice), Options: src.Options}
	return nil
}

// Created is the answer of a create: the new object's id, and for issues
// its number when Leiga sends it.
type Created struct {
	ID     int64
	Number string
}

// UnmarshalJSON reads {id}, {issueId}, {commentId} or a bare id.
func (c *Created) UnmarshalJSON(b []byte) error {
	var bare Int
	if len(b) > 0 && b[0] != '{' {
		bare.UnmarshalJSON(b)
		*c = Created{ID: int64(bare)}
		return nil
	}
	var w struct {
		ID, IssueID, CommentID Int
		IssueNumber            Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Created{ID: int64(first(w.ID, w.IssueID, w.CommentID)), Number: string(w.IssueNumber)}
	return nil
}

// Message is a row of /msg/list: a personal notification.
type Message struct {
	ID           int64
	ReceiverID   int64
	ReceiverName string
}

// UnmarshalJSON reads a message.
func (m *Message) UnmarshalJSON(b []byte) error {
	var w struct {
		MsgID, ID                       Int
		ReceiverID                      Int
		PlainReceiverName, ReceiverName Text
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = Message{ID: int64(first(w.MsgID, w.ID)), ReceiverID: int64(w.ReceiverID), ReceiverName: string(first(w.PlainReceiverName, w.ReceiverName))}
	return nil
}

// TokenGrant is the answer of the /authorize calls.
type TokenGrant struct {
	AccessToken  string          `json:"accessToken"`
	RefreshToken string          `json:"refreshToken"`
	ExpireIn     json.RawMessage `json:"expireIn"` // seconds, -1: never; number or string
}

// Lifetime converts expireIn: -1, 0 or missing mean no known expiry.
func (g TokenGrant) Lifetime() time.Duration {
	var n Int
	n.UnmarshalJSON(g.ExpireIn)
	if n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}
