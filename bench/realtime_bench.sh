#!/usr/bin/env bash
# Realtime fan-out benchmark (issue 7): N clients subscribed to `posts/*`, one write at a
# time, the time until all N have the event (p50 / p99 / max over every client of every
# write), and the server's memory (RSS) with N idle streams.
#
#   ./bench/realtime_bench.sh                 # N = 100, 1000, 10000; 5 writes each
#   SIZES="100 1000" WRITES=10 ./bench/realtime_bench.sh
#   ./bench/realtime_bench.sh --record        # also appends the result to bench/RESULTS.md
# 10,000 streams need 10,000+ file descriptors in the server and in the client: the script
# raises `ulimit -n` as far as the hard limit allows.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SIZES=${SIZES:-"100 1000 10000"}
WRITES=${WRITES:-5}
record=false
[ "${1:-}" = "--record" ] && record=true
ulimit -n "$(ulimit -Hn)"

if [ -z "${SKIP_BUILD:-}" ]; then
  ./packaging/install-deps.sh
  ./scripts/build.sh >/dev/null
fi
cmake --build build --target fastcms_bench_realtime >/dev/null

# free_port, wait_for; $work and $pids, cleaned up on exit
source "$root/bench/bench_lib.sh"

"$root/build/fastcms" init "$work/app" --template blank >/dev/null 2>&1
cat > "$work/app/app/collections/posts.yaml" <<'EOF'
name: posts
type: base
fields:
  - { name: title, type: text, required: true, max: 200 }
listRule: ''
viewRule: ''
createRule: ''
EOF

rows=""
for n in $SIZES; do
  port=$(free_port)
  (cd "$work/app" && exec "$root/build/fastcms" serve --http "127.0.0.1:$port" >"$work/server.log" 2>&1) &
  server_pid=$!
  pids=("$server_pid")
  wait_for "http://127.0.0.1:$port/api/health"
  result=$("$root/build/fastcms_bench_realtime" "$port" "$server_pid" "$n" "$WRITES")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; pids=()
  echo "$result" >&2
  rows+=$(python3 -c "
import json,sys; r=json.loads(sys.argv[1])
print(f\"| {r['clients']} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['max_ms']:.1f} | {r['rss_base_kb']/1024:.1f} | {r['rss_idle_kb']/1024:.1f} | {r['rss_per_client_bytes']/1024:.1f} |\")" "$result")
  rows+=$'\n'
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
report=$(cat <<EOF
### $(date -u +%Y-%m-%d) · commit $commit · $(nproc) cores ($cpu)
Clients subscribed to \`posts/*\` (public listRule) over loopback, $WRITES writes one after the other;
latency = from sending the create until a client has the event, over every client of every write.
Server RSS before the clients connect and with all of them connected and idle.

| clients | p50 ms | p99 ms | max ms | server RSS before (MiB) | with clients idle (MiB) | KiB per idle client |
|---|---|---|---|---|---|---|
${rows%$'\n'}
EOF
)
echo "$report"
if $record; then printf '\n%s\n' "$report" >> bench/RESULTS.md; fi
