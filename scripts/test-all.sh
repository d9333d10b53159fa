#!/usr/bin/env bash
# The whole test suite: lint, typecheck, tests on PGlite and on PostgreSQL (when TEST_DATABASE_URL is set),
# the front-end builds and the browser journeys. Independent passes run side by side (each into its own log,
# printed when it ends) so the suite stays well inside CI's budget as it grows; any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-node.sh

step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
has_app() { [ -f "apps/$1/index.html" ]; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

# Runs each named pass ("name|command") in the background, prints each log as it finishes, fails if any failed.
parallel() {
  local pids=() names=() failed=()
  for spec in "$@"; do
    local name=${spec%%|*} cmd=${spec#*|}
    (bash -c "set -euo pipefail; $cmd" >"$logs/$name.log" 2>&1) &
    pids+=($!)
    names+=("$name")
  done
  for i in "${!pids[@]}"; do
    if wait "${pids[$i]}"; then status=ok; else status=FAILED; failed+=("${names[$i]}"); fi
    step "${names[$i]}: $status"
    cat "$logs/${names[$i]}.log"
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}" >&2
    exit 1
  fi
}

step "API types from the OpenAPI document"
npm run --silent api-types

typecheck="npx tsc -p apps/server --noEmit && npx tsc -p bench --noEmit && npx tsc -p packages/api-types --noEmit && npx tsc -p e2e --noEmit"
for app in shop console; do
  if has_app "$app"; then typecheck="$typecheck && npx tsc -p apps/$app --noEmit"; fi
done
checks=(
  "lint|npx eslint . --max-warnings 0 && npx prettier --check . --log-level warn"
  # module boundaries (docs/ARCHITECTURE.md, Boundaries) and knip: no unused files, exports or dependencies
  "boundaries|npm run --silent lint:boundaries && npm run --silent lint:unused"
  "typecheck|$typecheck"
)
if [ -f apps/console/index.html ]; then checks+=("console unit tests|cd apps/console && npx vitest run"); fi
if [ -f e2e/journeys/index.ts ]; then checks+=("front-end builds|bash scripts/build-web.sh"); fi
parallel "${checks[@]}"

# Both database passes at once: each file gets its own database either way, so they cannot see each other.
passes=("tests on PGlite|cd apps/server && env -u TEST_DATABASE_URL npx vitest run --maxWorkers=2")
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  passes+=("tests on PostgreSQL|cd apps/server && npx vitest run --maxWorkers=2")
else
  echo "TEST_DATABASE_URL is not set: skipping the PostgreSQL pass (CI sets it)."
fi
parallel "${passes[@]}"

if [ -f e2e/journeys/index.ts ]; then
  step "browser journeys"
  node e2e/run.ts
fi
