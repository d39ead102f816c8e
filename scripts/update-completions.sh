#!/usr/bin/env bash
# Regenerates completions/ from the built binary (build/fastcms); a test fails while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/fastcms}"
"$bin" completion bash > completions/fastcms.bash
"$bin" completion zsh > completions/_fastcms
"$bin" completion fish > completions/fastcms.fish
echo "completions/ updated from $bin"
