// Package leigaapi is the HTTP client core for the Leiga Open API: base URL,
// the {code,msg,data} envelope, typed errors, safe retries, timeouts, the
// TokenSource interface that supplies the accessToken header, and secret
// redaction. The token manager (credentials, renewable sources, per-request
// credentials, token cache, OAuth login) is package leigaapi/auth.
package leigaapi
