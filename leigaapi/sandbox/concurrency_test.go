package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// TestConcurrentCreates sends 50 /issue/add at once through Transport and
// expects 50 distinct, consecutive issue numbers.
func TestConcurrentCreates(t *testing.T) {
	sb, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: sb.Transport()}
	const n = 50
	numbers := make(chan string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]any{"projectId": 102, "issueTypeId": 2, "data": map[string]any{"summary": fmt.Sprintf("Load test %d", i)}})
			req, _ := http.NewRequest(http.MethodPost, "http://sandbox.local/openapi/api/issue/add", bytes.NewReader(body))
			req.Header.Set("accessToken", StaticToken)
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			var env struct {
				Code string       `json:"code"`
				Data createdIssue `json:"data"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&env); err != nil || env.Code != codeOK {
				t.Errorf("add: %v code %q", err, env.Code)
				return
			}
			numbers <- env.Data.IssueNumber
		})
	}
	wg.Wait()
	close(numbers)
	seen := map[string]bool{}
	for num := range numbers {
		if seen[num] {
			t.Errorf("issue number %s handed out twice", num)
		}
		seen[num] = true
	}
	for i := 14; i < 14+n; i++ {
		if !seen[fmt.Sprintf("WEB-%d", i)] {
			t.Errorf("WEB-%d missing", i)
		}
	}
	if got := sb.Stats().Requests["POST /issue/add"]; got != n {
		t.Errorf("stats count %d, want %d", got, n)
	}
}
