#!/usr/bin/env bash
# Site-check benchmark (issue 3): a 1 km² site check over HTTP beside PostGIS doing the same overlay
# in one SQL statement on the same tables; the whole-programme summary (532 projects) cold and warm;
# a check against a generated 1,000,000-parcel zoning layer, again beside PostGIS.
# Data: a synthetic city at the demo city's scale, built in a throw-away schema (dropped at the end)
# of the PostGIS database below (src/test/java/projmap/checks/CheckBench.java says what is in it).
#
#   bench/checks.sh                                  # PostgreSQL on 127.0.0.1:5432, user postgres
#   DB_URL=jdbc:postgresql://HOST:5432/DB RUNS=500 bench/checks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DB_URL=${DB_URL:-jdbc:postgresql://127.0.0.1:5432/projmap_bench_checks}
RUNS=${RUNS:-200}
db=${DB_URL##*/}
psql -X -q -h 127.0.0.1 -U postgres -d postgres -tc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
mvn -q -B -ntp test-compile
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# the server's collector (README, "The two commands"); JAVA_OPTS replaces it, e.g. JAVA_OPTS=-XX:+UseG1GC
java ${JAVA_OPTS:--XX:+UseSerialGC} -Xmx4g -Druns="$RUNS" -DsummaryOnly="${SUMMARY_ONLY:-false}" -Drecheck="${RECHECK:-0}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.projmap.checks=${CHECKS_LOG:-warn} \
  -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" projmap.checks.CheckBench "$DB_URL"
