#!/usr/bin/env bash
# Configures and builds fastcms (binary and tests) into ./build with Ninja and ccache.
set -euo pipefail
cd "$(dirname "$0")/.."
build_type="${FASTCMS_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" >/dev/null
cmake --build build -j "$(nproc)"
