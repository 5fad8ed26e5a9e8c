package endpoints

import (
	"encoding/json"
	"strings"
)

// Issue is an issue as Leiga answers /issue/get, /issue/get-by-issue-number
// and the rows of /issue/page: the list-row fields at the top level, or
// the data map keyed by field code with its *VO expansions. Every field is
// read from whichever form Leiga sent.
type Issue struct {
	ID             int64
	Number         string
	ProjectID      int64
	ProjectKey     string
	Summary        string
	Description    string // rich text (HTML)
	URL            string
	TypeID         int64
	TypeName       string
	StatusID       int64
	StatusName     string
	StatusCategory int
	PriorityID     int64
	PriorityName   string
	AssigneeID     int64
	AssigneeName   string
	OwnerName      string
	SprintID       int64
	SprintName     string
	EpicID         int64
	EpicName       string
	VersionID      int64
	VersionName    string
	Tags           []Tag
	StartDate      int64
	DueDate        int64
	CreateTime     int64
	UpdateTime     int64
	Points         Number // estimatePoint
	LoggedHours    Number // actualLabour
	ParentID       int64
	// Data is the data map as sent, by field code, for custom fields.
	Data map[string]json.RawMessage
}

// issueFields are the field names an issue may carry at its top level or
// in its data map.
type issueFields struct {
	ID, IssueID                 Int
	IssueNumber                 Text
	ProjectID                   Int
	ProjectKey                  Text
	Summary, Description, URL   Text
	IssueTypeID                 Int
	IssueTypeName               Text
	StatusID, Status            Int
	StatusName                  Text
	StatusType, StateCategory   Int
	PriorityID                  Int
	PriorityName                Text
	AssigneeID                  Int
	AssigneeName                Text
	OwnerName                   Text
	SprintID                    Int
	SprintName                  Text
	EpicID                      Int
	EpicName                    Text
	ReleaseVersionID            Int
	ReleaseVersionName          Text
	StartDate, DueDate          Int
	CreateTime, UpdateTime      Int
	EstimatePoint, ActualLabour Number
	ParentID                    Int
	Tags                        []Tag
	LabelVO                     []Tag
	StatusVO                    struct {
		Named
		StateCategory Int
	}
	IssueTypeIDVO, IssueTypeVO         Named
	PriorityVO, AssigneeVO, OwnerVO    Named
	SprintVO, EpicVO, ReleaseVersionVO Named
}

// UnmarshalJSON reads an issue detail or row.
func (is *Issue) UnmarshalJSON(b []byte) error {
	var top struct {
		issueFields
		Data issueData
	}
	if err := json.Unmarshal(b, &top); err != nil {
		return err
	}
	d, t := &top.Data.issueFields, &top.issueFields
	*is = Issue{
		ID:             int64(first(t.ID, t.IssueID)),
		Number:         string(first(t.IssueNumber, d.IssueNumber)),
		ProjectID:      int64(first(t.ProjectID, d.ProjectID)),
		ProjectKey:     string(t.ProjectKey),
		Summary:        string(first(t.Summary, d.Summary)),
		Description:    string(first(t.Description, d.Description)),
		URL:            string(t.URL),
		TypeID:         int64(first(t.IssueTypeID, d.IssueTypeID, d.IssueTypeIDVO.ID, d.IssueTypeVO.ID)),
		TypeName:       string(first(t.IssueTypeName, d.IssueTypeIDVO.Name, d.IssueTypeVO.Name)),
		StatusID:       int64(first(t.StatusID, d.Status, d.StatusVO.ID)),
		StatusName:     string(first(t.StatusName, d.StatusVO.Name)),
		StatusCategory: int(first(t.StatusType, t.StateCategory, d.StatusVO.StateCategory)),
		PriorityID:     int64(first(t.PriorityID, d.PriorityVO.ID)),
		PriorityName:   string(first(t.PriorityName, d.PriorityVO.Name, t.PriorityVO.Name)),
		AssigneeID:     int64(first(t.AssigneeID, d.AssigneeVO.ID)),
		AssigneeName:   string(first(t.AssigneeName, d.AssigneeVO.Name, t.AssigneeVO.Name)),
		OwnerName:      string(first(t.OwnerName, d.OwnerVO.Name, t.OwnerVO.Name)),
		SprintID:       int64(first(t.SprintID, d.SprintVO.ID)),
		SprintName:     string(first(t.SprintName, d.SprintVO.Name)),
		EpicID:         int64(first(t.EpicID, d.EpicVO.ID)),
		EpicName:       string(first(t.EpicName, d.EpicVO.Name)),
		VersionID:      int64(first(t.ReleaseVersionID, d.ReleaseVersionVO.ID)),
		VersionName:    string(first(t.ReleaseVersionName, d.ReleaseVersionVO.Name)),
		Tags:           t.Tags,
		StartDate:      int64(first(t.StartDate, d.StartDate)),
		DueDate:        int64(first(t.DueDate, d.DueDate)),
		CreateTime:     int64(t.CreateTime),
		UpdateTime:     int64(t.UpdateTime),
		Points:         firstNumber(t.EstimatePoint, d.EstimatePoint),
		LoggedHours:    firstNumber(t.ActualLabour, d.ActualLabour),
		ParentID:       int64(t.ParentID),
		Data:           top.Data.raw,
	}
	if is.Tags == nil {
		is.Tags = d.LabelVO
	}
	if is.ProjectKey == "" {
		is.ProjectKey, _, _ = strings.Cut(is.Number, "-")
		if is.Number == "" {
			is.ProjectKey = ""
		}
	}
	return nil
}

// issueData is an issue's data map, read both as fields and as raw values
// by field code.
type issueData struct {
	issueFields
	raw map[string]json.RawMessage
}

// UnmarshalJSON reads the data map twice: by name and as raw values.
func (d *issueData) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] != '{' {
		return nil
	}
	if err := json.Unmarshal(b, &d.issueFields); err != nil {
		return err
	}
	return json.Unmarshal(b, &d.raw)
}

// firstNumber returns the first number that was sent.
func firstNumber(ns ...Number) Number {
	for _, n := range ns {
		if n.Set {
			return n
		}
	}
	return Number{}
}

// Subtask is a row of /issue/list-subtask.
type Subtask struct {
	ID           int64
	Number       string
	Summary      string
	Done         bool
	HasDone      bool // done was sent
	StatusName   string
	AssigneeName string
	DueDate      int64
}

// UnmarshalJSON reads a subtask.
func (s *Subtask) UnmarshalJSON(b []byte) error {
	var w struct {
		ID           Int
		IssueNumber  Text
		Summary      Text
		Done         *Flag
		StatusName   Text
		StatusVO     Named
		AssigneeName Text
		DueDate      Int
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*s = Subtask{ID: int64(w.ID), Number: string(w.IssueNumber), Summary: string(w.Summary), StatusName: string(first(w.StatusName, w.StatusVO.Name)),
		AssigneeName: string(w.AssigneeName), DueDate: int64(w.DueDate)}
	if w.Done != nil {
		s.Done, s.HasDone = bool(*w.Done), true
	}
	return nil
}

// Comment is a row of /comment/page with its replies.
type Comment struct {
	ID         int64
	Author     string
	HTML       string // content
	Plain      string // plainContent
	CreateTime int64
	Replies    []Comment
}

// UnmarshalJSON reads a comment.
func (c *Comment) UnmarshalJSON(b []byte) error {
	var w struct {
		CommentID, ID          Int
		Content, PlainContent  Text
		CreateTime             Int
		CommentUser            struct{ UserName, Name Text }
		CreateByName, UserName Text
		SubReplies             []Comment
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Comment{ID: int64(first(w.CommentID, w.ID)), Author: string(first(w.CommentUser.UserName, w.CommentUser.Name, w.CreateByName, w.UserName)),
		HTML: string(w.Content), Plain: string(w.PlainContent), CreateTime: int64(w.CreateTime), Replies: w.SubReplies}
	return nil
}
