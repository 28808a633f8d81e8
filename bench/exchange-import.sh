#!/usr/bin/env bash
# Exchange benchmark: import N (default 200,000) land-use polygons from a GeoPackage and from a
# Shapefile into PostGIS, with `projmap import zones` and with `ogr2ogr` (GDAL, COPY-based),
# into the same database in the same run. Prints one line per run and a summary table with wall
# time and the client process's CPU time (the machine may be shared); projmap's schema is migrated
# before its clock starts. Then the same files are uploaded to a running projmap server (the
# "server-upload" rows; its CPU is the server process's during the upload).
#
#   bench/exchange-import.sh                 # 200,000 polygons, database projmap_bench_exchange
#   N=20000 RUNS=1 bench/exchange-import.sh  # quicker
#   RUNS=10 TIERED=0 SERVER=0 bench/exchange-import.sh   # ten command-line pairs per format, alternating
#
# The last lines give, per format, each pair's ratio (projmap ÷ the ogr2ogr run right before it)
# and their median: on a shared machine the pairs, not the absolute times, are the figure.
#
# Needs: PostgreSQL + PostGIS on 127.0.0.1:5432 (user postgres, trust), gdal-bin, the jar
# (mvn -B -q package -DskipTests). The polygons are a deterministic grid of small irregular
# quadrilaterals over Zhumadian (113.1–115.2°E, 32.3–33.6°N) with a code, a name and two numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
RUNS=${RUNS:-1}
DB=${DB:-projmap_bench_exchange}
PGH="-h 127.0.0.1 -U postgres"
WORK=${WORK:-/tmp/projmap-bench-exchange}
# extra JDBC URL parameters for projmap, e.g. JDBC_PARAMS='&reWriteBatchedInserts=true'
JDBC_PARAMS=${JDBC_PARAMS:-}
JAR=target/projmap.jar
# the class-data archive the build records (README "The two commands"), as the run command uses it
CDS=()
[ -f target/projmap.jsa ] && CDS=(-XX:SharedArchiveFile=target/projmap.jsa)
[ -f "$JAR" ] && [ -x target/projmap ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
mkdir -p "$WORK"
log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

psql $PGH -X -q -d postgres -tc "select 1 from pg_database where datname='$DB'" | grep -q 1 \
  || psql $PGH -X -q -d postgres -c "create database $DB"
psql $PGH -X -q -d "$DB" -c "create extension if not exists postgis"
PG="PG:host=127.0.0.1 dbname=$DB user=postgres"

if [ ! -s "$WORK/landuse_$N.gpkg" ]; then
  log "making $N polygons"
  psql $PGH -X -q -d "$DB" <<SQL
drop table if exists bench_src;
create table bench_src as
select i as id,
       (array['R1','R2','B1','M1','G1','E1','S1','U1'])[1 + i % 8] as code,
       '地块' || i as name,
       round((500 + (i * 7919 % 10000))::numeric, 2)::float8 as area_m2,
       (i % 30)::int as height,
       st_setsrid(st_makepolygon(st_makeline(array[
         st_makepoint(x, y), st_makepoint(x + 0.004 + (i % 7) * 0.0001, y),
         st_makepoint(x + 0.004, y + 0.003 + (i % 5) * 0.0001), st_makepoint(x, y + 0.003), st_makepoint(x, y)])), 4326) as geom
from (select i, 113.1 + (i % 500) * 0.0042 as x, 32.3 + (i / 500) * 0.0032 as y
      from generate_series(0, $N - 1) i) g;
SQL
  ogr2ogr -f GPKG "$WORK/landuse_$N.gpkg" "$PG" bench_src -nln landuse
  ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$WORK/landuse_$N.shp" "$PG" bench_src -nln "landuse_$N"
  (cd "$WORK" && rm -f "landuse_$N.zip" && zip -q -j "landuse_$N.zip" landuse_$N.shp landuse_$N.shx landuse_$N.dbf landuse_$N.prj landuse_$N.cpg)
fi

# the schema projmap needs is created before the clock starts (ogr2ogr creates one table, projmap
# migrates the whole application schema: that is not part of loading a file)
printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[114,33]}}]}' \
  > "$WORK/ready.geojson"
# wall and CPU (user + system) seconds of a command; the machine may be shared, so CPU is reported too
timed() { local log=$1; shift; local t; t=$( { TIMEFORMAT='%R %U %S'; time "$@" > "$log" 2>&1; } 2>&1 ) || { tail -5 "$log" >&2; exit 1; }
  set -- $t; WALL_MS=$(awk "BEGIN{printf \"%d\", $1 * 1000}"); CPU_S=$(awk "BEGIN{printf \"%.1f\", $2 + $3}"); }

results=()
for run in $(seq "$RUNS"); do
  for fmt in gpkg shp; do
    src="$WORK/landuse_$N.$fmt"; [ "$fmt" = shp ] && up="$WORK/landuse_$N.zip" || up="$src"
    psql $PGH -X -q -d "$DB" -c "drop table if exists ogr_$fmt"
    timed "$WORK/ogr2ogr-$fmt.log" ogr2ogr -f PostgreSQL "$PG" "$src" -nln "ogr_$fmt" -lco GEOMETRY_NAME=geom
    rows=$(psql $PGH -X -q -d "$DB" -tAc "select count(*) from ogr_$fmt")
    log "ogr2ogr $fmt: $WALL_MS ms, cpu $CPU_S s, $rows rows (load $(cut -d' ' -f1 /proc/loadavg))"
    results+=("ogr2ogr $fmt $WALL_MS $CPU_S $rows")
    # projmap: a fresh schema each time, migrated before the clock starts; the layer is new. Twice:
    # as the launcher runs a command (target/projmap: C1 only, README "Exchange"), and with the
    # JVM's default tiered compilers (JAVA_OPTS=-XX:TieredStopAtLevel=4, which comes last)
    jits="launcher"; [ "${TIERED:-1}" = 1 ] && jits="launcher tiered"
    for jit in $jits; do
      jopts=""; [ "$jit" = tiered ] && jopts="-XX:TieredStopAtLevel=4"
      psql $PGH -X -q -d "$DB" -c "drop schema if exists projmap cascade; create schema projmap" 2>/dev/null
      export PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?currentSchema=projmap,public$JDBC_PARAMS" PROJMAP_DB_USER=postgres
      # a one-feature import first: it migrates the schema; then again, timed: the command's fixed
      # cost (JVM start, connection, schema check, exit) that the 200,000-polygon import also pays
      timed "$WORK/ready.log" target/projmap import zones ready "$WORK/ready.geojson" --kind zoning --title ready
      timed "$WORK/ready.log" env JAVA_OPTS="$jopts" target/projmap import zones ready "$WORK/ready.geojson" --kind zoning --title ready
      results+=("cli-$jit-1-feature geojson $WALL_MS $CPU_S 1")
      timed "$WORK/projmap-$fmt.log" env JAVA_OPTS="$jopts" target/projmap import zones landuse "$src" --kind zoning --title 用地
      rows=$(psql $PGH -X -q -d "$DB" -tAc "select count(*) from projmap.zone_features where layer_id='landuse'")
      log "projmap ($jit) $fmt: $WALL_MS ms, cpu $CPU_S s, $rows rows ($(tail -1 "$WORK/projmap-$fmt.log")) (load $(cut -d' ' -f1 /proc/loadavg))"
      results+=("cli-$jit $fmt $WALL_MS $CPU_S $rows")
    done
  done
done
# ---- the same files uploaded to a running server (POST /api/import/zones/landuse), as department
# staff import: no JVM start-up in the clock, and the server has imported before (two uploads of a
# 20,000-polygon cut of each file into another layer), as a server that has run for a while has.
# A fresh schema and a fresh server per measurement; the clock covers the upload and the import
# (the answer is the import report). SERVER=0 skips this part.
if [ "${SERVER:-1}" = 1 ]; then
  PORT=${PORT:-7581}
  if [ ! -s "$WORK/warm_20000.gpkg" ]; then
    ogr2ogr -f GPKG "$WORK/warm_20000.gpkg" "$WORK/landuse_$N.gpkg" -limit 20000 -nln warm
    ogr2ogr -f "ESRI Shapefile" -lco ENCODING=UTF-8 "$WORK/warm_20000.shp" "$WORK/landuse_$N.shp" -limit 20000
    (cd "$WORK" && rm -f warm_20000.zip && zip -q -j warm_20000.zip warm_20000.shp warm_20000.shx warm_20000.dbf warm_20000.prj warm_20000.cpg)
  fi
  server_pid=""
  stop_server() { [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }; server_pid=""; }
  trap stop_server EXIT
  upload() {   # upload FILE NAME LAYER: the import report, or exit
    curl -sf -b "$WORK/cookies" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/octet-stream' \
      --data-binary @"$1" "http://127.0.0.1:$PORT/api/import/zones/$3?filename=$2&kind=zoning&title=%E7%94%A8%E5%9C%B0" \
      > "$WORK/upload.json" || { echo "upload of $1 failed: $(cat "$WORK/upload.json")" >&2; exit 1; }
  }
  for run in $(seq "$RUNS"); do
    for fmt in gpkg shp; do
      src="$WORK/landuse_$N.$fmt"; warm="$WORK/warm_20000.$fmt"; name="landuse.$fmt"
      [ "$fmt" = shp ] && { src="$WORK/landuse_$N.zip"; warm="$WORK/warm_20000.zip"; name="landuse.zip"; }
      psql $PGH -X -q -d "$DB" -c "drop schema if exists projmap_srv cascade; create schema projmap_srv" 2>/dev/null
      PROJMAP_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB?currentSchema=projmap_srv,public$JDBC_PARAMS" PROJMAP_DB_USER=postgres \
        PROJMAP_PORT=$PORT PROJMAP_ADMIN_PASSWORD=bench-exchange-password PROJMAP_CHECK_BACKGROUND=false \
        PROJMAP_HOME="$WORK/home" java "${CDS[@]}" -Xmx384m -XX:+UseSerialGC -jar "$JAR" serve > "$WORK/server.log" 2>&1 &
      server_pid=$!
      for _ in $(seq 120); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.5; done
      csrf=$(curl -sf -c "$WORK/cookies" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"bench-exchange-password"}' "http://127.0.0.1:$PORT/api/auth/login" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrfToken"])')
      for _ in 1 2; do upload "$warm" "warm.${name#landuse.}" warm; done
      # ogr2ogr once more, right before the upload: a pair taken at the same moment of the machine
      psql $PGH -X -q -d "$DB" -c "drop table if exists ogr_$fmt" 2>/dev/null
      timed "$WORK/ogr2ogr-$fmt.log" ogr2ogr -f PostgreSQL "$PG" "$WORK/landuse_$N.$fmt" -nln "ogr_$fmt" -lco GEOMETRY_NAME=geom
      log "ogr2ogr $fmt (beside the server): $WALL_MS ms, cpu $CPU_S s"
      results+=("ogr2ogr-pair $fmt $WALL_MS $CPU_S $N")
      cpu0=$(awk '{print $14 + $15}' /proc/$server_pid/stat)
      timed "$WORK/curl-$fmt.log" upload "$src" "$name" landuse
      cpu1=$(awk '{print $14 + $15}' /proc/$server_pid/stat)
      CPU_S=$(awk "BEGIN{printf \"%.1f\", ($cpu1 - $cpu0) / $(getconf CLK_TCK)}")
      rows=$(psql $PGH -X -q -d "$DB" -tAc "select count(*) from projmap_srv.zone_features where layer_id='landuse'")
      log "projmap server $fmt: $WALL_MS ms, server cpu $CPU_S s, $rows rows (load $(cut -d' ' -f1 /proc/loadavg))"
      results+=("server-upload $fmt $WALL_MS $CPU_S $rows")
      stop_server
    done
  done
fi

echo "| tool | source | wall ms | client CPU s | rows |"
echo "|---|---|---:|---:|---:|"
for r in "${results[@]}"; do set -- $r; echo "| $1 | $2 | $3 | $4 | $5 |"; done
# each projmap run against the ogr2ogr run of the same format right before it
for r in "${results[@]}"; do echo "$r"; done | awk '
  $1 == "ogr2ogr" || $1 == "ogr2ogr-pair" { last[$2] = $3; next }
  ($1 == "cli-launcher" || $1 == "cli-tiered" || $1 == "server-upload") && last[$2] > 0 {
    k = $1 " " $2; r[k] = r[k] sprintf(" %.2f", $3 / last[$2]) }
  END { for (k in r) { n = split(substr(r[k], 2), v, " ")
          for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
          m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
          printf "%s ÷ ogr2ogr before it:%s (median %.2f)\n", k, r[k], m } }' | sort
