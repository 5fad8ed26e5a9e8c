package resolve

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox"
	"github.com/leiga-mcp/leiga-mcp/leigaapi/sandbox/sandboxtest"
)

func TestOnLookupCountsHitsAndMisses(t *testing.T) {
	tests := []struct {
		name string
		run  func(ctx context.Context, r *Resolver) error
		want []string // "kind hit|miss" in order
	}{
		{"a list read twice: a miss, then a hit", func(ctx context.Context, r *Resolver) error {
			for range 2 {
				if _, err := r.Projects(ctx); err != nil {
					return err
				}
			}
			return nil
		}, []string{"projects miss", "projects hit"}},
		{"a per-project list is labelled by kind, never by id", func(ctx context.Context, r *Resolver) error {
			_, err := r.Tags(ctx, sandbox.DemoProjectMobile)
			return err
		}, []string{"tags miss"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, api := sandboxtest.New(t)
			var mu sync.Mutex
			var got []string
			r := New(api, Options{Location: time.UTC, Now: func() time.Time { return sandboxNow }, OnLookup: func(list string, hit bool) {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, fmt.Sprintf("%s %s", list, map[bool]string{true: "hit", false: "miss"}[hit]))
			}})
			if err := tt.run(context.Background(), r); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("look-ups %q, want %q", got, tt.want)
			}
		})
	}
}
