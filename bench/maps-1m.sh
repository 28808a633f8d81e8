#!/usr/bin/env bash
# Map layers at province scale (issue 4): the same 200 bench tiles and 200 limit=1000 boxes over a
# 1,000,000-parcel land-use layer, ours beside PostGIS ST_AsMVT on the very same table, one run.
# The layer is the bench's 200,000 parcels plus four copies shifted east by 0.45° each (the
# parcels keep their shapes and density; the index and the table are five times larger).
# Run bench/maps.sh once first (it builds the bench data and our schema). Loopback only.
#
#   bench/maps-1m.sh          # about 10 minutes on 2 cores
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=${BENCH:-/tmp/bench}
PORT=${PORT:-17080}
. "$BENCH/env.sh"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  pg_down_if_started
}
trap cleanup EXIT
pg_up

if [ "$(psql -qtAc "SELECT count(*) FROM projmap.zone_features WHERE layer_id = 'landuse1m'")" != 1000000 ]; then
  log "building the 1,000,000-parcel layer (public.landuse1m and our layer landuse1m)"
  psql -q <<'SQL'
DROP TABLE IF EXISTS public.landuse1m;
CREATE TABLE public.landuse1m AS
SELECT k * 200000 + id AS id, code, name, plan_no, ST_Translate(geom, 0.45 * k, 0) AS geom
FROM public.landuse, generate_series(0, 4) k;
ALTER TABLE public.landuse1m ADD PRIMARY KEY (id);
CREATE INDEX ON public.landuse1m USING gist (geom);
ANALYZE public.landuse1m;
BEGIN;
DELETE FROM projmap.zone_layers WHERE id = 'landuse1m';
INSERT INTO projmap.zone_layers (id, title_zh, title_en, kind, vintage, source, content_hash, updated_at)
VALUES ('landuse1m', '用地规划（百万地块）', 'Land use (1M parcels)', 'zoning', 'bench', 'shared/bench ×5', 'bench-1m', now());
INSERT INTO projmap.zone_features (layer_id, code, name, attributes, geom)
SELECT 'landuse1m', code, name, jsonb_build_object('planNo', plan_no), geom FROM public.landuse1m ORDER BY id;
COMMIT;
ANALYZE projmap.zone_features;
SQL
fi

"$BENCH/lib/urls.py" tiles '/tiles/landuse1m/{z}/{x}/{y}.mvt' > "$BENCH/urls/ours-1m-mvt.txt"
"$BENCH/lib/urls.py" bbox1000 "/ogc/collections/landuse1m/items?limit=1000&bbox={minlon},{minlat},{maxlon},{maxlat}" > "$BENCH/urls/ours-1m-items-1000.txt"
awk -F/ '{ printf "/%s/%s/%s/%d/%s\n", $2, $3, $4, $5 + 3, $6 }' "$BENCH/urls/ours-1m-mvt.txt" > "$BENCH/urls/ours-1m-warmup.txt"

rm -rf "$BENCH_WORK/projmap-home/tiles"
# no background site checks (see maps.sh): with this layer they would read 1,000,000 parcels into
# a 1 GB heap, and did run out of memory there. 2 GB: the planning layers are held in memory for
# tiles and items (the 1M layer ~500 MB, the 200k one ~100 MB); with 1 GB the 1M layer would not
# leave half the heap free, and is read from the store (README "Map layers")
PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:$BENCH_PGPORT/$BENCH_DB?currentSchema=projmap,public" PROJMAP_DB_USER=postgres \
  PROJMAP_PORT=$PORT PROJMAP_HOME="$BENCH_WORK/projmap-home" PROJMAP_CHECK_BACKGROUND=false \
  java -Xmx${HEAP_1M:-2g} -jar target/projmap.jar serve >"$BENCH_LOG/projmap-1m.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
# the planning layers are read into memory in the background after the start: measure once the
# 1M layer is there (or, above PROJMAP_MEMORY_LAYER_MAX_FEATURES, known to stay in the store)
for _ in $(seq 360); do grep -q "layer landuse1m in memory\|landuse1m: .* read it from the store" "$BENCH_LOG/projmap-1m.log" && break; sleep 0.5; done
python3 "$ROOT/bench/lib/first-hit.py" ours-1m-warmup "http://127.0.0.1:$PORT" "$BENCH/urls/ours-1m-warmup.txt" >/dev/null
python3 "$ROOT/bench/lib/first-hit.py" ours-1m-mvt-uncached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-1m-mvt.txt" | tee -a "$RESULTS"
python3 "$ROOT/bench/lib/first-hit.py" ours-1m-items1000-uncached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-1m-items-1000.txt" | tee -a "$RESULTS"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""

# PostGIS ST_AsMVT on the same 1M table and the same 200 tiles
S="$BENCH_WORK/sql-1m"; mkdir -p "$S"
sed 's/FROM landuse l/FROM landuse1m l/' "$BENCH/sql/mvt-4326.sql" > "$S/mvt-4326-1m.sql"
n=$(psql -tAc "select count(*) from bench_tiles")
"$PGBIN/pgbench" -n -M prepared -c 1 -t "$n" -D lo=1 -D hi="$n" -f "$S/mvt-4326-1m.sql" >/dev/null 2>&1
pgbench_run postgis-1m-mvt-c1 "$S/mvt-4326-1m.sql" 1 "${PGBENCH_TIME:-15}" -D lo=1 -D hi="$n"
while read -r z lo hi; do
  pgbench_run "postgis-1m-mvt-z$z-c1" "$S/mvt-4326-1m.sql" 1 "${PGBENCH_ZOOM_TIME:-5}" -D lo="$lo" -D hi="$hi"
done < <(psql -tA -F ' ' -c "select z, min(id), max(id) from bench_tiles group by z order by z")
log "all lines are in $RESULTS"
