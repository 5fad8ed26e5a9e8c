package tools

import (
	"strings"
	"testing"
)

// dupPairs is the labelled set the twin detector is tuned on: pairs of
// issue titles (and sometimes descriptions) that describe the same work,
// and pairs that are close but different.
var dupPairs = []struct {
	a, b         string
	descA, descB string
	twin         bool
}{
	// twins
	{a: "Login button broken in Safari", b: "Login button broken on Safari", twin: true},
	{a: "Login button broken in Safari", b: "Safari: the login button is broken", twin: true},
	{a: "Crash when uploading a profile photo", b: "App crashes when uploading profile photo", twin: true},
	{a: "Push notification badge does not reset after reading", b: "Push notification badge doesn't reset after reading", twin: true},
	{a: "Dark mode: unreadable text on the settings screen", b: "Unreadable text in dark mode on settings screen", twin: true},
	{a: "Add retry with backoff to the sync queue", b: "Sync queue: add retry with backoff", twin: true},
	{a: "Cache the last 50 messages for offline reading", b: "Cache last 50 messages for reading offline", twin: true},
	{a: "Upgrade React Native to 0.76", b: "Upgrade to React Native 0.76", twin: true},
	{a: "Checkout page times out under load", b: "Checkout page timing out under load", twin: true},
	{a: "Password reset email never arrives", b: "Password reset emails never arrive", twin: true},
	{a: "Search results ignore the project filter", b: "Project filter ignored by search results", twin: true},
	{a: "Export to CSV drops the last row", b: "CSV export drops last row", twin: true},
	{a: "Typo on the pricing page", b: "Pricing page typo", twin: true},
	{a: "Migrate the billing worker to Kubernetes", b: "Migrate billing worker to Kubernetes", twin: true},
	{a: "Document the incident response runbook", b: "Write the incident response runbook documentation", descA: "Steps for on-call: paging, escalation, status page, postmortem.", descB: "Write down paging, escalation, the status page and the postmortem steps for on-call.", twin: true},
	{a: "Slow dashboard", b: "Dashboard loads slowly", descA: "The dashboard takes 12 seconds to load the charts for large projects.", descB: "Charts on the dashboard take about 12 seconds to load on large projects.", twin: true},
	{a: "Show sync status on the profile screen", b: "Profile screen: show the sync status", twin: true},
	{a: "登录按钮在Safari上失效", b: "Safari上登录按钮失效", twin: true},
	{a: "Biometric unlock for returning users", b: "Biometric unlock for returning user", twin: true},
	{a: "Move the staging cluster to Kubernetes 1.31", b: "Move staging cluster to Kubernetes 1.31", twin: true},
	{a: "Login button stays disabled", b: "Login button stays disabled after a failed attempt", twin: true},
	{a: "Fix: login crash!", b: "fix login crash", twin: true},
	{a: "Add dark mode to settings and profile screens", b: "Add dark mode to settings and profile screen", twin: true},

	// close but different
	{a: "Login button broken on Safari", b: "Login button broken on Chrome"},
	{a: "Add dark mode to settings", b: "Add dark mode to the editor"},
	{a: "Crash when uploading a profile photo", b: "Crash when deleting a profile photo"},
	{a: "Upgrade React Native to 0.76", b: "Upgrade React Native to 0.77"},
	{a: "Checkout page times out under load", b: "Search page times out under load"},
	{a: "Password reset email never arrives", b: "Welcome email never arrives"},
	{a: "Export to CSV drops the last row", b: "Export to PDF drops the last page"},
	{a: "Migrate the billing worker to Kubernetes", b: "Migrate the email worker to Kubernetes"},
	{a: "Cache the last 50 messages for offline reading", b: "Sync the last 50 messages on reconnect"},
	{a: "Show sync status on the profile screen", b: "Show sync status on the inbox screen"},
	{a: "Write UI tests for the login flow", b: "Write UI tests for the checkout flow"},
	{a: "Slow dashboard", b: "Slow search"},
	{a: "Dashboard loads slowly", b: "Dashboard loads slowly on mobile", descA: "Charts take 12 seconds on large projects on desktop browsers.", descB: "On phones the dashboard never finishes loading over 3G; the layout breaks."},
	{a: "Add retry with backoff to the sync queue", b: "Add metrics to the sync queue"},
	{a: "Redesign the onboarding carousel", b: "Redesign the settings screen"},
	{a: "Sign in with Apple on iOS", b: "Sign in with Google on Android"},
	{a: "登录按钮在Safari上失效", b: "注册按钮在Chrome上失效"},
	{a: "Tablet layout for the inbox and threads", b: "Landscape keyboard for the tablet inbox"},
	{a: "Document the incident response runbook", b: "Document the release process"},
	{a: "Biometric unlock for returning users", b: "PIN unlock for returning users"},
	{a: "Fix login", b: "Fix login crash on Android"},
	{a: "Bug", b: "Bug in the checkout"},
	{a: "Coupon field accepts expired codes", b: "Search returns no results"},
}

// TestTwinDetectionOnLabelledPairs: at least 90% of twins are caught and
// at most 5% of different issues are flagged.
func TestTwinDetectionOnLabelledPairs(t *testing.T) {
	var twins, caught, others, flagged int
	for _, p := range dupPairs {
		s := compare(p.a, p.descA, p.b, p.descB)
		got := s.twin()
		if p.twin {
			twins++
			if got {
				caught++
			} else {
				t.Logf("missed twin: %q / %q (%+v)", p.a, p.b, s)
			}
		} else {
			others++
			if got {
				flagged++
				t.Logf("false twin: %q / %q (%+v)", p.a, p.b, s)
			}
		}
		if back := compare(p.b, p.descB, p.a, p.descA).twin(); back != got {
			t.Errorf("not symmetric: %q / %q", p.a, p.b)
		}
	}
	recall := float64(caught) / float64(twins)
	fpr := float64(flagged) / float64(others)
	t.Logf("%d labelled pairs: %d/%d twins caught (%.0f%%), %d/%d different issues flagged (%.0f%%)", len(dupPairs), caught, twins, 100*recall, flagged, others, 100*fpr)
	if recall < 0.9 {
		t.Errorf("recall %.0f%%, want at least 90%%", 100*recall)
	}
	if fpr > 0.05 {
		t.Errorf("%.0f%% of different issues flagged, want at most 5%%", 100*fpr)
	}
}

func TestCreateIssueStopsTwinsAndNamesRelated(t *testing.T) {
	sb, d := newSandboxDeps(t)
	var dup struct {
		Created    *bool `json:"created"`
		Duplicates []struct{ Number string }
	}
	runTool(t, d, "create_issue", `{"project":"MOBILE","title":"Login button stays disabled"}`, &dup)
	if dup.Created == nil || *dup.Created || len(dup.Duplicates) != 1 || dup.Duplicates[0].Number != "MOBILE-13" {
		t.Fatalf("twin of MOBILE-13 not stopped: %+v", dup)
	}
	if w := writes(sb); len(w) != 0 {
		t.Fatalf("a twin was written: %v", w)
	}
	var made struct {
		Number  string
		Related []struct{ Number string }
	}
	res := runTool(t, d, "create_issue", `{"project":"MOBILE","title":"Login button stays disabled on Safari","type":"bug"}`, &made)
	if made.Number == "" || len(made.Related) != 1 || made.Related[0].Number != "MOBILE-13" || !strings.Contains(text(res), "look related") {
		t.Errorf("created %+v\n%s", made, text(res))
	}
}
