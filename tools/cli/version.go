package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Version is set at build time with -ldflags "-X .../tools/cli.Version=v1.2.3";
// otherwise it comes from the module's build info.
var Version = ""

// version returns the binary's version.
func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(args []string, env Env) error {
	fs := newFlagSet("version", env)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	mcpGo := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == "github.com/mark3labs/mcp-go" {
				mcpGo = d.Version
			}
		}
	}
	fmt.Fprintf(env.Stdout, "leiga-mcp %s (%s, mcp-go %s)\n", version(), runtime.Version(), mcpGo)
	return nil
}
