-- wrk script: paths drawn at random (fixed seed) from a list for the whole run, as pgbench's
-- `\set id random(lo, hi)` draws the tiles for ST_AsMVT; prints
-- NAME: median_ms=… p99_ms=… rps=… n=… handler_median_ms=… encode_median_ms=…
-- for a server whose tile caches are off (every request builds its tile), so many requests give a
-- steady median instead of one sample per tile. The handler and encode medians come from the
-- answers' Server-Timing: the time inside the server's tile handler, apart from HTTP and the client.
-- usage: RANDOM_TILES_NAME=NAME wrk -t1 -c1 -d8s -s bench/lib/random-tiles.lua http://127.0.0.1:PORT -- urls.txt
local name, paths, threads = os.getenv("RANDOM_TILES_NAME") or "random-tiles", {}, {}
-- globals: the main state reads them from each thread (thread:get) in done()
handler, encode = {}, {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(20261202)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  local timing = headers["Server-Timing"]
  if timing then
    handler[#handler + 1] = tonumber(timing:match("handler;dur=([%d.]+)"))
    encode[#encode + 1] = tonumber(timing:match("encode;dur=([%d.]+)"))
  end
end

local function median(values)
  if #values == 0 then return 0 end
  table.sort(values)
  return values[math.floor((#values + 1) / 2)]
end

function done(summary, latency, requests)
  local h, e = {}, {}
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("handler") or {}) do h[#h + 1] = v end
    for _, v in ipairs(t:get("encode") or {}) do e[#e + 1] = v end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("%s: median_ms=%.2f p99_ms=%.2f rps=%.0f n=%d non2xx=%d handler_median_ms=%.2f encode_median_ms=%.2f\n",
    name, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / seconds, summary.requests,
    summary.errors.status, median(h), median(e)))
end
