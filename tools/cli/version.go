package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version, Commit and BuildDate are stamped by release builds (e2e/release.sh,
// deploy/Dockerfile) with
//
//	-ldflags "-X github.com/leiga-mcp/leiga-mcp/tools/cli.Version=v1.2.3
//	          -X github.com/leiga-mcp/leiga-mcp/tools/cli.Commit=<sha>
//	          -X github.com/leiga-mcp/leiga-mcp/tools/cli.BuildDate=<RFC 3339>"
//
// Left empty (go install, go build), they come from the binary's build info:
// the module version and the VCS revision and commit time Go records.
var (
	// Version is the release version, e.g. v1.2.3; also the MCP serverInfo.version.
	Version = ""
	// Commit is the full git commit hash the binary was built from.
	Commit = ""
	// BuildDate is when the source was committed (release builds use the
	// commit time, so rebuilding a commit gives the same binary), RFC 3339.
	BuildDate = ""
)

// buildInfo is what `leiga-mcp version` reports.
type buildInfo struct {
	Version, Commit, Date, GoVersion, Platform, MCPGo string
}

// readBuildInfo merges the stamped values with the binary's build info.
func readBuildInfo() buildInfo {
	bi, _ := debug.ReadBuildInfo()
	return mergeBuildInfo(buildInfo{Version: Version, Commit: Commit, Date: BuildDate}, bi)
}

// mergeBuildInfo fills what was not stamped from bi (which may be nil).
func mergeBuildInfo(b buildInfo, bi *debug.BuildInfo) buildInfo {
	b.GoVersion, b.Platform, b.MCPGo = runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH, "unknown"
	if bi != nil {
		if bi.GoVersion != "" {
			b.GoVersion = bi.GoVersion
		}
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		var revision, modified, vcsTime string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value
			case "vcs.time":
				vcsTime = s.Value
			}
		}
		if b.Commit == "" && revision != "" {
			b.Commit = revision
			if modified == "true" {
				b.Commit += "-dirty"
			}
		}
		if b.Date == "" {
			b.Date = vcsTime
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/mark3labs/mcp-go" {
				b.MCPGo = d.Version
			}
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

// version returns the binary's version: the stamped one, the module version
// of a `go install …@vX.Y.Z` build, or "dev".
func version() string {
	return readBuildInfo().Version
}

func runVersion(args []string, env Env) error {
	fs := newFlagSet("version", env)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	b := readBuildInfo()
	fmt.Fprintf(env.Stdout, "leiga-mcp %s\ncommit:   %s\nbuilt:    %s\ngo:       %s %s\nmcp-go:   %s\n",
		b.Version, b.Commit, b.Date, b.GoVersion, b.Platform, b.MCPGo)
	return nil
}
