#!/usr/bin/env bash
# `npm start`: builds the front ends once if they are missing, then starts the server (PGlite unless DATABASE_URL).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/require-node.sh
for app in shop console; do
  if [ -f "apps/$app/index.html" ] && [ ! -f "apps/$app/dist/index.html" ]; then
    echo "Building the shop and console (first start only)…"
    bash scripts/build-web.sh
    break
  fi
done
exec node apps/server/src/main.ts
