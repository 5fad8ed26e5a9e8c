package cli

import (
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestMergeBuildInfo(t *testing.T) {
	mcpGo := &debug.Module{Path: "github.com/mark3labs/mcp-go", Version: "v1.2.1"}
	vcs := []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-11-30T04:51:00Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	tests := []struct {
		name    string
		stamped buildInfo
		bi      *debug.BuildInfo
		want    buildInfo
	}{
		{
			name:    "release build: stamped values win over the build info",
			stamped: buildInfo{Version: "v1.4.0", Commit: "feedface", Date: "2026-12-01T10:00:00Z"},
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs, Deps: []*debug.Module{mcpGo}},
			want:    buildInfo{Version: "v1.4.0", Commit: "feedface", Date: "2026-12-01T10:00:00Z", GoVersion: "go1.26.8", MCPGo: "v1.2.1"},
		},
		{
			name: "go install …@v1.3.0: module version, no VCS data",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.3.0"}, Deps: []*debug.Module{mcpGo}},
			want: buildInfo{Version: "v1.3.0", Commit: "unknown", Date: "unknown", GoVersion: "go1.26.8", MCPGo: "v1.2.1"},
		},
		{
			name: "go build in a clone: VCS revision and commit time",
			bi:   &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			want: buildInfo{Version: "dev", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-11-30T04:51:00Z", GoVersion: "go1.26.8", MCPGo: "unknown"},
		},
		{
			name: "go build with local changes: the commit is marked dirty",
			bi: &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
				{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"},
			}},
			want: buildInfo{Version: "dev", Commit: "abc-dirty", Date: "unknown", GoVersion: "go1.26.8", MCPGo: "unknown"},
		},
		{
			name:    "stamped version only: commit and date still come from VCS",
			stamped: buildInfo{Version: "v2.0.0"},
			bi:      &debug.BuildInfo{GoVersion: "go1.26.8", Settings: vcs},
			want:    buildInfo{Version: "v2.0.0", Commit: "0123456789abcdef0123456789abcdef01234567", Date: "2026-11-30T04:51:00Z", GoVersion: "go1.26.8", MCPGo: "unknown"},
		},
		{
			name: "no build info at all",
			want: buildInfo{Version: "dev", Commit: "unknown", Date: "unknown", GoVersion: runtime.Version(), MCPGo: "unknown"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mergeBuildInfo(tt.stamped, tt.bi)
			tt.want.Platform = runtime.GOOS + "/" + runtime.GOARCH
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestVersionCommandPrintsEveryField(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, BuildDate = v, c, d }(Version, Commit, BuildDate)
	Version, Commit, BuildDate = "v1.2.3", "0123456789abcdef", "2026-11-30T04:51:00Z"
	var out strings.Builder
	if err := runVersion(nil, Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"leiga-mcp v1.2.3\n", "commit:   0123456789abcdef\n", "built:    2026-11-30T04:51:00Z\n", "go:       go1.", runtime.GOOS + "/" + runtime.GOARCH, "mcp-go:   "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("version output lacks %q:\n%s", want, out.String())
		}
	}
	if got := version(); got != "v1.2.3" {
		t.Errorf("version() = %q, want the stamped v1.2.3 (it is the MCP serverInfo.version)", got)
	}
}
