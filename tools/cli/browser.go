package cli

import (
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
)

// openURLInBrowser opens u in the desktop's default browser (xdg-open,
// open, or rundll32 on Windows); u is passed as an argument, never through a
// shell, and must be an http(s) URL.
func openURLInBrowser(u string) error {
	if p, err := url.Parse(u); err != nil || (p.Scheme != "http" && p.Scheme != "https") {
		return fmt.Errorf("refusing to open %q: not an http(s) URL", u)
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap
	return nil
}
