//go:build unix

package auth

import (
	"fmt"
	"os"
	"syscall"
)

// unsafeFile says what makes fi, the token cache file at path, readable or
// writable by other users, and what to do about it; "" when it is private.
func unsafeFile(fi os.FileInfo, path string) (problem, fix string) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Sprintf("is owned by uid %d, not by this user (uid %d)", st.Uid, os.Geteuid()),
			"delete it (or have its owner delete it), or point LEIGA_TOKEN_CACHE elsewhere"
	}
	if perm := fi.Mode().Perm(); perm&^0o600 != 0 {
		return fmt.Sprintf("has mode %#o, wider than 0600, so other users may read or change it", uint32(perm)),
			"run chmod 600 " + path + ", or delete it"
	}
	return "", ""
}
