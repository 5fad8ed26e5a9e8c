#!/usr/bin/env bash
# The release suite of e2e/test.sh: runs e2e/release.sh into a temporary
# directory (the six binaries, the .mcpb bundle packed and validated with the
# official mcpb CLI, server.json, SHA256SUMS), then
#   - e2e/test/release.test.mjs: the smoke test of the linux/amd64 binary
#     (version, tools, MCP initialize + tools/call project_list over stdio
#     against --sandbox, serverInfo.version = the stamp), the platforms of all
#     six, the checksums, the bundle's contents;
#   - the deploy module's server.json test on the generated server.json (the
#     registry's published schema and publishing rules).
# A developer's dist/ is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
DIST="$(mktemp -d "${TMPDIR:-/tmp}/leiga-mcp-release-check.XXXXXX")"
trap 'rm -rf "$DIST"' EXIT
export DIST
export VERSION="v0.0.0-check.$(git rev-parse --short=12 HEAD)"

bash e2e/release.sh

echo "== release smoke test (linux/amd64 binary, bundle, checksums)"
RELEASE_DIST="$DIST" RELEASE_VERSION="$VERSION" \
  timeout --kill-after=10 300 node --test --test-reporter=spec e2e/test/release.test.mjs

echo "== generated server.json against the registry's schema and rules"
(cd deploy && SERVER_JSON="$DIST/server.json" go test -count=1 -run 'TestServerJSON' -v .)

echo "== release check done in $((SECONDS - start))s"
