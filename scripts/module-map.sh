#!/usr/bin/env bash
# Draws docs/module-map.svg: the server's modules and who imports whom, from the same dependency-cruiser rules
# that npm test checks (.dependency-cruiser-modules.cjs). Needs Graphviz's `dot` (apt-get install graphviz);
# CI does not run this, the SVG is committed.
set -euo pipefail
cd "$(dirname "$0")/.."

npx depcruise apps/server/src --config .dependency-cruiser-modules.cjs --output-type dot \
  --collapse '^apps/server/src/modules/[^/]+' |
  # Drop the apps/server/src/modules folder boxes around every node: the picture is about modules only.
  # Every arrow drawn alike: after collapsing to modules, an edge's style would come from one arbitrary import.
  sed -E '/subgraph "cluster_/{ s/subgraph "cluster_[^"]*" \{label="[^"]*" //g; s/( \})+$// }; s/ \[arrowhead="onormal" penwidth="1.0"\]//' |
  dot -Tsvg > docs/module-map.svg
echo "docs/module-map.svg written"
