//go:build unix

package mcpserver

import (
	"fmt"
	"os"
	"syscall"
)

// unsafeAuditFile says what makes fi, the audit log at path, readable or
// writable by other users, and what to do about it; "" when it is private.
func unsafeAuditFile(fi os.FileInfo, path string) (problem, fix string) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Sprintf("is owned by uid %d, not by this user (uid %d)", st.Uid, os.Geteuid()),
			"have its owner move it away, or point LEIGA_AUDIT_LOG elsewhere"
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Sprintf("has mode %#o, so other users may read or change it", uint32(perm)),
			"run chmod 600 " + path + ", or point LEIGA_AUDIT_LOG elsewhere"
	}
	return "", ""
}
