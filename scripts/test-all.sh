#!/usr/bin/env bash
# The whole test suite: lint, typecheck, tests on PGlite, tests on PostgreSQL (when TEST_DATABASE_URL is set),
# and the browser journeys (when e2e/ has them). Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

step "lint"
npx eslint . --max-warnings 0
step "typecheck"
npx tsc -p apps/server --noEmit

step "tests on PGlite"
(cd apps/server && env -u TEST_DATABASE_URL npx vitest run)

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "tests on PostgreSQL ($TEST_DATABASE_URL)"
  (cd apps/server && npx vitest run)
else
  echo "TEST_DATABASE_URL is not set: skipping the PostgreSQL pass (CI sets it)."
fi

if [ -f e2e/run.ts ]; then
  step "browser journeys"
  node e2e/run.ts
fi
