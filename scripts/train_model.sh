#!/usr/bin/env bash
# Trains the event model that ships in the package (src/eventwire/data/model/event_model.npz) on all the gold
# the project has: the development kit's gold articles and PLOVER records (../shared, not in a user's clone) and
# the Wikinews 2019 articles annotated in this repository (corpus/wikinews2019). Needs the `train` extra
# (scripts/setup.sh --dev installs it). Same data and seed, same model.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared/data}
.venv/bin/eventwire train "$SHARED/train_gold" "$SHARED/dev_gold" corpus/wikinews2019 "$SHARED/plover_gsr_dev.jsonl" \
  --out src/eventwire/data/model/event_model.npz --cv 10 "$@"
