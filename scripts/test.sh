#!/usr/bin/env bash
# The full test suite (README's second command; .ci/run calls it).
# Lint and type check count as one check each; vitest runs unit tests and
# integration tests against a real Temporal dev server, the time-skipping
# test server, SQLite, PostgreSQL (started here if TEST_DATABASE_URL is
# unset) and SMTP on loopback. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .data
bash scripts/install-tools.sh
passed=0 failed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "✗ $name failed" >&2; failed=$((failed + 1)); fi
}
check lint npx biome check
check typecheck npx tsc -p .
rm -f .data/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile=.data/vitest.json "$@"
vitest_rc=$?
if [ -f .data/vitest.json ]; then
  read -r vp vf < <(node -e '
    const r = require("./.data/vitest.json");
    console.log(r.numPassedTests, r.numFailedTests + (r.numTotalTestSuites && r.success === false && r.numFailedTests === 0 ? 1 : 0));')
  passed=$((passed + vp)); failed=$((failed + vf))
else
  failed=$((failed + 1))
fi
[ "$vitest_rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
