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
//	HTTP 200, code "10001"  wrong clientId or secretKey on /authorize/*,
//	                        or the clientId of an inactive user
//	HTTP 200, code "10002"  unknown, used or expired refreshToken, or one
//	                        issued to another user
//	HTTP 401, code "401"    missing, invalid, expired or revoked
//	                        accessToken, or one of an inactive user
//	HTTP 404, code "404"    unknown path
//	HTTP 405, code "405"    known path, wrong method
//	HTTP 5xx/429            injected faults (see Faults)
//
// # Authentication
//
// Every active user of the seed has credentials, and every call acts as
// the user its token belongs to. The /authorize endpoints take a clientId
// with the secretKey Secret: ClientID is the seed's current user
// (Seed.CurrentUserID, Alice in the demo), ClientIDFor(id) any user id
// ("sandbox-client-1002"); the tokens they issue belong to that user. Every
// other endpoint needs an accessToken header holding a token issued by
// /authorize, StaticToken (the current user) or StaticTokenFor(id)
// ("sandbox-token-1002").
//
// Acting as a user means: issues, subtasks, comments, epics, files, labour
// records, webhooks and projects it creates record that user as creator
// (and owner), mentions notify others with that user as trigger, trashing
// records them as deleter, sticker reactions are theirs, /msg/list lists
// their personal messages (receiverId is the user), /project/list the
// projects they are a member of, and they cannot disable or remove
// themselves.
//
// The client id of an unknown, disabled or removed user is refused like a
// wrong one (code "10001"); a refresh token works only with the client id
// of the user it was issued to (otherwise code "10002"). Tokens of a user
// who is disabled or removed answer HTTP 401 while that lasts.
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
//	POST /__sandbox/revoke  invalidates every token, the static ones included
//	GET  /__sandbox/stats   {"requests":{"POST /issue/add":3},"tokenRequests":1}
//	POST /__sandbox/reset   back to the initial state: seed data, no faults,
//	                        zero stats, only the static tokens valid
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
