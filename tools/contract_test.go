package tools

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// contractCase is one tool called with valid arguments and the exact
// request Leiga must receive.
type contractCase struct {
	tool, args                string
	method, path, query, body string
}

// contractCases covers every tool that calls one endpoint.
var contractCases = slices.Concat(
	orgContract,
	userContract,
	projectContract,
	issueContract,
	workflowContract,
	sprintContract,
	epicContract,
	versionContract,
	tagContract,
	commentContract,
	fileContract,
	webhookContract,
	msgContract,
)

func TestContract(t *testing.T) {
	for _, tc := range contractCases {
		t.Run(tc.tool, func(t *testing.T) {
			f, d := newFake(t)
			res := call(t, d, tc.tool, tc.args)
			if res.IsError {
				t.Fatalf("isError: %s", text(res))
			}
			got := f.requests(tc.path)
			if len(got) != 1 {
				t.Fatalf("sent %d requests, want 1", len(got))
			}
			g := got[0]
			if g.Method != tc.method || g.Path != tc.path || g.Query != tc.query || g.Token != "test-token-1" {
				t.Errorf("sent %s %s?%s token=%q, want %s %s?%s", g.Method, g.Path, g.Query, g.Token, tc.method, tc.path, tc.query)
			}
			if want := expandDates(tc.body); !jsonEqual(g.Body, want) {
				t.Errorf("body = %s\nwant   %s", g.Body, want)
			}
			if tc.method != "GET" && g.ContentType != "application/json" {
				t.Errorf("Content-Type = %q", g.ContentType)
			}
		})
	}
}

// contractElsewhere names endpoint tools whose exact request is asserted by
// a test of their own, because it is not a JSON or query request.
var contractElsewhere = map[string]string{
	"file_upload": "TestFileUploadRequest (multipart/form-data)",
}

func TestEveryEndpointToolHasAContractCase(t *testing.T) {
	covered := map[string]bool{}
	for name := range contractElsewhere {
		covered[name] = true
	}
	for _, tc := range contractCases {
		covered[tc.tool] = true
	}
	for _, tool := range testRegistry().Tools() {
		if tool.Endpoint != nil && !covered[tool.Name] {
			t.Errorf("tool %s has no contract case", tool.Name)
		}
	}
}

// jsonEqual compares two JSON texts ignoring key order; "" equals "".
func jsonEqual(a, b string) bool {
	if a == "" || b == "" {
		return a == b
	}
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// expandDates replaces the placeholder DUE with 2026-11-30 in epoch ms,
// read in the local time zone, as argument coercion does for Deps without
// a Location.
func expandDates(s string) string {
	due, _ := time.ParseInLocation(time.DateOnly, "2026-11-30", time.Local)
	return strings.ReplaceAll(s, "DUE", strconv.FormatInt(due.UnixMilli(), 10))
}
