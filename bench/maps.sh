#!/usr/bin/env bash
# Map-layer benchmark (issue 4), beside the peers of ../shared/bench, on its 200,000-parcel land-use
# dataset. Not a timed test: it prints the figures for README.md, "## Map layers".
#
#   bench/maps.sh                 # everything below; about 5 minutes plus the peers' own runs
#   PEERS=0 bench/maps.sh         # ours only (the peers' figures from an earlier run apply)
#   WRK_DURATION=10s WRK_CONNS_LIST="1 16" bench/maps.sh
#
# What it does:
#   1. copies ../shared/bench to $BENCH (default /tmp/bench) and, unless there already, builds its
#      dataset in the bench's own PostgreSQL cluster (127.0.0.1:55432, database gisbench);
#   2. starts our server (target/projmap.jar) on that database, in a schema "projmap" of its own,
#      with the bench's land use as the planning layer "landuse" and its farmland as
#      "basic-farmland" (copied in SQL, no re-encoding: the same geometries the peers read);
#   3. uncached tiles: the 200 bench tiles, each once, on a freshly started server once its
#      planning layers are in memory (its first hit: the Java tile path end to end) — against PostGIS ST_AsMVT on the same 200 tiles
#      (peer-postgis-mvt.sh, pgbench);
#   4. cached tiles: wrk over the same 200 tiles once cached — against nginx serving exactly our
#      tile bytes as static files (and, for reference, peer-nginx-static.sh's ST_AsMVT files);
#   5. OGC API items limit=1000 with bbox (and limit=100) — against MapServer 8 and QGIS Server
#      3.22 (peer-mapserver.sh, peer-qgis.sh; they need ./install.sh: mapserver-bin, qgis-server).
# Everything runs on loopback; processes started here are stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BENCH=${BENCH:-/tmp/bench}
PORT=${PORT:-17080}
PEERS=${PEERS:-1}
export WRK_DURATION=${WRK_DURATION:-15s} WRK_CONNS_LIST=${WRK_CONNS_LIST:-"1 16 64"}

[ -d "$BENCH" ] || cp -r "$ROOT/../shared/bench" "$BENCH" 2>/dev/null || cp -r /work/shared/bench "$BENCH"
. "$BENCH/env.sh"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  stop_tracked
  pg_down_if_started
}
trap cleanup EXIT

[ -f target/projmap.jar ] || mvn -q -B -DskipTests package
pg_up
if ! psql -qtAc "SELECT 1 FROM landuse LIMIT 1" >/dev/null 2>&1; then "$BENCH/make-data.sh"; fi
[ -s "$BENCH/urls/tiles.tsv" ] || "$BENCH/make-data.sh"

URL="jdbc:postgresql://127.0.0.1:$BENCH_PGPORT/$BENCH_DB?currentSchema=projmap,public"
# PROJMAP_CHECK_BACKGROUND=false: the site checks' background pass (every project against every
# planning layer, 200,000 parcels included) takes both cores for ~20 s after a start whose stored
# checks are stale, and would share them with the first measurements; it is not the map path.
start_ours() {
  PROJMAP_DB_URL="$URL" PROJMAP_DB_USER=postgres PROJMAP_PORT=$PORT PROJMAP_HOME="$BENCH_WORK/projmap-home" \
    PROJMAP_CHECK_BACKGROUND=false java -Xmx1g -jar target/projmap.jar serve >"$BENCH_LOG/projmap.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
# the server reads its planning layers into memory in the background after a start (tiles and
# items read the store until then): the measurements are a settled server's
wait_in_memory() {
  for _ in $(seq 240); do grep -q "layer $1 in memory" "$BENCH_LOG/projmap.log" && return 0; sleep 0.5; done
  log "layer $1 not in memory after 120 s: the figures are the store path's"
}
stop_ours() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

# ---- our schema, filled from the bench tables -------------------------------------------------
if ! psql -qtAc "SELECT 1 FROM projmap.zone_features WHERE layer_id = 'landuse' LIMIT 1" 2>/dev/null | grep -q 1; then
  log "loading the bench layers into our schema"
  psql -qc "CREATE SCHEMA IF NOT EXISTS projmap"
  # the first start migrates the schema; with no demo data on an empty store it may stop: fine
  start_ours || true
  stop_ours
  psql -q <<'SQL'
BEGIN;
DELETE FROM projmap.zone_layers WHERE id IN ('landuse', 'basic-farmland');
INSERT INTO projmap.zone_layers (id, title_zh, title_en, kind, vintage, source, content_hash, updated_at)
VALUES ('landuse', '用地规划（基准）', 'Land use (bench)', 'zoning', 'bench', 'shared/bench', 'bench', now()),
       ('basic-farmland', '基本农田（基准）', 'Basic farmland (bench)', 'restriction', 'bench', 'shared/bench', 'bench', now());
INSERT INTO projmap.zone_features (layer_id, code, name, attributes, geom)
SELECT 'landuse', code, name, jsonb_build_object('planNo', plan_no), geom FROM public.landuse ORDER BY id;
INSERT INTO projmap.zone_features (layer_id, code, name, attributes, geom)
SELECT 'basic-farmland', 'JBNT-' || id, '基本农田', '{}'::jsonb, geom FROM public.farmland ORDER BY id;
COMMIT;
ANALYZE projmap.zone_features;
SQL
fi

"$BENCH/lib/urls.py" tiles '/tiles/landuse/{z}/{x}/{y}.mvt' > "$BENCH/urls/ours-mvt.txt"
BB='bbox={minlon},{minlat},{maxlon},{maxlat}'
"$BENCH/lib/urls.py" bbox100  "/ogc/collections/landuse/items?limit=100&$BB"  > "$BENCH/urls/ours-items-100.txt"
"$BENCH/lib/urls.py" bbox1000 "/ogc/collections/landuse/items?limit=1000&$BB" > "$BENCH/urls/ours-items-1000.txt"

# ---- 3. uncached tiles: first hit of each of the 200 tiles on a fresh server ----------------
rm -rf "$BENCH_WORK/projmap-home/tiles"   # the disk tile cache would otherwise serve them
start_ours || die "our server did not start; see $BENCH_LOG/projmap.log"
wait_in_memory landuse
# warm the JVM (JIT) on other land-use tiles first (same zooms and density, three columns east):
# the 200 bench tiles stay uncached
awk -F/ '{ printf "/%s/%s/%s/%d/%s\n", $2, $3, $4, $5 + 3, $6 }' "$BENCH/urls/ours-mvt.txt" > "$BENCH/urls/ours-warmup.txt"
python3 "$ROOT/bench/lib/first-hit.py" ours-warmup "http://127.0.0.1:$PORT" "$BENCH/urls/ours-warmup.txt" 1 >/dev/null
python3 "$ROOT/bench/lib/first-hit.py" ours-mvt-uncached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-mvt.txt" | tee -a "$RESULTS"
python3 "$ROOT/bench/lib/first-hit.py" ours-mvt-cached-1conn "http://127.0.0.1:$PORT" "$BENCH/urls/ours-mvt.txt" 5 | tee -a "$RESULTS"
# OGC items, each of the 200 boxes once (its first hit: query, GeoJSON, no response cache)
python3 "$ROOT/bench/lib/first-hit.py" ours-items1000-uncached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-items-1000.txt" | tee -a "$RESULTS"
python3 "$ROOT/bench/lib/first-hit.py" ours-items100-uncached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-items-100.txt" | tee -a "$RESULTS"
# ---- 4. cached tiles under load, 5. OGC items (wrk repeats the 200 URLs: mostly cached answers) --
CHECK_TYPE=vnd.mapbox-vector-tile "$BENCH/target-http.sh" ours-mvt-cached "http://127.0.0.1:$PORT" "$BENCH/urls/ours-mvt.txt"
"$BENCH/target-http.sh" ours-items100 "http://127.0.0.1:$PORT" "$BENCH/urls/ours-items-100.txt"
"$BENCH/target-http.sh" ours-items1000 "http://127.0.0.1:$PORT" "$BENCH/urls/ours-items-1000.txt"
# nginx serving exactly our tile bytes as static files: the ceiling for the cached path
D="$BENCH_WORK/static-ours"
rm -rf "$D"; mkdir -p "$D"
while read -r path; do
  f="$D${path}"; mkdir -p "$(dirname "$f")"
  curl -sf -o "$f" "http://127.0.0.1:$PORT$path"
done < "$BENCH/urls/ours-mvt.txt"
stop_ours
start_nginx static-ours "${BENCH_PORT_STATIC_OURS:-18085}" "
    root $D;
    types { application/vnd.mapbox-vector-tile mvt; }
    location = / { return 200 'ok'; }"
wrk_series static-ours-tiles "http://127.0.0.1:${BENCH_PORT_STATIC_OURS:-18085}" "$BENCH/urls/ours-mvt.txt"
stop_tracked

# ---- the peers, in the same run ----------------------------------------------------------------
if [ "$PEERS" = 1 ]; then
  "$BENCH/peer-postgis-mvt.sh" || log "peer-postgis-mvt.sh failed"
  "$BENCH/peer-nginx-static.sh" || log "peer-nginx-static.sh failed"
  if command -v mapserv >/dev/null; then "$BENCH/peer-mapserver.sh"; else log "MapServer not installed (run $BENCH/install.sh): skipped"; fi
  if [ -x /usr/lib/cgi-bin/qgis_mapserv.fcgi ]; then "$BENCH/peer-qgis.sh"; else log "QGIS Server not installed (run $BENCH/install.sh): skipped"; fi
fi
log "all lines are in $RESULTS"
