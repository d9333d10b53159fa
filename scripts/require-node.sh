#!/usr/bin/env bash
# Sourced first by start.sh and test-all.sh: Haowu runs TypeScript directly (Node 24 type stripping), so an older
# Node fails later with ERR_UNKNOWN_FILE_EXTENSION. Plain shell and ES5 only here, so any Node can run it.
found=$(node -p 'process.versions.node' 2>/dev/null || echo none)
major=${found%%.*}
if ! [ "$major" -ge 24 ] 2>/dev/null; then
  {
    echo "Haowu needs Node.js ≥ 24 (found ${found})."
    echo "  Install Node.js 24 LTS from https://nodejs.org/en/download, or with a version manager:"
    echo "    nvm install 24 && nvm use 24      (or: fnm use --install-if-missing 24)"
    echo "  then run the command again."
  } >&2
  exit 1
fi
