// Package leigaapi is the HTTP client for the Leiga Open API: base URL,
// the {code,msg,data} envelope, typed errors, safe retries, timeouts and the
// credential layer that supplies the accessToken header.
package leigaapi
