#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is needed, build fastcms,
# scaffold a demo blog project in ./demo (kept between runs) and show its collections.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
./scripts/build.sh
if [ ! -f demo/fastcms.config.json ]; then
  ./build/fastcms init demo --template blog
fi
cd demo
../build/fastcms collections list
