package cli

import (
	"context"
	"slices"
	"testing"

	"github.com/mark3labs/mcp-go/mcp"
)

// The server offers the prompts its selection can serve.
func TestServedPromptsFollowTheSelection(t *testing.T) {
	tests := []struct {
		flags []string
		want  []string
	}{
		{[]string{"--read-only"}, []string{"daily_standup", "release_notes"}},
		{[]string{"--toolsets", "project"}, nil},
		{[]string{"--toolsets", "issue"}, []string{"create_issue_from_conversation", "triage_backlog", "plan_sprint", "daily_standup", "release_notes", "break_down_epic"}},
	}
	for _, tt := range tests {
		cl := sandboxClient(t, tt.flags...)
		var got []string
		list, err := cl.ListPrompts(context.Background(), mcp.ListPromptsRequest{})
		if err == nil {
			for _, p := range list.Prompts {
				got = append(got, p.Name)
			}
		}
		slices.Sort(got)
		if want := slices.Sorted(slices.Values(tt.want)); !slices.Equal(got, want) {
			t.Errorf("%v: prompts %v (err %v), want %v", tt.flags, got, err, want)
		}
	}
}
