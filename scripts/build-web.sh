#!/usr/bin/env bash
# Builds the shop and the console that the server serves at / and /console/.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent api-types
for app in shop console; do
  if [ -f "apps/$app/index.html" ]; then npm run --silent build -w "@haowu/$app"; fi
done
