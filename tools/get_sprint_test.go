package tools

import (
	"strings"
	"testing"
)

func TestGetSprint(t *testing.T) {
	_, d := newSandboxDeps(t)
	var out struct {
		Sprint   string `json:"sprint"`
		State    string `json:"state"`
		Start    string `json:"start"`
		End      string `json:"end"`
		DaysLeft *int   `json:"days_left"`
		Progress struct {
			ToDo, InProgress, Done int
		} `json:"progress"`
		Issues []struct{ Number string } `json:"issues"`
		Total  int                       `json:"total"`
	}
	res := runTool(t, d, "get_sprint", `{"project":"mobile"}`, &out)
	if out.Sprint != "Sprint 12" || out.State != "active" || out.Start != "2026-10-26" || out.End != "2026-11-08" || out.DaysLeft == nil || *out.DaysLeft != 4 {
		t.Errorf("current sprint of MOBILE: %+v\n%s", out, text(res))
	}
	if out.Total != 5 || len(out.Issues) != 5 || out.Issues[0].Number != "MOBILE-13" {
		t.Errorf("issues %+v (total %d), want 5, highest priority first\n%s", out.Issues, out.Total, text(res))
	}
	out.DaysLeft = nil
	runTool(t, d, "get_sprint", `{"project":"MOBILE","sprint":"next"}`, &out)
	if out.Sprint != "Sprint 13" || out.State != "not started" || out.DaysLeft != nil {
		t.Errorf("next sprint: %+v", out)
	}
	if msg := toolError(t, d, "get_sprint", `{"project":"OPS","sprint":"previous"}`); !strings.Contains(msg, "No sprint is closed in project OPS") || !strings.Contains(msg, "Sprint 12 (active)") {
		t.Errorf("no previous sprint: %s", msg)
	}
}

func TestWhoAmI(t *testing.T) {
	_, d := newSandboxDeps(t, sandboxOptions{me: "bob"})
	var out identityView
	runTool(t, d, "whoami", `{}`, &out)
	if out.Name != "Bob Martinez" || out.Source != "LEIGA_USER" || out.Email != "bob.martinez@acme.example" {
		t.Errorf("whoami with LEIGA_USER=bob: %+v", out)
	}
	_, d = newSandboxDeps(t, sandboxOptions{noMe: true})
	runTool(t, d, "whoami", `{}`, &out)
	if out.Name != "Alice Chen" || out.Source != "personal messages" {
		t.Errorf("whoami without LEIGA_USER: %+v", out)
	}
}
