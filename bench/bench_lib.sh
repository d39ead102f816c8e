# Helpers shared by the bench/*.sh scripts (sourced, not run).

# A TCP port on 127.0.0.1 that nothing listens on right now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Waits up to 10 s for URL to answer 2xx; exits the script when it does not.
wait_for() {
  for _ in $(seq 1 100); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: $1 did not come up" >&2; exit 1
}

# A scratch folder ($work) and the background processes started for the run ($pids, add with
# pids+=($!)): both go when the script exits, however it exits.
work=$(mktemp -d)
pids=()
bench_cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap bench_cleanup EXIT

# URL → requests per second with wrk ($THREADS threads, $CONNECTIONS connections, $DURATION s).
rps() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {print $2}'
}

# A / B with two decimals.
ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }

# The wrk benchmarks' settings (override in the environment) and their --record flag.
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
record=false
[ "${1:-}" = "--record" ] && record=true

# Installs what is missing, builds fastcms and the baseline server.
build_with_baseline() {
  ./packaging/install-deps.sh
  ./scripts/build.sh >/dev/null
  cmake --build build --target fastcms_bench_baseline >/dev/null
}
