//go:build !unix

package tools

// openNonBlocking is 0 where FIFOs cannot be opened as files.
const openNonBlocking = 0
