#!/usr/bin/env bash
# Checks the module for known vulnerabilities with govulncheck (pinned),
# failing on one the code can reach (symbol-level analysis: govulncheck
# exits 3). A vulnerability only in a module or package that the code does
# not call is listed but does not fail. Set GOVULNDB to use another database
# than vuln.go.dev, e.g. GOVULNDB=file:///path/to/vulndb for an offline copy.
set -uo pipefail
cd "$(dirname "$0")/.."

GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.8.0
start=$SECONDS
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
# go install, not go run: go run turns every failing exit status into 1.
if ! GOBIN="$bin" go install "$GOVULNCHECK"; then
  echo "== FAIL: cannot build $GOVULNCHECK"
  exit 1
fi
args=()
if [ -n "${GOVULNDB:-}" ]; then
  args+=(-db "$GOVULNDB")
fi
"$bin/govulncheck" ${args[@]+"${args[@]}"} ./...
rc=$?
case $rc in
  0) echo "== govulncheck: no reachable vulnerabilities ($((SECONDS - start))s)" ;;
  3) echo "== FAIL: govulncheck found vulnerabilities the code reaches (listed above)" ;;
  *) echo "== FAIL: govulncheck could not run (exit $rc); is the vulnerability database reachable? (GOVULNDB=${GOVULNDB:-https://vuln.go.dev})" ;;
esac
exit $rc
