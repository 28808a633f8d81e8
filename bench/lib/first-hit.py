#!/usr/bin/env python3
"""Time every path of a URL list once, in order, on one keep-alive connection, and print
NAME: median_ms=… p99_ms=… n=… bytes=… — the line format of ../shared/bench.

On a freshly started server each path is then an uncached request (its first hit).
usage: first-hit.py NAME http://127.0.0.1:PORT urls.txt [repeat]
"""
import http.client
import statistics
import sys
import time
from urllib.parse import urlparse


def main():
    name, base, path_file = sys.argv[1], sys.argv[2], sys.argv[3]
    repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    u = urlparse(base)
    if u.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("loopback only")
    paths = [l.strip() for l in open(path_file, encoding="utf-8") if l.strip()]
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    times, size, bad = [], 0, 0
    by_zoom = {}
    for _ in range(repeat):
        for p in paths:
            t0 = time.perf_counter()
            conn.request("GET", p)
            r = conn.getresponse()
            body = r.read()
            ms = (time.perf_counter() - t0) * 1000
            times.append(ms)
            parts = p.split("?")[0].split("/")
            if p.endswith(".mvt") and len(parts) >= 4 and parts[-3].isdigit():
                by_zoom.setdefault(int(parts[-3]), []).append(ms)
            size += len(body)
            if r.status not in (200, 204):
                bad += 1
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"{name}: median_ms={statistics.median(times):.2f} p99_ms={p99:.2f} rps=- "
          f"n={len(times)} non2xx={bad} avg_bytes={size // max(1, len(times))}"
          + "".join(f" z{z}={statistics.median(v):.2f}" for z, v in sorted(by_zoom.items())))


if __name__ == "__main__":
    main()
