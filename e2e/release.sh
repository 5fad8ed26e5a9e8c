#!/usr/bin/env bash
# Release builds from one command. Writes to dist/ (git-ignored):
#
#   leiga-mcp-{linux,darwin,windows}-{amd64,arm64}[.exe]
#                       static binaries (CGO_ENABLED=0, -trimpath, stripped),
#                       version, commit and build date stamped with -ldflags -X
#   leiga-mcp.mcpb      the Claude Desktop extension (deploy/mcpb/manifest.json;
#                       a universal macOS binary and the Windows amd64 one),
#                       validated and packed with the official mcpb CLI
#   server.json         the MCP registry entry (deploy/registry/server.json)
#                       with this version and the bundle's SHA-256
#   SHA256SUMS          checksums of all of the above (sha256sum -c SHA256SUMS)
#
#   bash e2e/release.sh                  # version from the git tag on HEAD
#   VERSION=v1.2.0 bash e2e/release.sh   # or given
#   bash e2e/release.sh --no-bundle      # binaries and checksums only (no Node needed)
#
# VERSION defaults to the v* tag on HEAD, else to a Go pseudo-version
# (v0.0.0-<commit time>-<commit>); a checkout with uncommitted changes gets
# "-dirty" on its commit. The build date is the commit time, so rebuilding a
# commit gives byte-identical binaries. DIST (dist/) and RELEASE_JOBS (6:
# go builds at once) adjust it. On 2 cores a cold build of all six took
# 173 s with 6 at once and 212 s one after the other on a quiet machine, and
# 278 s (6), 302 s (3), 365 s (2) on a busy one; a warm build (the compiled
# packages cached, only the link left) takes seconds. deploy/Dockerfile uses
# the same flags (deploy/dockerfile_test.go checks that they agree).
set -euo pipefail
REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_DIR"
START=$SECONDS

bundle=1
for arg in "$@"; do
  case "$arg" in
    --no-bundle) bundle=0 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "release.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
need=(go git)
[ "$bundle" = 1 ] && need+=(node npm)
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null || { echo "release.sh: '$tool' is not installed" >&2; exit 2; }
done

PKG=github.com/leiga-mcp/leiga-mcp/tools/cli
TARGETS=(linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64)
DIST="${DIST:-$REPO_DIR/dist}"
JOBS="${RELEASE_JOBS:-6}"

# What is being built.
COMMIT="$(git rev-parse HEAD)"
git diff --quiet HEAD -- 2>/dev/null || COMMIT="$COMMIT-dirty"
BUILD_DATE="$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)"
if [ -z "${VERSION:-}" ]; then
  VERSION="$(git describe --tags --exact-match --match 'v[0-9]*' HEAD 2>/dev/null || true)"
  if [ -z "$VERSION" ]; then
    VERSION="v0.0.0-$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S)-$(git rev-parse --short=12 HEAD)"
  fi
fi
case "$VERSION" in
  v[0-9]*.[0-9]*.[0-9]*) ;;
  *) echo "release.sh: VERSION '$VERSION' is not a vMAJOR.MINOR.PATCH version" >&2; exit 2 ;;
esac
SEMVER="${VERSION#v}" # the bundle and the registry entry take it without the v

# The release build flags. deploy/Dockerfile repeats them: keep them in step.
LDFLAGS="-s -w -X $PKG.Version=$VERSION -X $PKG.Commit=$COMMIT -X $PKG.BuildDate=$BUILD_DATE"
BUILD_FLAGS=(-trimpath -buildvcs=false)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/leiga-mcp-release.XXXXXX")"
cleanup() {
  local rc=$?
  # Builds still running (an error or Ctrl-C part way).
  local pids
  pids="$(jobs -pr)"
  [ -n "$pids" ] && kill $pids 2>/dev/null
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }
binary_name() { local os="${1%/*}" arch="${1#*/}"; echo "leiga-mcp-$os-$arch$([ "$os" = windows ] && echo .exe)"; }

echo "== release $VERSION (commit $COMMIT, $BUILD_DATE) into $DIST"
mkdir -p "$DIST"
rm -f "$DIST"/leiga-mcp-* "$DIST/leiga-mcp.mcpb" "$DIST/server.json" "$DIST/SHA256SUMS"

# 1. Six static binaries, RELEASE_JOBS at a time: go build already compiles
# in parallel, but each target has single-threaded stretches (its link step
# above all), so overlapping targets keeps both cores busy.
build_one() {
  local target="$1" out log
  out="$DIST/$(binary_name "$target")"
  log="$WORK/$(binary_name "$target").log"
  if ! CGO_ENABLED=0 GOOS="${target%/*}" GOARCH="${target#*/}" \
    go build "${BUILD_FLAGS[@]}" -ldflags "$LDFLAGS" -o "$out" . >"$log" 2>&1; then
    touch "$log.failed"
  fi
}
t0=$SECONDS
for target in "${TARGETS[@]}"; do
  while [ "$(jobs -pr | wc -l)" -ge "$JOBS" ]; do wait -n || true; done
  build_one "$target" &
done
wait
build_secs=$((SECONDS - t0))
failed=0
for target in "${TARGETS[@]}"; do
  log="$WORK/$(binary_name "$target").log"
  if [ -e "$log.failed" ]; then
    echo "!! go build $target failed:"; sed 's/^/   /' "$log"; failed=1
  fi
done
[ "$failed" = 0 ] || exit 1
for target in "${TARGETS[@]}"; do
  f="$DIST/$(binary_name "$target")"
  printf '   %-32s %6.1f MiB\n' "$(basename "$f")" "$(awk -v b="$(wc -c <"$f")" 'BEGIN { print b / 1048576 }')"
done
echo "   six binaries built in ${build_secs}s (cores: $(getconf _NPROCESSORS_ONLN), $JOBS builds at a time)"

# 2. The Claude Desktop extension.
if [ "$bundle" = 1 ]; then
  t0=$SECONDS
  echo "== .mcpb bundle"
  MCPB_DIR="$REPO_DIR/e2e/mcpb"
  stamp="$MCPB_DIR/node_modules/.e2e-lock.sha256"
  want="$(sha256 "$MCPB_DIR/package-lock.json" | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    (cd "$MCPB_DIR" && npm ci --loglevel=error --no-audit --no-fund)
    echo "$want" >"$stamp"
  fi
  MCPB="$MCPB_DIR/node_modules/.bin/mcpb"
  stage="$WORK/mcpb"
  mkdir -p "$stage/server"
  # A bundle picks its command by OS only (platform_overrides), not by CPU:
  # macOS gets one universal binary (amd64 + arm64); Windows the amd64 one,
  # which Windows on Arm runs under emulation.
  go run ./e2e/lipo -o "$stage/server/leiga-mcp" "$DIST/leiga-mcp-darwin-amd64" "$DIST/leiga-mcp-darwin-arm64"
  cp "$DIST/leiga-mcp-windows-amd64.exe" "$stage/server/leiga-mcp.exe"
  node -e '
    const fs = require("fs");
    const [src, dst, version] = process.argv.slice(1);
    const m = JSON.parse(fs.readFileSync(src, "utf8"));
    m.version = version;
    fs.writeFileSync(dst, JSON.stringify(m, null, 2) + "\n");
  ' "$REPO_DIR/deploy/mcpb/manifest.json" "$stage/manifest.json" "$SEMVER"
  "$MCPB" validate "$stage/manifest.json"
  "$MCPB" pack "$stage" "$DIST/leiga-mcp.mcpb" >"$WORK/pack.log" 2>&1 || { cat "$WORK/pack.log"; exit 1; }
  grep -E '^(package size|unpacked size|total files):' "$WORK/pack.log" | sed 's/^/   /'
  echo "   bundle packed in $((SECONDS - t0))s"

  # 3. The MCP registry entry for this release.
  node -e '
    const fs = require("fs");
    const [src, dst, tag, version, sha] = process.argv.slice(1);
    const s = JSON.parse(fs.readFileSync(src, "utf8"));
    s.version = version;
    for (const p of s.packages) {
      if (p.registryType !== "mcpb") continue;
      p.version = version;
      p.identifier = p.identifier.replace(/\/releases\/download\/[^/]+\//, `/releases/download/${tag}/`);
      p.fileSha256 = sha;
    }
    fs.writeFileSync(dst, JSON.stringify(s, null, 2) + "\n");
  ' "$REPO_DIR/deploy/registry/server.json" "$DIST/server.json" "$VERSION" "$SEMVER" \
    "$(sha256 "$DIST/leiga-mcp.mcpb" | cut -d' ' -f1)"
fi

# 4. Checksums.
(cd "$DIST" && sha256 leiga-mcp-* $([ "$bundle" = 1 ] && echo leiga-mcp.mcpb server.json) >SHA256SUMS)
echo "== release $VERSION done in $((SECONDS - START))s: $DIST"
sed 's/^/   /' "$DIST/SHA256SUMS"
