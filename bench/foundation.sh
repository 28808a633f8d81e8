#!/usr/bin/env bash
# Foundation benchmark (issue 2): start-up time to a green /health on the embedded store (first
# start with the demo load, then a warm start), peak RSS, and GET /api/projects (all 532
# projects) latency on loopback — beside nginx serving the very same response bytes as a static
# file, measured in the same run (the ratio is the figure to watch on a noisy machine).
#
#   bench/foundation.sh            # needs wrk and nginx (apt-get install wrk nginx-light)
#   DURATION=15s CONNS="1 16" bench/foundation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10s}
CONNS=${CONNS:-"1 16"}
PORT=${PORT:-17070}
NGINX_PORT=${NGINX_PORT:-17071}
work=$(mktemp -d /tmp/projmap-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

[ -f target/projmap.jar ] || mvn -q -B -DskipTests package

now_ms() { date +%s%3N; }
# start_server: launch the jar on a given home (extra JVM options after it), echo "pid ms-to-green-health"
start_server() {
  local home=$1 t0 pid
  shift
  t0=$(now_ms)
  PROJMAP_HOME="$home" PROJMAP_PORT=$PORT java "$@" -jar target/projmap.jar >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"; then echo "$pid $(( $(now_ms) - t0 ))"; return; fi
    sleep 0.05
  done
  cat "$work/server.log" >&2; echo "server did not become healthy" >&2; exit 1
}
# stop_server: the server is not this shell's child (started inside a process substitution), so
# `wait` cannot wait for it: poll until it is gone, or the next start would find it still answering
stop_server() { kill "$1" 2>/dev/null || true; while kill -0 "$1" 2>/dev/null; do sleep 0.05; done; }
rss_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

# the JVM options of the README's run command: the class-data archive the build writes, a 384 MB
# heap and the serial collector; the "plain" runs below are a bare `java -jar`
cds=(-Xmx384m -XX:+UseSerialGC)
[ -f target/projmap.jsa ] && cds=(-XX:SharedArchiveFile=target/projmap.jsa "${cds[@]}")
read -r pid first_ms < <(start_server "$work/home" "${cds[@]}")
pids+=("$pid")
echo "startup-first (creates the H2GIS store, loads the demo city): ${first_ms} ms"
# the new store's site checks run in the background after start; asking for the summary waits for
# them, so that the warm starts below find every stored check current (as a server normally does)
curl -s -o /dev/null "http://127.0.0.1:$PORT/api/checks/summary"
stop_server "$pid"; pids=()
# warm starts, alternating without and with the archive: the median of RUNS each
RUNS=${RUNS:-5}
plain=(); archived=()
for _ in $(seq "$RUNS"); do
  read -r pid ms < <(start_server "$work/home"); plain+=("$ms"); stop_server "$pid"
  if [ ${#cds[@]} -gt 0 ]; then
    read -r pid ms < <(start_server "$work/home" "${cds[@]}"); archived+=("$ms"); stop_server "$pid"
  fi
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
echo "startup-warm without the archive (java -jar): median $(median "${plain[@]}") ms of ${plain[*]}"
[ ${#archived[@]} -gt 0 ] && echo "startup-warm with the README command's options (${cds[*]}): median $(median "${archived[@]}") ms of ${archived[*]}"
read -r pid warm_ms < <(start_server "$work/home" "${cds[@]}")
pids+=("$pid")

curl -s -H 'Accept-Encoding: gzip' --compressed -o "$work/projects.json" "http://127.0.0.1:$PORT/api/projects"
echo "GET /api/projects: $(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['features']))" "$work/projects.json") features, $(stat -c %s "$work/projects.json") bytes"

# nginx: the same bytes as a static file, gzip on as our server does
mkdir -p "$work/nginx/logs" "$work/www"
cp "$work/projects.json" "$work/www/projects.json"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes 2; pid $work/nginx/nginx.pid; error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http { access_log off; types { application/json json; } gzip on; gzip_types application/json;
  server { listen 127.0.0.1:$NGINX_PORT; root $work/www; } }
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)
sleep 0.5

wrk_line() { # name url conns
  local out p50 p99 rps
  out=$(wrk -t "$(( $3 > 1 ? 2 : 1 ))" -c "$3" -d "$DURATION" --latency -H 'Accept-Encoding: gzip' "$2")
  p50=$(awk '/^ +50%/ {print $2}' <<<"$out"); p99=$(awk '/^ +99%/ {print $2}' <<<"$out")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  echo "$1-c$3: p50=$p50 p99=$p99 rps=$rps"
}
wrk -t1 -c4 -d3s "http://127.0.0.1:$PORT/api/projects" >/dev/null   # warm the JIT
for c in $CONNS; do
  wrk_line ours-projects "http://127.0.0.1:$PORT/api/projects" "$c"
  wrk_line nginx-static-projects "http://127.0.0.1:$NGINX_PORT/projects.json" "$c"
done
echo "peak RSS of the server after the run: $(rss_mb "${pids[0]}") MB"
