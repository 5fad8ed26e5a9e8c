//go:build unix

package tools

import "syscall"

// openNonBlocking opens special files without waiting for a peer (a FIFO
// without a writer would otherwise block the open for ever).
const openNonBlocking = syscall.O_NONBLOCK
