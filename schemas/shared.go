package schemas

// Inputs that tools of several modules take unchanged. A tool's input type
// is defined from one of them (type TagList OnlyProjectID) so that its name
// still says which tool it belongs to; a module's own shared inputs stand in
// its file (OnlyVersionID in version.go).

// OnlyProjectID is the input of a tool that takes nothing but a project id.
type OnlyProjectID struct {
	ProjectID int64 `json:"projectId" jsonschema:"required,minimum=1"`
}
