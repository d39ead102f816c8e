#!/usr/bin/env bash
# Installs what is needed, builds fastcms and runs every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
./scripts/build.sh
ctest --test-dir build --output-on-failure
