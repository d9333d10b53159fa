#!/usr/bin/env bash
# The whole test suite: lint, typecheck, tests on PGlite, tests on PostgreSQL (when TEST_DATABASE_URL is set),
# then the front-end builds and the browser journeys. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-node.sh

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
has_app() { [ -f "apps/$1/index.html" ]; }

step "API types from the OpenAPI document"
npm run --silent api-types

step "lint"
npx eslint . --max-warnings 0
npx prettier --check . --log-level warn
npm run --silent lint:boundaries # module boundaries (docs/ARCHITECTURE.md, "Boundaries")
npm run --silent lint:unused # knip: no unused files, exports or dependencies

step "typecheck"
npx tsc -p apps/server --noEmit
npx tsc -p bench --noEmit
npx tsc -p packages/api-types --noEmit
npx tsc -p e2e --noEmit
for app in shop console; do
  if has_app "$app"; then npx tsc -p "apps/$app" --noEmit; fi
done

if [ -f apps/console/index.html ]; then
  step "console unit tests"
  (cd apps/console && npx vitest run)
fi

step "tests on PGlite"
(cd apps/server && env -u TEST_DATABASE_URL npx vitest run)

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  step "tests on PostgreSQL ($TEST_DATABASE_URL)"
  (cd apps/server && npx vitest run)
else
  echo "TEST_DATABASE_URL is not set: skipping the PostgreSQL pass (CI sets it)."
fi

if [ -f e2e/journeys/index.ts ]; then
  step "front-end builds"
  bash scripts/build-web.sh
  step "browser journeys"
  node e2e/run.ts
fi
