package auth

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/leiga-mcp/leiga-mcp/leigaapi"
)

// renewals records the outcomes a renewal observer hears.
type renewals struct {
	mu  sync.Mutex
	got []string
}

func (r *renewals) observe(outcome string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, outcome)
}

func (r *renewals) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.got)
}

func TestRenewalObserverHearsEveryFetch(t *testing.T) {
	tests := []struct {
		name   string
		secret string
		run    func(t *testing.T, lg *authFakeLeiga, ts *ManagedSource, clock *authClock)
		want   []string
	}{
		{"one fetch serves many calls", "secret-one-1234", func(t *testing.T, lg *authFakeLeiga, ts *ManagedSource, _ *authClock) {
			api := lg.apiClient(t, ts)
			for range 5 {
				if err := authCallProtected(context.Background(), api); err != nil {
					t.Fatal(err)
				}
			}
		}, []string{RenewalOK}},
		{"a renewal ahead of expiry", "secret-one-1234", func(t *testing.T, _ *authFakeLeiga, ts *ManagedSource, clock *authClock) {
			for range 2 {
				if _, err := ts.Token(context.Background()); err != nil {
					t.Fatal(err)
				}
				clock.Advance(3500 * time.Second)
			}
		}, []string{RenewalOK, RenewalOK}},
		{"a wrong secret is rejected", "wrong-secret-0000", func(t *testing.T, _ *authFakeLeiga, ts *ManagedSource, _ *authClock) {
			if _, err := ts.Token(context.Background()); err == nil {
				t.Fatal("want an error")
			}
		}, []string{RenewalRejected}},
		{"Leiga unreachable", "secret-one-1234", func(t *testing.T, lg *authFakeLeiga, ts *ManagedSource, _ *authClock) {
			lg.srv.Close()
			if _, err := ts.Token(context.Background()); err == nil {
				t.Fatal("want an error")
			}
		}, []string{RenewalFailed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lg := newAuthFakeLeiga(t)
			clock := newAuthClock()
			authAPI, err := leigaapi.New(leigaapi.Options{BaseURL: lg.srv.URL, MaxAttempts: 1})
			if err != nil {
				t.Fatal(err)
			}
			var r renewals
			ts := NewPermanentSource(authAPI, "cid-1", tt.secret, nil, WithClock(clock.Now), WithRenewalObserver(r.observe))
			tt.run(t, lg, ts, clock)
			if got := r.list(); !slices.Equal(got, tt.want) {
				t.Errorf("renewals %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRenewalObserverOnPerRequestSources(t *testing.T) {
	lg := newAuthFakeLeiga(t)
	var r renewals
	reg := NewSourceRegistry(lg.authClient(t), 0, WithRenewalObserver(r.observe))
	ts, ok, err := reg.FromHeaders(map[string][]string{HeaderClientID: {"cid-2"}, HeaderSecret: {"secret-two-5678"}})
	if err != nil || !ok {
		t.Fatalf("FromHeaders: %v %v", ok, err)
	}
	if _, err := ts.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := r.list(); !slices.Equal(got, []string{RenewalOK}) {
		t.Errorf("renewals %q, want one ok", got)
	}
}
