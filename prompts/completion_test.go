package prompts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type call struct{ kind, prefix, project string }

// fakeCompleter records its calls and returns n names "<kind>-<prefix>-<i>".
type fakeCompleter struct {
	mu    sync.Mutex
	n     int
	err   error
	calls []call
}

func (f *fakeCompleter) complete(_ context.Context, kind, prefix, project string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call{kind, prefix, project})
	if f.err != nil {
		return nil, f.err
	}
	out := make([]string, f.n)
	for i := range out {
		out[i] = fmt.Sprintf("%s-%s-%d", kind, prefix, i)
	}
	return out, nil
}

func TestCompletionKinds(t *testing.T) {
	tests := []struct {
		prompt, arg string
		context     map[string]string
		want        *call // nil: completer not called, no values
	}{
		{"triage_backlog", "project", nil, &call{"project", "Ap", ""}},
		{"create_issue_from_conversation", "project", nil, &call{"project", "Ap", ""}},
		{"create_issue_from_conversation", "type", nil, nil},
		{"triage_backlog", "limit", map[string]string{"project": "Apollo"}, nil},
		{"plan_sprint", "sprint", map[string]string{"project": " Apollo "}, &call{"sprint", "Ap", "Apollo"}},
		{"plan_sprint", "capacity", nil, nil},
		{"daily_standup", "user", map[string]string{"project": "Apollo"}, &call{"user", "Ap", "Apollo"}},
		{"daily_standup", "project", nil, &call{"project", "Ap", ""}},
		{"release_notes", "version", map[string]string{"project": "Apollo"}, &call{"version", "Ap", "Apollo"}},
		{"release_notes", "version", nil, &call{"version", "Ap", ""}},
		{"break_down_epic", "epic", map[string]string{"project": "Apollo"}, &call{"epic", "Ap", "Apollo"}},
		{"break_down_epic", "nope", nil, nil},
		{"no_such_prompt", "project", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.prompt+"/"+tt.arg, func(t *testing.T) {
			f := &fakeCompleter{n: 3}
			p := NewCompletionProvider(f.complete)
			got, err := p.CompletePromptArgument(context.Background(), tt.prompt,
				mcp.CompleteArgument{Name: tt.arg, Value: "Ap"}, mcp.CompleteContext{Arguments: tt.context})
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil {
				if len(f.calls) != 0 || got == nil || got.Values == nil || len(got.Values) != 0 {
					t.Fatalf("want no values and no calls, got %+v, calls %v", got, f.calls)
				}
				return
			}
			if len(f.calls) != 1 || f.calls[0] != *tt.want {
				t.Fatalf("calls = %v, want %v", f.calls, *tt.want)
			}
			if len(got.Values) != 3 || got.Total != 3 || got.HasMore {
				t.Errorf("completion = %+v", got)
			}
		})
	}
}

// Every argument that names a project, sprint, version, epic or user has a kind.
func TestEveryEntityArgumentHasKind(t *testing.T) {
	kinds := map[string]bool{KindProject: true, KindSprint: true, KindVersion: true, KindEpic: true, KindUser: true}
	for _, s := range specs {
		for _, a := range s.args {
			if kinds[a.name] && a.kind != a.name {
				t.Errorf("%s.%s: kind %q", s.name, a.name, a.kind)
			}
		}
	}
}

func TestCompletionCap(t *testing.T) {
	for _, tt := range []struct {
		n, wantLen int
		more       bool
	}{{0, 0, false}, {19, 19, false}, {20, 20, false}, {21, 20, true}, {150, 20, true}} {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			f := &fakeCompleter{n: tt.n}
			got, err := NewCompletionProvider(f.complete).CompletePromptArgument(context.Background(),
				"plan_sprint", mcp.CompleteArgument{Name: "project"}, mcp.CompleteContext{})
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Values) != tt.wantLen || got.Total != tt.n || got.HasMore != tt.more || got.Values == nil {
				t.Errorf("n=%d: len=%d total=%d more=%v", tt.n, len(got.Values), got.Total, got.HasMore)
			}
		})
	}
}

func TestCompletionErrorAndNil(t *testing.T) {
	f := &fakeCompleter{err: errors.New("upstream down")}
	_, err := NewCompletionProvider(f.complete).CompletePromptArgument(context.Background(),
		"plan_sprint", mcp.CompleteArgument{Name: "sprint"}, mcp.CompleteContext{})
	if err == nil || !strings.Contains(err.Error(), "upstream down") {
		t.Fatalf("err = %v", err)
	}
	got, err := NewCompletionProvider(nil).CompletePromptArgument(context.Background(),
		"plan_sprint", mcp.CompleteArgument{Name: "sprint"}, mcp.CompleteContext{})
	if err != nil || len(got.Values) != 0 {
		t.Fatalf("nil completer: %+v, %v", got, err)
	}
}

func TestCompletionJSONRPC(t *testing.T) {
	f := &fakeCompleter{n: 25}
	s := server.NewMCPServer("test", "0.0.0",
		server.WithCompletions(), server.WithPromptCompletionProvider(NewCompletionProvider(f.complete)))
	Register(s, nil, everything)
	out := rpc(t, s, `{"jsonrpc":"2.0","id":1,"method":"completion/complete","params":{
		"ref":{"type":"ref/prompt","name":"release_notes"},
		"argument":{"name":"version","value":"2."},
		"context":{"arguments":{"project":"Apollo"}}}}`)
	r, ok := out["result"].(map[string]any)
	if !ok {
		t.Fatalf("no result: %v", out)
	}
	c := r["completion"].(map[string]any)
	if len(c["values"].([]any)) != resolve.MaxCompletions || c["total"] != float64(25) || c["hasMore"] != true {
		t.Errorf("completion = %v", c)
	}
	if len(f.calls) != 1 || f.calls[0] != (call{"version", "2.", "Apollo"}) {
		t.Errorf("calls = %v", f.calls)
	}
}
