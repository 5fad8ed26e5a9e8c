//go:build !unix

package mcpserver

// openFileLimit is unknown on this platform.
func openFileLimit() int { return 0 }
