#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is needed, build fastcms,
# scaffold a demo blog project in ./demo (kept between runs) and serve it with
# `fastcms dev` on http://127.0.0.1:8090 until Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-deps.sh
./scripts/build.sh
if [ ! -f demo/fastcms.config.json ]; then
  ./build/fastcms init demo --template blog
fi
cd demo
echo "Create a superuser in another terminal with:"
echo "  cd $(pwd) && ../build/fastcms users create admin@example.com --admin"
exec ../build/fastcms dev "$@"
