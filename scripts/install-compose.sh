#!/usr/bin/env bash
# Docker Compose v2, built from the Go module proxy (no Docker engine or
# download site needed), so `docker compose config` can validate
# docker-compose.yml here and in CI (test/unit/compose.test.ts). `go install`
# refuses the module (its go.mod has exclude directives), so it is built from
# a copy of the module. About 3 minutes the first time; skipped when present.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=v2.40.3
dest=$PWD/.tools/compose
if [ -x "$dest/docker-compose" ] && [ -f "$dest/VERSION" ] && [ "$(cat "$dest/VERSION")" = "$VERSION" ]; then
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "install-compose: go not found; docker-compose.yml is checked structurally only" >&2
  exit 0
fi
echo "install-compose: building docker compose $VERSION → $dest" >&2
mod=$(cd /tmp && GOFLAGS=-mod=mod go mod download -json "github.com/docker/compose/v2@$VERSION" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$mod" "$work/src"
chmod -R u+w "$work/src"
mkdir -p "$dest"
(cd "$work/src" && go build -trimpath -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$VERSION" \
  -o "$dest/docker-compose" ./cmd)
echo "$VERSION" > "$dest/VERSION"
