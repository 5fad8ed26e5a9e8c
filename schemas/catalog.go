package schemas

import "encoding/json"

// LeigaSearchTools is the input of leiga_search_tools.
type LeigaSearchTools struct {
	Query   string `json:"query" jsonschema:"required,minLength=1" jsonschema_description:"What you want to do, e.g. release a version"`
	Toolset string `json:"toolset,omitempty" jsonschema_description:"Only this toolset (Leiga module)"`
	Limit   int    `json:"limit,omitempty" jsonschema:"minimum=1,maximum=25" jsonschema_description:"Default 10"`
}

// LeigaDescribeTool is the input of leiga_describe_tool.
type LeigaDescribeTool struct {
	Name string `json:"name" jsonschema:"required,minLength=1" jsonschema_description:"Tool name from leiga_search_tools"`
}

// LeigaCallTool is the input of leiga_call_tool.
type LeigaCallTool struct {
	Name      string          `json:"name" jsonschema:"required,minLength=1" jsonschema_description:"Tool name from leiga_search_tools"`
	Arguments json.RawMessage `json:"arguments,omitempty" jsonschema:"type=object" jsonschema_description:"Arguments matching the tool's schema"`
}
