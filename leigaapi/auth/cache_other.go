//go:build !unix

package auth

import "os"

// unsafeFile checks nothing where file modes and owners are not Unix ones:
// the cache directory's ACLs protect the file.
func unsafeFile(os.FileInfo, string) (problem, fix string) { return "", "" }
