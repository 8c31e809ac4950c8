#!/usr/bin/env bash
# Every test Jetty has: types, unit, integration (real PostgreSQL, real
# sandbox, real agent CLIs against a local model server) and e2e (Chromium).
# Ends with one summary line, "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

report_dir=".jetty-test"
rm -rf "$report_dir" && mkdir -p "$report_dir"
status=0

node scripts/check-prerequisites.mjs || exit 1

echo "== typecheck"
npx tsc --noEmit || status=1

echo "== unit and integration tests"
npx vitest run --reporter=default --reporter=json \
  --outputFile.json="$report_dir/vitest.json" || status=1

echo "== build"
npx next build || status=1

echo "== e2e"
# The e2e server's own database, keys and storage; removed with the next run.
export E2E_DATA_DIR="$PWD/$report_dir/e2e-data"
PLAYWRIGHT_JSON_OUTPUT_NAME="$report_dir/playwright.json" \
  npx playwright test --reporter=list,json || status=1

node scripts/test-summary.mjs "$report_dir" || status=1
exit $status
