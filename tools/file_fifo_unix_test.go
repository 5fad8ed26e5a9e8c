//go:build unix

package tools

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFileUploadRefusesAFIFO: a named pipe in an allowed directory is
// refused at once (it used to hang the call for ever, before the regular
// file check) and nothing is sent.
func TestFileUploadRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	f, d := newFake(t)
	d.UploadDirs = []string{dir}
	args, _ := json.Marshal(map[string]string{"fileName": "pipe.txt", "path": fifo})
	done := make(chan string, 1)
	go func() { done <- text(call(t, d, "file_upload", string(args))) }()
	select {
	case msg := <-done:
		if !strings.Contains(msg, "is not a regular file") {
			t.Errorf("result %q, want the FIFO refused as not a regular file", msg)
		}
	case <-time.After(20 * time.Second): // a hang, not a timing assertion
		t.Fatal("file_upload hung on a FIFO")
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests", n)
	}
}
