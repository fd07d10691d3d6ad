#!/usr/bin/env bash
# Set up (with test tools) and run the whole test suite, slow end-to-end tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
.venv/bin/ruff check src tests bench scripts
.venv/bin/python -m pytest -q "$@"
