package leigaapi

import (
	"context"
	"fmt"
	"reflect"
)

// Identifier is implemented by token sources that can name the credential
// they hold with a stable identity that reveals nothing about its secret
// (a keyed hash: "tok:3f9a…", "cid:81c2…"). Two sources for the same
// credential have the same identity.
type Identifier interface {
	Identity() string
}

// CredentialID identifies the per-request credential of ctx, for keying
// caches by caller: "" when ctx carries no token source of its own (the
// server's credentials are used), else the source's Identity. A source that
// is not an Identifier is identified by its type and address, so it shares
// nothing with any other source (a non-pointer one by its type alone).
func CredentialID(ctx context.Context) string {
	ts := TokenSourceFrom(ctx)
	if ts == nil {
		return ""
	}
	if id, ok := ts.(Identifier); ok {
		return id.Identity()
	}
	v := reflect.ValueOf(ts)
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return fmt.Sprintf("src:%T:%x", ts, v.Pointer())
	}
	return fmt.Sprintf("src:%T", ts)
}
