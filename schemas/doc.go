// Package schemas holds the Go input types of every leiga-mcp tool. Each
// tool's JSON Schema is reflected from its type with invopop/jsonschema
// (no $ref, so every client can read it), and snapshot tests under
// testdata/ turn every schema change into a reviewable diff.
//
// Conventions for input types:
//   - JSON names are the Leiga Open API's parameter names, with the same nesting.
//   - `jsonschema:"required"` marks required fields; every other field is
//     `omitempty` so that an absent argument is not sent upstream.
//   - Descriptions go in `jsonschema_description` (commas allowed), kept short.
//   - Dates are Millis: epoch milliseconds, or a "YYYY-MM-DD" / RFC 3339 string.
//   - List inputs embed Paging.
//   - Inputs or field groups that several tools take unchanged are written
//     once: a tool's input is defined from the shared type (type TagList
//     OnlyProjectID) or embeds it (SprintFields), keeping the field order,
//     so that the reflected schemas do not change.
package schemas
