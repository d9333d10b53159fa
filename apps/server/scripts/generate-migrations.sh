#!/usr/bin/env bash
# Regenerates the SQL migrations from every schema.ts. Serialised with flock so parallel edits cannot interleave.
# Until the first release the history is one squashed migration: nothing deployed depends on earlier steps.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/haowu-migrations.lock
flock 9
if [ "${1:-}" = "--squash" ] || [ ! -d migrations/meta ]; then rm -rf migrations; fi
npx drizzle-kit generate --name "${2:-schema}"
