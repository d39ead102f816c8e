#!/usr/bin/env bash
# Files benchmark (issue 8): downloads of an uploaded image, of a cached thumbnail and of a
# cached transform, and the first (uncached) thumbnail of fresh uploads.
#
# Builds fastcms and the baseline server (cpp-httplib answering the same image bytes from
# memory), uploads one 1600x1200 PNG through the records API, drives both with wrk on
# loopback and prints each fastcms figure as a ratio to the baseline measured in the same run.
#
#   ./bench/files_bench.sh                # 10 s per run
#   DURATION=20 ./bench/files_bench.sh --record   # also appends the result to bench/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
FRESH=${FRESH:-20}
# free_port, wait_for, rps, ratio, build_with_baseline; $work and $pids, cleaned up on exit;
# DURATION, CONNECTIONS, THREADS and --record
source "$root/bench/bench_lib.sh" "$@"
build_with_baseline

# A 1600x1200 PNG with a gradient (so it compresses like a photo-ish image, not to nothing).
python3 - "$work/photo.png" <<'PY'
import struct, sys, zlib
w, h = 1600, 1200
raw = b''.join(b'\x00' + bytes(v for x in range(w) for v in (x * 255 // w, y * 255 // h, (x ^ y) & 255)) for y in range(h))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(raw, 6)) + chunk(b'IEND', b''))
PY

"$root/build/fastcms" init "$work/app" --template blank >/dev/null 2>&1
cat > "$work/app/app/collections/photos.yaml" <<'EOF2'
name: photos
type: base
fields:
  - { name: image, type: file, maxSelect: 1, maxSize: 20971520, mimeTypes: [image/png], thumbs: [300x200] }
listRule: ''
viewRule: ''
createRule: ''
EOF2
app_port=$(free_port)
(cd "$work/app" && exec "$root/build/fastcms" serve --http "127.0.0.1:$app_port" >"$work/server.log" 2>&1) &
pids+=($!)
wait_for "http://127.0.0.1:$app_port/api/health"

api="http://127.0.0.1:$app_port/api"
upload() { curl -sf -X POST "$api/collections/photos/records" -F "image=@$work/photo.png"; }
record_json=$(upload)
id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$record_json")
name=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["image"])' <<<"$record_json")
file="$api/files/photos/$id/$name"
curl -sf "$file?thumb=300x200" -o "$work/thumb.png"            # made once, then served from storage
curl -sf "$file?width=400&format=webp" -o "$work/transform.webp"  # likewise

# The first thumbnail of fresh uploads (decode, resize, encode, store).
fresh_urls=()
for _ in $(seq 1 "$FRESH"); do
  r=$(upload)
  fresh_urls+=("$api/files/photos/$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["id"] + "/" + d["image"])' <<<"$r")")
done
start=$(date +%s.%N)
for u in "${fresh_urls[@]}"; do curl -sf "$u?thumb=300x200" -o /dev/null; done
first_thumb_ms=$(python3 -c "print(f'{($(date +%s.%N) - $start) * 1000 / $FRESH:.0f}')")

# One baseline per body: the same bytes answered from memory.
baseline_url=""
start_baseline() {  # FILE TYPE: sets baseline_url (not in a subshell: it must keep the pid)
  local port
  port=$(free_port)
  "$root/build/fastcms_bench_baseline" "$port" "$1" "$2" >/dev/null &
  pids+=($!)
  baseline_url="http://127.0.0.1:$port/"
  wait_for "$baseline_url"
}
start_baseline "$work/photo.png" image/png; base_original=$baseline_url
start_baseline "$work/thumb.png" image/png; base_thumb=$baseline_url
start_baseline "$work/transform.webp" image/webp; base_transform=$baseline_url


kib() { echo $(( $(stat -c %s "$1") / 1024 )); }
b_original=$(rps "$base_original")
original=$(rps "$file")
b_thumb=$(rps "$base_thumb")
thumb=$(rps "$file?thumb=300x200")
b_transform=$(rps "$base_transform")
transform=$(rps "$file?width=400&format=webp")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
report=$(cat <<EOF2
### files · $(date -u +%Y-%m-%d) · commit $commit · $(nproc) cores ($cpu)
A 1600x1200 PNG on local storage, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, loopback. Each
baseline answers the same bytes from memory.

| run | size | baseline requests/s | fastcms requests/s | ratio |
|---|---|---|---|---|
| download the original | $(kib "$work/photo.png") KiB | $b_original | $original | $(ratio "$original" "$b_original") |
| a cached thumbnail (300x200) | $(kib "$work/thumb.png") KiB | $b_thumb | $thumb | $(ratio "$thumb" "$b_thumb") |
| a cached transform (width=400, webp) | $(kib "$work/transform.webp") KiB | $b_transform | $transform | $(ratio "$transform" "$b_transform") |

First thumbnail of a fresh upload (decode, resize, encode, store), sequential: ${first_thumb_ms} ms each.
EOF2
)
echo "$report"
if $record; then printf '\n%s\n' "$report" >> bench/RESULTS.md; fi
