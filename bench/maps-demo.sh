#!/usr/bin/env bash
# Map layers at the demo city's scale (issue 4: "no slower on the embedded store at the demo
# scale"): uncached vector tiles of the land-use layer (20,000+ parcels) served by our server on
# the embedded store (H2GIS) and on PostGIS, and PostGIS's own ST_AsMVT for the same tiles, in one
# run on this machine.
#
#   bench/maps-demo.sh                      # PostgreSQL on 127.0.0.1:5432, user postgres (trust)
#   TILES=200 PGBENCH_TIME=10 bench/maps-demo.sh   # fewer tiles (set F: 151 bench tiles)
#
# What it does:
#   1. starts our server on a fresh PostGIS database (the demo city is loaded on first start) and
#      picks the tiles: up to TILES distinct tiles at z12–16 (a fifth per zoom; z12 has fewer over
#      the city), each holding a land-use parcel chosen with a fixed seed, and as many other ones
#      for warming the JVM up;
#   2. for each store — PostGIS, then the embedded store in a fresh home — starts the server with
#      an empty tile cache, waits until the land-use layer is in memory (read in the background
#      after a start; PROJMAP_MEMORY_LAYER_MAX_FEATURES=0 measures the store path), requests the
#      warm-up tiles ten times (the spare land-use tiles, and the bench tiles' addresses on the
#      farmland layer, so that every zoom's code is compiled), then each bench tile once (its
#      first hit: the whole tile path) from Python (`bench/lib/first-hit.py`) and, on a restarted
#      server with its disk cache removed and warmed again, from wrk (`bench/lib/first-hit.lua`,
#      a C client as pgbench is), and stops it;
#   3. times ST_AsMVT over the same parcels and tiles with pgbench (one client, prepared);
#   4. the steady measurement, ROUNDS rounds (default 3): each store's server started with both
#      tile caches off (PROJMAP_TILE_CACHE_MB=0, PROJMAP_TILE_DISK_CACHE_MB=0: every request builds
#      its tile), warmed up, then wrk on one connection for WRK_DURATION over the bench tiles drawn
#      at random (`bench/lib/random-tiles.lua`) — what pgbench does for ST_AsMVT, which runs again
#      in each round; the stores' order alternates. A summary line gives the medians of the rounds
#      and of the rounds' ratios. Each server's collections are logged to $WORK/NAME.gc.log;
#      JAVA_EXTRA adds JVM options.
# Needs: the jar (mvn -B -q -DskipTests package), python3, PostgreSQL 15 + PostGIS; loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TILES=${TILES:-400}
PGBENCH_TIME=${PGBENCH_TIME:-8}
FIRST_HITS=${FIRST_HITS:-1}       # 0: skip the first-hit measurements (steps 2-3's first part)
ROUNDS=${ROUNDS:-3}               # rounds of the steady (caches off) measurement
WRK_DURATION=${WRK_DURATION:-8s}  # per store and round
WARMUP_SECONDS=${WARMUP_SECONDS:-30s} # wrk over the warm-up tiles before a steady measurement
PORT=${PORT:-17180}
DB=${DB:-projmap_bench_demo}
WORK=${WORK:-/tmp/projmap-bench-demo}
export PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$DB")
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
[ -f target/projmap.jar ] || { echo "build first: mvn -B -q -DskipTests package" >&2; exit 2; }
rm -rf "$WORK"; mkdir -p "$WORK"

# the class-data archive the build records, as the README's run command uses it
CDS=()
[ -f target/projmap.jsa ] && CDS=(-XX:SharedArchiveFile=target/projmap.jsa)
server_pid=""
stop_server() { [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }; server_pid=""; }
trap stop_server EXIT
# start_server NAME [env...]: our server with an empty tile cache; background checks off (they are
# not the map path, and would share the cores with the measurement)
start_server() {
  local name=$1; shift
  env "$@" PROJMAP_PORT=$PORT PROJMAP_CHECK_BACKGROUND=false PROJMAP_ADMIN_PASSWORD=bench-demo-password \
    java "${CDS[@]}" -Xmx384m -XX:+UseSerialGC ${JAVA_EXTRA:-} -Xlog:gc:file="$WORK/$name.gc.log" -jar target/projmap.jar serve \
    >"$WORK/$name.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && return 0
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$WORK/$name.log" >&2; return 1; }
    sleep 0.5
  done
  return 1
}

# wait_in_memory NAME LAYER: the server reads its planning layers into memory in the background
# after a start (tiles read the store until then); the measured tiles are a settled server's
wait_in_memory() {
  for _ in $(seq 240); do grep -q "layer $2 in memory" "$WORK/$1.log" && return 0; sleep 0.5; done
  log "layer $2 not in memory after 120 s: the figures are the store path's"
}

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
psql -X -q -d postgres -c "CREATE DATABASE $DB"
"${PSQL[@]}" -c "CREATE EXTENSION postgis"

log "PostGIS store: loading the demo city"
start_server postgis PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PROJMAP_DB_USER=postgres PROJMAP_HOME="$WORK/home-pg"
parcels=$("${PSQL[@]}" -tAc "SELECT count(*) FROM zone_features WHERE layer_id = 'land-use'")
# tiles around parcels picked with a fixed seed: TILES for the measurement, TILES for warming up
"${PSQL[@]}" <<SQL
SELECT setseed(0.20261202);
CREATE TABLE demo_tiles AS
WITH picked AS (
  SELECT row_number() OVER () AS n, ST_PointOnSurface(geom) AS p
  FROM (SELECT geom FROM zone_features WHERE layer_id = 'land-use' ORDER BY random() LIMIT 20 * $TILES) f),
tiles AS (
  SELECT DISTINCT ON (z, x, y) z, x, y, n
  FROM (SELECT n, z, floor((ST_X(p) + 180) / 360 * 2 ^ z)::int AS x,
               floor((1 - ln(tan(radians(ST_Y(p))) + 1 / cos(radians(ST_Y(p)))) / pi()) / 2 * 2 ^ z)::int AS y
        FROM picked, generate_series(12, 16) AS z) t
  ORDER BY z, x, y, n),
ranked AS (SELECT z, x, y, row_number() OVER (PARTITION BY z ORDER BY n) AS r FROM tiles)
SELECT row_number() OVER (ORDER BY r > $TILES / 5, z, r) AS id, z, x, y, r > $TILES / 5 AS warmup
FROM ranked WHERE r <= 2 * $TILES / 5;
SQL
"${PSQL[@]}" -tAc "SELECT '/tiles/land-use/' || z || '/' || x || '/' || y || '.mvt' FROM demo_tiles WHERE NOT warmup ORDER BY id" > "$WORK/tiles.txt"
"${PSQL[@]}" -tAc "SELECT '/tiles/land-use/' || z || '/' || x || '/' || y || '.mvt' FROM demo_tiles WHERE warmup ORDER BY id" > "$WORK/warmup.txt"
# the JIT is warmed on every zoom: the same tile addresses on the farmland layer (other cache
# keys, the same code path; z12-13 have no spare land-use tiles over the city) beside the spare ones
sed 's#/tiles/land-use/#/tiles/basic-farmland/#' "$WORK/tiles.txt" >> "$WORK/warmup.txt"
bench_tiles=$(wc -l < "$WORK/tiles.txt")
log "$bench_tiles tiles (z12–16; $("${PSQL[@]}" -tAc "SELECT string_agg(z || ': ' || n, ', ') FROM (SELECT z, count(*) n FROM demo_tiles WHERE NOT warmup GROUP BY z ORDER BY z) c")) over $parcels land-use parcels; $(wc -l < "$WORK/warmup.txt") others to warm up"

# first_hits STORE HOME [env...]: the bench tiles once each on the running server (Python's
# client), then again on a restarted server with its disk tile cache removed, from wrk (a client
# in C: the same requests without Python's ~0.2-0.3 ms per request; pgbench, which times
# ST_AsMVT below, is a C client too)
first_hits() {
  local store=$1 home=$2; shift 2
  wait_in_memory "$store" land-use
  # FIRST_HITS=0: the steady measurement only (the first start still loads the store)
  [ "$FIRST_HITS" = 0 ] && { stop_server; return; }
  python3 "$ROOT/bench/lib/first-hit.py" warmup "http://127.0.0.1:$PORT" "$WORK/warmup.txt" 10 >/dev/null
  python3 "$ROOT/bench/lib/first-hit.py" "demo-ours-$store-uncached" "http://127.0.0.1:$PORT" "$WORK/tiles.txt" | tee -a "$WORK/results.txt"
  stop_server
  rm -rf "$home/tiles"
  start_server "$store-wrk" "$@" PROJMAP_HOME="$home"
  wait_in_memory "$store-wrk" land-use
  python3 "$ROOT/bench/lib/first-hit.py" warmup "http://127.0.0.1:$PORT" "$WORK/warmup.txt" 10 >/dev/null
  FIRST_HIT_NAME="demo-ours-$store-uncached-wrk" wrk -t1 -c1 -d30s -s "$ROOT/bench/lib/first-hit.lua" "http://127.0.0.1:$PORT" \
    -- "$WORK/tiles.txt" | grep '^demo-' | tee -a "$WORK/results.txt"
  stop_server
}
: > "$WORK/results.txt"
first_hits postgis "$WORK/home-pg" PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PROJMAP_DB_USER=postgres

log "embedded store: a fresh home, the demo city loaded on first start"
start_server embedded PROJMAP_HOME="$WORK/home-h2"
first_hits embedded "$WORK/home-h2"

log "PostGIS ST_AsMVT, the same tiles and parcels (pgbench, 1 client, prepared)"
cat > "$WORK/mvt.sql" <<'SQL'
\set id random(:lo, :hi)
WITH t AS (
  SELECT ST_TileEnvelope(z, x, y) AS env,
         ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326) AS q
  FROM demo_tiles WHERE id = :id),
mvtgeom AS (
  SELECT f.id, f.code, f.name, ST_AsMVTGeom(ST_Transform(f.geom, 3857), t.env, 4096, 64, true) AS geom
  FROM zone_features f, t
  WHERE f.layer_id = 'land-use' AND f.geom && t.q)
SELECT ST_AsMVT(mvtgeom, 'land-use', 4096, 'geom', 'id') FROM mvtgeom;
SQL
# st_asmvt NAME LO HI SECONDS: pgbench over the tiles with ids LO..HI; one line with the median
st_asmvt() {
  local dir="$WORK/pgbench/$1"
  mkdir -p "$dir"
  (cd "$dir" && /usr/lib/postgresql/15/bin/pgbench -n -M prepared -c 1 -T "$4" -l --log-prefix=tx \
    -D lo="$2" -D hi="$3" -f "$WORK/mvt.sql" "$DB" >"$dir/pgbench.txt" 2>&1)
  cat "$dir"/tx.* | awk '{print $3 / 1000}' | sort -n | awk -v name="$1" '{a[NR] = $1} END {
    p99 = int(NR * 0.99); if (p99 < 1) p99 = 1
    printf "%s: median_ms=%.2f p99_ms=%.2f n=%d\n", name, a[int((NR + 1) / 2)], a[p99], NR }'
}
st_asmvt demo-postgis-st_asmvt 1 "$bench_tiles" "$PGBENCH_TIME" | tee -a "$WORK/results.txt"
while read -r z lo hi; do
  st_asmvt "demo-postgis-st_asmvt-z$z" "$lo" "$hi" 3 | tee -a "$WORK/results.txt"
done < <("${PSQL[@]}" -tA -F ' ' -c "SELECT z, min(id), max(id) FROM demo_tiles WHERE NOT warmup GROUP BY z ORDER BY z")

# steady STORE ROUND [env...]: our server with both tile caches off (every request builds its
# tile), warmed up, then wrk on one connection for WRK_DURATION over the bench tiles drawn at
# random — the same measurement pgbench makes of ST_AsMVT, thousands of samples instead of one a tile
steady() {
  local store=$1 round=$2; shift 2
  start_server "$store-steady-$round" "$@" PROJMAP_TILE_CACHE_MB=0 PROJMAP_TILE_DISK_CACHE_MB=0
  wait_in_memory "$store-steady-$round" land-use
  # warmed by wrk for WARMUP_SECONDS over the warm-up tiles: three passes from Python (~2,000
  # tiles) left the C2 compiler busy on one of the two cores through the measurement (4 s of its
  # CPU in 8 s), and the medians 1.6-2.4 ms; after 30 s it has settled
  RANDOM_TILES_NAME=warmup wrk -t1 -c1 -d"$WARMUP_SECONDS" -s "$ROOT/bench/lib/random-tiles.lua" \
    "http://127.0.0.1:$PORT" -- "$WORK/warmup.txt" >/dev/null
  RANDOM_TILES_NAME="demo-ours-$store-steady-r$round" wrk -t1 -c1 -d"$WRK_DURATION" -s "$ROOT/bench/lib/random-tiles.lua" \
    "http://127.0.0.1:$PORT" -- "$WORK/tiles.txt" | grep '^demo-' | tee -a "$WORK/results.txt"
  stop_server
}
# ROUNDS rounds, each: both stores (which one first alternates) and ST_AsMVT, side by side in time
log "steady uncached tiles, $ROUNDS rounds of $WRK_DURATION per store and ${PGBENCH_TIME} s of ST_AsMVT"
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then order="postgis embedded"; else order="embedded postgis"; fi
  for store in $order; do
    if [ "$store" = postgis ]; then
      steady postgis "$round" PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PROJMAP_DB_USER=postgres PROJMAP_HOME="$WORK/home-pg"
    else
      steady embedded "$round" PROJMAP_HOME="$WORK/home-h2"
    fi
  done
  st_asmvt "demo-postgis-st_asmvt-steady-r$round" 1 "$bench_tiles" "$PGBENCH_TIME" | tee -a "$WORK/results.txt"
done
# the rounds' medians, their median per store, and the ratios asked for
awk '
  /^demo-ours-postgis-steady-r/ { split($2, m, "="); pg[++npg] = m[2] }
  /^demo-ours-embedded-steady-r/ { split($2, m, "="); h2[++nh2] = m[2] }
  /^demo-postgis-st_asmvt-steady-r/ { split($2, m, "="); mvt[++nmvt] = m[2] }
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END { if (!npg || !nh2 || !nmvt) exit
    for (i = 1; i <= npg; i++) { r1[i] = pg[i] / mvt[i]; r2[i] = h2[i] / pg[i] }
    printf "demo-steady-summary: rounds=%d ours_postgis_ms=%.2f ours_embedded_ms=%.2f st_asmvt_ms=%.2f", npg, median(pg, npg), median(h2, nh2), median(mvt, nmvt)
    printf " postgis_over_st_asmvt=%.2f embedded_over_postgis=%.2f (medians of the rounds'"'"' ratios)\n", median(r1, npg), median(r2, npg) }
' "$WORK/results.txt" | tee -a "$WORK/results.txt"
log "all lines in $WORK/results.txt"
