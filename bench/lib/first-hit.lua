-- wrk script: every path of a list once, in order, on one connection, then stop; prints
-- NAME: median_ms=… p99_ms=… n=… — the same line as first-hit.py, from a client written in C
-- (Python's http.client adds ~0.2–0.3 ms to every request, more than some tiles cost).
-- usage: FIRST_HIT_NAME=NAME wrk -t1 -c1 -d30s -s bench/lib/first-hit.lua http://127.0.0.1:PORT -- urls.txt
-- (the name comes from the environment: wrk's done() runs in another Lua state than init();
-- wrk waits out -d after the thread has stopped)
local name, paths, i, got = os.getenv("FIRST_HIT_NAME") or "first-hit", {}, 0, 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
end

function request()
  i = i + 1
  -- past the end (wrk may ask once more before it stops): repeat the last path, not counted
  return wrk.format("GET", paths[math.min(i, #paths)])
end

function response(status, headers, body)
  got = got + 1
  if got >= #paths then wrk.thread:stop() end
end

function done(summary, latency, requests)
  io.write(string.format("%s: median_ms=%.2f p99_ms=%.2f rps=- n=%d\n", name,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests))
end
