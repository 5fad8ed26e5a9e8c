// Package auth is the token manager of the Leiga client: credentials read
// from the environment, the token sources that supply the accessToken
// header (a static token; Leiga permanent and refreshable tokens; OAuth2
// tokens), the registry of per-request credentials sent in HTTP headers, the
// token cache file, and the OAuth2 login flow.
//
// Secrets never leave a source in clear: the server's own sources are
// redacted everywhere (leigaapi.Redact), per-request ones only in their own
// requests (leigaapi.RedactContext), and every source names its credential
// by a keyed hash (leigaapi.Identifier), never by the secret.
package auth
