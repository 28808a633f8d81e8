-- wrk script: paths drawn at random (fixed seed) from a list for the whole run, as pgbench's
-- `\set id random(lo, hi)` draws the tiles for ST_AsMVT; prints
-- NAME: median_ms=… p99_ms=… rps=… n=… — for a server whose tile caches are off (every request
-- builds its tile), so many requests give a steady median instead of one sample per tile.
-- usage: RANDOM_TILES_NAME=NAME wrk -t1 -c1 -d8s -s bench/lib/random-tiles.lua http://127.0.0.1:PORT -- urls.txt
local name, paths = os.getenv("RANDOM_TILES_NAME") or "random-tiles", {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(20261202)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("%s: median_ms=%.2f p99_ms=%.2f rps=%.0f n=%d non2xx=%d\n", name,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / seconds, summary.requests,
    summary.errors.status))
end
