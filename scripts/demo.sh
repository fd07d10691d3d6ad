#!/usr/bin/env bash
# The main job on a fresh machine: set up, code the bundled sample news into the embedded store, show the result.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export EVENTWIRE_DB=${EVENTWIRE_DB:-$PWD/out/sample.duckdb}
mkdir -p "$(dirname "$EVENTWIRE_DB")"
.venv/bin/eventwire ingest --sample --db "$EVENTWIRE_DB"
.venv/bin/eventwire events --db "$EVENTWIRE_DB" --limit 15
