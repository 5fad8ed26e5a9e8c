#!/usr/bin/env bash
# The project's whole test run: formatting, vet, unit and end-to-end tests.
# README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
passed=0
skipped=0

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

passed=$((passed + 1))

echo "== go vet"
go vet ./...

passed=$((passed + 1))

echo "== go mod tidy -diff"
go mod tidy -diff

passed=$((passed + 1))

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

passed=$((passed + 1))

echo "== go test -race"
go test -race -count=1 ./...

passed=$((passed + 1))

echo "== release builds: six static binaries, the .mcpb bundle and server.json; smoke test of linux/amd64"
bash e2e/release-check.sh

passed=$((passed + 1))

echo "== deployment files: Kubernetes manifests, Dockerfile, server.json (deploy/, its own module)"
(cd deploy && go vet ./... && go test -count=1 ./...)

passed=$((passed + 1))

echo "== real MCP clients (TypeScript SDK, Inspector CLI) and the conformance suite"
bash e2e/node.sh

passed=$((passed + 1))

echo "== fuzzing (each target briefly)"
bash e2e/fuzz.sh

passed=$((passed + 1))

echo "== soak: thousands of mixed calls, 16 in flight over streamable HTTP"
LEIGA_SOAK=1 go test -count=1 -run TestSoak -v ./tools/cli/ 2>&1 | tail -n 25

passed=$((passed + 1))

echo "== known vulnerabilities (govulncheck)"
if [ -n "${GOVULNDB:-}" ] || timeout 5 bash -c 'exec 3<>/dev/tcp/vuln.go.dev/443' 2>/dev/null; then
  bash e2e/vuln.sh
  passed=$((passed + 1))
else
  skipped=$((skipped + 1))
  echo "SKIPPED: govulncheck: the vulnerability database (vuln.go.dev) is unreachable from this machine; set GOVULNDB=file:///path/to/db to check against an offline copy"
fi

echo "== benchmarks (figures vs targets; a miss is reported, not failed: shared machines are noisy)"
bash e2e/bench.sh
passed=$((passed + 1))

echo "== all suites done in $((SECONDS - start))s"
echo "suites: $passed passed, 0 failed, $skipped skipped"
