#!/usr/bin/env bash
# Usage: tests/e2e/mermaid.sh BUILD_DIR FILE.md...
# Parses the Mermaid diagrams of the given documents with mermaid's real parser, pinned in
# tests/e2e/sequelize6/package-lock.json (the same Node project as the end-to-end test).
set -euo pipefail
if (($# < 2)); then
  echo "usage: $0 BUILD_DIR FILE.md..." >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build_dir=$1
shift
# shellcheck source=tests/e2e/node_modules.sh
source "$here/node_modules.sh"
modules_dir=$(ensure_node_modules 6 "$build_dir" docs.mermaid)
# ESM resolves packages from the script's location, so run a copy placed beside node_modules.
cp "$here/check_mermaid.mjs" "$modules_dir/check_mermaid.mjs"
node "$modules_dir/check_mermaid.mjs" "$@"
