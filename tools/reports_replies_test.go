package tools_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/auth"
	"github.com/leiga-mcp/leiga-mcp/tools"
	"github.com/leiga-mcp/leiga-mcp/tools/resolve"
	"github.com/leiga-mcp/leiga-mcp/tools/toolkit"
)

// oddSprintReply answers every request with one row that is at once a
// project (MOBILE), an active sprint with absurd dates, a done issue with
// an absurd estimate and a finish time in 1970: the reports must neither
// fail nor hang nor draw forever on it.
var oddSprintReply = fixedReply{200, "application/json", `{"code":"0","msg":"success","data":{"total":1,"list":[
	{"id":1,"name":"x","pkey":"MOBILE","projectKey":"MOBILE","status":2,"startDate":-9000000000000000,"endDate":9000000000000000,
	 "issueNumber":"MOBILE-1","statusType":4,"estimatePoint":1e308,"finishTime":1,"assigneeId":7,"assigneeName":"A"}]}}`}

func TestReportsOnOddReplies(t *testing.T) {
	reg := tools.MustRegistry()
	deps, sb := fuzzDeps(t, reg)
	api, err := leigaapi.New(leigaapi.Options{BaseURL: "http://leiga.invalid/openapi/api", Tokens: auth.NewStaticToken(fuzzToken),
		HTTPClient: &http.Client{Transport: oddSprintReply}, MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	deps = append(deps, &toolkit.Deps{API: api, Location: time.UTC, Resolver: resolve.New(api, resolve.Options{Location: time.UTC})})
	calls := []struct{ tool, args string }{
		{"sprint_report", `{"project":"MOBILE"}`},
		{"sprint_report", `{"project":"MOBILE","sprint":"x"}`},
		{"workload_report", `{"project":"MOBILE"}`},
		{"workload_report", `{"project":"MOBILE","sprint":"none"}`},
	}
	for i, d := range deps {
		if err := sb.Reset(); err != nil {
			t.Fatal(err)
		}
		for _, c := range calls {
			tool, _ := reg.Tool(c.tool)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			res := tool.Call(ctx, d, json.RawMessage(c.args))
			cancel()
			if res == nil {
				t.Fatalf("reply %d, %s %s: nil result", i, c.tool, c.args)
			}
			if _, err := json.Marshal(res); err != nil {
				t.Errorf("reply %d, %s %s: result cannot be sent: %v", i, c.tool, c.args, err)
			}
			if i == len(deps)-1 && (res.IsError || len(res.Content) != 2) {
				t.Errorf("odd data, %s %s: want a report and its chart, got error %v, %d contents: %.300s", c.tool, c.args, res.IsError, len(res.Content), errorText(res))
			}
			if res.IsError && strings.TrimSpace(errorText(res)) == "" {
				t.Errorf("reply %d, %s %s: isError without a message", i, c.tool, c.args)
			}
		}
	}
}
