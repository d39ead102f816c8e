#!/usr/bin/env bash
# Records API benchmark (issue: view / list / list with total at N records).
#
# Builds fastcms and the baseline server (cpp-httplib answering a constant record-sized
# JSON body), seeds a project with N records, drives both with wrk on loopback and prints
# each fastcms figure as a ratio to the baseline measured in the same run.
#
#   ./bench/records_bench.sh              # N=20000, 10 s per run
#   N=200000 DURATION=20 ./bench/records_bench.sh
#   ./bench/records_bench.sh --record     # also appends the result to bench/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
N=${N:-20000}
# free_port, wait_for, rps, ratio, build_with_baseline; $work and $pids, cleaned up on exit;
# DURATION, CONNECTIONS, THREADS and --record
source "$root/bench/bench_lib.sh" "$@"
build_with_baseline

# --- the project --------------------------------------------------------------------
"$root/build/fastcms" init "$work/app" --template blank >/dev/null 2>&1
cat > "$work/app/app/collections/posts.yaml" <<'EOF'
name: posts
type: base
fields:
  - { name: title, type: text, required: true, max: 200 }
  - { name: body, type: editor }
  - { name: views, type: number }
  - { name: published, type: bool }
indexes: [ "CREATE INDEX idx_posts_published ON posts (published)" ]
listRule: 'published = true'
viewRule: 'published = true'
EOF
app_port=$(free_port)
(cd "$work/app" && exec "$root/build/fastcms" serve --http "127.0.0.1:$app_port" >"$work/server.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$app_port/api/health"

sqlite3 "$work/app/data/app.db" >/dev/null <<EOF
PRAGMA busy_timeout = 10000;
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $N)
INSERT INTO posts (id, title, body, views, published, created, updated)
SELECT substr(lower(hex(randomblob(8))), 1, 15), 'Post number ' || n,
       'Some body text that is long enough to look like the excerpt of a real post ' || n,
       n % 1000, 1, strftime('%Y-%m-%d %H:%M:%fZ', 'now'), strftime('%Y-%m-%d %H:%M:%fZ', 'now')
FROM seq;
EOF
id=$(sqlite3 "$work/app/data/app.db" "SELECT id FROM posts ORDER BY rowid LIMIT 1 OFFSET $((N / 2))")

base_port=$(free_port)
"$root/build/fastcms_bench_baseline" "$base_port" >/dev/null &
pids+=($!)
wait_for "http://127.0.0.1:$base_port/"


api="http://127.0.0.1:$app_port/api/collections/posts/records"
baseline=$(rps "http://127.0.0.1:$base_port/")
view=$(rps "$api/$id")
list_skip=$(rps "$api?perPage=30&skipTotal=1")
list_total=$(rps "$api?perPage=30")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
report=$(cat <<EOF
### $(date -u +%Y-%m-%d) · commit $commit · $(nproc) cores ($cpu)
N=$N records, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, loopback.

| run | requests/s | ratio to baseline | target |
|---|---|---|---|
| baseline (constant JSON) | $baseline | 1.00 | |
| view one record | $view | $(ratio "$view" "$baseline") | ≥ 0.5 |
| list, perPage=30, skipTotal | $list_skip | $(ratio "$list_skip" "$baseline") | ≥ 0.3 |
| list, perPage=30, with total | $list_total | $(ratio "$list_total" "$baseline") | ≥ 0.1 |
EOF
)
echo "$report"
if $record; then printf '\n%s\n' "$report" >> bench/RESULTS.md; fi
