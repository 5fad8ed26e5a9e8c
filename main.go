// Command leiga-mcp is an MCP server for the Leiga Open API.
package main

import (
	"os"

	"github.com/leiga-mcp/leiga-mcp/tools/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OSEnv()))
}
