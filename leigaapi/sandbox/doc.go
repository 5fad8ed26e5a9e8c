// Package sandbox is an in-memory fake of the Leiga Open API.
//
// A *Sandbox is an http.Handler that serves every endpoint of the Open API
// catalog with the real method, path, parameter names and response shapes,
// keeping its state in memory and consistent across modules: an issue put
// in a sprint through /issue/update shows up in /sprint/list-with-count, a
// version released through /version/release changes /version/detail, and so
// on. It answers both bare catalog paths ("/issue/get") and paths under the
// production prefix ("/openapi/api/issue/get"), so a client can point its
// base URL at either the sandbox root or root+"/openapi/api".
//
// # Conventions
//
// Responses use the Leiga envelope {"code":"0","msg":"success","data":...}.
// GET parameters come from the query string; POST, PATCH and DELETE
// parameters from a JSON object body. /file/upload takes multipart/form-data
// with the part "file"; /file/download answers the raw bytes with the stored
// Content-Type instead of an envelope. Timestamps are epoch milliseconds and
// paged results are {"total":n,"list":[...]} with pageNumber from 1 and
// pageSize 10 by default.
//
// Error answers:
//
//	HTTP 200, code "400"    missing required parameter, wrong JSON type,
//	                        malformed body, invalid field value
//	HTTP 200, code "404"    unknown id ("issue 123 not found")
//	HTTP 200, code "409"    state conflict (duplicate name, archived version)
//	HTTP 200, code "10001"  wrong clientId or secretKey on /authorize/*
//	HTTP 200, code "10002"  unknown, used or expired refreshToken
//	HTTP 401, code "401"    missing, invalid, expired or revoked accessToken
//	HTTP 404, code "404"    unknown path
//	HTTP 405, code "405"    known path, wrong method
//	HTTP 5xx/429            injected faults (see Faults)
//
// # Authentication
//
// The /authorize endpoints accept ClientID and Secret. Every other endpoint
// needs an accessToken header holding StaticToken or a token issued by
// /authorize; all tokens belong to the seed's current user.
//
// # Admin endpoints
//
// For scripts and tests written in other languages the handler also serves,
// outside the API namespace and without authentication:
//
//	POST /__sandbox/faults  body: {"latencyMs":0,"status":503,"count":2,
//	                        "retryAfter":1,"truncate":false,"nonJson":false,
//	                        "pathPrefix":"/issue/"}; replaces the fault
//	                        switches ({} turns them all off) and answers them
//	POST /__sandbox/revoke  invalidates every token, StaticToken included
//	GET  /__sandbox/stats   {"requests":{"POST /issue/add":3},"tokenRequests":1}
//	POST /__sandbox/reset   back to the initial state: seed data, no faults,
//	                        zero stats, only StaticToken valid
//
// Admin answers use the same envelope as the API.
//
// # Seed data
//
// DemoSeed returns a small organisation (Acme) with three projects, about
// forty issues, sprints, epics, versions, comments, messages and a webhook,
// all with fixed ids and timestamps. Options.Seed or Options.SeedFile
// replace it; the seed is validated when the sandbox is created.
//
// Phone numbers in /org/all-member-list are encrypted like the real
// service's: AES/ECB/PKCS5Padding with the key Secret, zero-padded to 16
// bytes, then standard Base64.
package sandbox
