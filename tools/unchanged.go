package tools

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/endpoints"
)

// What update_issue would not change: the planned values an issue already
// has are dropped from the write and reported, so that a no-op is
// reported as unchanged, never as a change.

// standardLabels names the standard field codes as update_issue's
// arguments do.
var standardLabels = map[string]string{
	"summary": "title", "status": "status", "priority": "priority", "assignee": "assignee", "sprint": "sprint",
	"epic": "epic", "releaseVersion": "version", "label": "labels", "dueDate": "due", "startDate": "start",
	"estimatePoint": "points", "description": "description",
}

// dropUnchanged removes from fp every field whose planned value the issue
// already has, and says so for each.
func (fp *fieldPlan) dropUnchanged(is *endpoints.Issue) []string {
	var notes []string
	for _, code := range slices.Sorted(maps.Keys(fp.data)) {
		label, ok := standardLabels[code]
		if !ok {
			label = fp.customLabel(code)
		}
		if label == "" || !fp.same(is, code) {
			continue
		}
		notes = append(notes, fmt.Sprintf("%s is already %s.", label, shown(fp.names[label])))
		delete(fp.data, code)
		delete(fp.names, label)
	}
	return notes
}

// customLabel finds the argument name under which a custom code was set.
func (fp *fieldPlan) customLabel(code string) string {
	for label, c := range fp.codes {
		if c == code {
			return label
		}
	}
	return ""
}

// same reports whether the issue already holds the planned value of code.
func (fp *fieldPlan) same(is *endpoints.Issue, code string) bool {
	want := fp.data[code]
	id := func(have int64) bool {
		switch w := want.(type) {
		case nil:
			return have == 0
		case int64:
			return w == have
		}
		return false
	}
	switch code {
	case "summary":
		return want == is.Summary
	case "description":
		return want == is.Description
	case "priority":
		return id(is.PriorityID)
	case "assignee":
		return id(is.AssigneeID)
	case "sprint":
		return id(is.SprintID)
	case "epic":
		return id(is.EpicID)
	case "releaseVersion":
		return id(is.VersionID)
	case "dueDate":
		return want == nil && is.DueDate == 0 || want == is.DueDate
	case "startDate":
		return want == nil && is.StartDate == 0 || want == is.StartDate
	case "estimatePoint":
		w, ok := want.(float64)
		return ok && is.Points.Set && is.Points.Value == w
	case "label":
		w, _ := want.([]int64)
		have := make([]int64, 0, len(is.Tags))
		for _, t := range is.Tags {
			have = append(have, t.ID)
		}
		return slices.Equal(sorted(w), sorted(have))
	}
	raw, ok := is.Data[code]
	if !ok {
		return false
	}
	b, err := json.Marshal(want)
	return err == nil && bytes.Equal(bytes.TrimSpace(raw), b)
}

func sorted(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// shown renders a planned name for a note.
func shown(v any) string {
	switch x := v.(type) {
	case []string:
		if len(x) == 0 {
			return "none"
		}
		return strings.Join(x, ", ")
	case nil:
		return "none"
	}
	return fmt.Sprint(v)
}
