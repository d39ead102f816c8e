#!/usr/bin/env bash
# Backup and import benchmark (issue 6), each as a ratio to a baseline measured in the same run
# on the same data:
#   backup: `fastcms backup create` vs `tar czf` of the same data folder (throughput ratio =
#           tar's time / fastcms's time; target ≥ 0.8x);
#   import: `fastcms collections import rows.csv` (full validation through the records service)
#           vs `sqlite3 .import` of the same CSV into a plain table (rows/s ratio; target ≥ 0.5x).
#
#   ./bench/data_safety_bench.sh                 # N=200000 records, 200 files, M=50000 CSV rows
#   N=1000000 M=200000 ./bench/data_safety_bench.sh
#   ./bench/data_safety_bench.sh --record        # also appends the result to bench/RESULTS.md
#   SKIP_BUILD=1 ./bench/data_safety_bench.sh    # use the existing build/fastcms
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
N=${N:-200000}
FILES=${FILES:-200}
M=${M:-50000}
record=false
[ "${1:-}" = "--record" ] && record=true

if [ -z "${SKIP_BUILD:-}" ]; then
  ./packaging/install-deps.sh
  ./scripts/build.sh >/dev/null
fi
fastcms="$root/build/fastcms"

# ratio; $work, removed on exit
source "$root/bench/bench_lib.sh"
seconds() { python3 -c 'import time; print(f"{time.time():.6f}")'; }
elapsed() { python3 -c "print(f'{$2 - $1:.3f}')"; }

# --- the project: N records and FILES stored files ----------------------------------------
"$fastcms" init "$work/app" --template blank >/dev/null 2>&1
cat > "$work/app/app/collections/items.yaml" <<'YAML'
name: items
type: base
fields:
  - { name: title, type: text, required: true, max: 200 }
  - { name: views, type: number }
  - { name: published, type: bool }
YAML
(cd "$work/app" && "$fastcms" collections list >/dev/null)  # creates data/app.db
(cd "$work/app" && printf 'title\nseed\n' > seed.csv && "$fastcms" collections import seed.csv --collection items >/dev/null)
sqlite3 "$work/app/data/app.db" >/dev/null <<SQL
PRAGMA busy_timeout = 10000;
WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < $N)
INSERT INTO items (id, title, views, published, created, updated)
SELECT substr(lower(hex(randomblob(8))), 1, 15), 'Item number ' || n || ' with a title of ordinary length',
       n % 1000, n % 2, strftime('%Y-%m-%d %H:%M:%fZ', 'now'), strftime('%Y-%m-%d %H:%M:%fZ', 'now')
FROM seq;
SQL
sqlite3 "$work/app/data/app.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
for i in $(seq 1 "$FILES"); do
  mkdir -p "$work/app/data/storage/pbc_items/rec$i"
  head -c 196608 /dev/urandom | base64 > "$work/app/data/storage/pbc_items/rec$i/file_$i.txt"
done
data_bytes=$(du -sb "$work/app/data" | cut -f1)

# --- backup vs tar czf --------------------------------------------------------------------
sync
t0=$(seconds); tar czf "$work/baseline.tar.gz" -C "$work/app" data; t1=$(seconds)
tar_time=$(elapsed "$t0" "$t1")
sync
t0=$(seconds); (cd "$work/app" && "$fastcms" backup create --output "$work/backup.zip" >/dev/null 2>&1); t1=$(seconds)
backup_time=$(elapsed "$t0" "$t1")
tar_size=$(stat -c %s "$work/baseline.tar.gz")
zip_size=$(stat -c %s "$work/backup.zip")

# --- import vs sqlite3 .import ------------------------------------------------------------
python3 - "$work/rows.csv" "$M" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("title,views,published\n")
    for n in range(int(sys.argv[2])):
        f.write(f"\"Imported row {n}, with a comma\",{n % 977},{'true' if n % 3 else 'false'}\n")
PY
sqlite3 "$work/plain.db" 'CREATE TABLE items (title TEXT NOT NULL, views REAL, published INTEGER);'
t0=$(seconds); sqlite3 "$work/plain.db" ".import --csv --skip 1 $work/rows.csv items"; t1=$(seconds)
sqlite_time=$(elapsed "$t0" "$t1")
t0=$(seconds); (cd "$work/app" && "$fastcms" collections import "$work/rows.csv" --collection items >/dev/null 2>&1); t1=$(seconds)
import_time=$(elapsed "$t0" "$t1")
sqlite_rps=$(python3 -c "print(f'{$M / $sqlite_time:.0f}')")
import_rps=$(python3 -c "print(f'{$M / $import_time:.0f}')")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
report=$(cat <<EOF
### $(date -u +%Y-%m-%d) · commit $commit · $(nproc) cores ($cpu)
Data folder $((data_bytes / 1048576)) MiB: $N records + $FILES stored files (base64 text); CSV of $M rows.

| run | time (s) | size / rate | ratio to baseline | target |
|---|---|---|---|---|
| baseline: tar czf data/ | $tar_time | $tar_size bytes | 1.00 | |
| fastcms backup create | $backup_time | $zip_size bytes | $(ratio "$tar_time" "$backup_time") | ≥ 0.8 |
| baseline: sqlite3 .import | $sqlite_time | $sqlite_rps rows/s | 1.00 | |
| fastcms collections import | $import_time | $import_rps rows/s | $(ratio "$sqlite_time" "$import_time") | ≥ 0.5 |
EOF
)
echo "$report"
if $record; then printf '\n%s\n' "$report" >> bench/RESULTS.md; fi
