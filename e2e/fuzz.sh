#!/usr/bin/env bash
# Runs every fuzz target of the module, one at a time, for FUZZTIME each
# (default 15s). A failure leaves the crashing input under the package's
# testdata/fuzz/<Target>/ (commit it as a regression seed) and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-15s}
start=$SECONDS
targets=()
while IFS= read -r line; do
  file=${line%%:*}
  name=$(sed -E 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/' <<<"${line#*:}")
  targets+=("./$(dirname "${file#./}") $name")
done < <(grep -rH --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' . | sort)

if [ ${#targets[@]} -eq 0 ]; then
  echo "no fuzz targets found"; exit 1
fi
echo "== ${#targets[@]} fuzz targets, $fuzztime each"
failed=0
for t in "${targets[@]}"; do
  read -r pkg name <<<"$t"
  echo "== $name ($pkg)"
  if ! go test -run='^$' -fuzz="^${name}\$" -fuzztime="$fuzztime" "$pkg"; then
    echo "FAIL: $name ($pkg)"
    failed=1
  fi
done
echo "== fuzz done in $((SECONDS - start))s"
exit $failed
