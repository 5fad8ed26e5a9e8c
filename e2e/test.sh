#!/usr/bin/env bash
# The project's whole test run: formatting, vet, unit and end-to-end tests.
# README's test command; .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test -race"
go test -race -count=1 ./...

echo "== real MCP clients (TypeScript SDK, Inspector CLI) and the conformance suite"
bash e2e/node.sh
