package mcpserver

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

func TestCallLimit(t *testing.T) {
	slots := newCallSlots(2)
	release := make(chan struct{})
	h := slots.limit(discardLog, nil, func(context.Context, mcp.CallToolRequest) (*mcp.CallToolResult, error) {
		<-release
		return mcp.NewToolResultText("done"), nil
	})
	call := func() *mcp.CallToolResult {
		res, err := h(context.Background(), mcp.CallToolRequest{})
		if err != nil {
			t.Error(err)
		}
		return res
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if res := call(); res.IsError {
				t.Errorf("a call within the limit failed: %v", res.Content)
			}
		})
	}
	if !waitFor(5*time.Second, func() bool { return len(slots) == 2 }) {
		t.Fatal("the two calls did not start")
	}
	res := call()
	text := res.Content[0].(mcp.TextContent).Text
	if !res.IsError || !strings.Contains(text, "server busy: 2 tool calls are already running") || !strings.Contains(text, "LEIGA_MCP_MAX_CALLS") {
		t.Errorf("a call past the limit: isError %t %q", res.IsError, text)
	}
	close(release)
	wg.Wait()
	if res := call(); res.IsError {
		t.Errorf("a call after the others ended failed: %v", res.Content)
	}
}
