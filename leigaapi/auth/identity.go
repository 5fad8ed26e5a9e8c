package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// identityKey keys the hashes that identify credentials. It is random per
// process: identities are stable for as long as the in-memory caches they
// key, and cannot be matched against guesses of a short token offline.
var identityKey = func() []byte {
	k := make([]byte, 32)
	rand.Read(k)
	return k
}()

// credentialHash is the hex HMAC-SHA256 of parts, each length-prefixed so
// that ("ab", "c") and ("a", "bc") differ.
func credentialHash(parts ...string) string {
	m := hmac.New(sha256.New, identityKey)
	var n [8]byte
	for _, p := range parts {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		m.Write(n[:])
		m.Write([]byte(p))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// identity is the leigaapi.Identifier form of a credential: a kind prefix
// and the first 16 hex digits of its hash, e.g. "tok:3f9a0c…".
func identity(prefix string, parts ...string) string {
	return prefix + ":" + credentialHash(append([]string{prefix}, parts...)...)[:16]
}
