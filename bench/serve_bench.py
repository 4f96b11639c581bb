"""jobsift serve under load, beside `jobsift merge --city` in the same run (bench/serve_bench.sh runs it).

For each size: generated postings (jobsift gen, seed 1) reported once with --state; then
  - load: `jobsift serve STATE --port 0` started, seconds until it prints its address, and its
    resident memory then (VmRSS) and at its peak (VmHWM);
  - cold (serve --no-warm): single filters (the top cities and industries, every degree, size,
    experience and tier, the top provinces, each half-year, a quarter range, the core
    definition), each requested once, one at a time: what computing a view costs;
  - warm (serve as it starts by default): seconds until the view of every single filter is
    computed in the background (/api/health), memory then; then a fixed number of requests over
    every single filter /api/meta lists, CONCURRENCY at a time, stopping by itself: p50 and p99
    (the goal: p99 under 100 ms on the 10M run);
  - reference: `jobsift merge STATE --city <the top city> -o DIR`, the same city's tables by the
    CLI, reading the state again.
Latencies are wall milliseconds from request to the last byte of the answer (loopback).
"""
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "bin", "jobsift")
CONCURRENCY = int(os.environ.get("CONCURRENCY", "8"))
REQUESTS = int(os.environ.get("REQUESTS", "2000"))


def state_for(rows, base):
    state = os.path.join(base, f"serve_{rows}.state")
    if os.path.exists(state):
        return state
    data = os.path.join(base, f"gen_{rows}.csv")
    parts = os.path.join(base, f"dask_{rows}_8")  # the Dask benchmark's parts of the same postings, if made
    if os.path.isdir(parts) and not os.path.exists(data):
        data = parts
    elif not os.path.exists(data):
        subprocess.run([BIN, "gen", "-q", "--rows", str(rows), "--seed", "1", "-o", data], check=True)
    out = os.path.join(base, f"serve_{rows}_report")
    r = subprocess.run([BIN, "report", "-q", data, "-o", out, "--state", state])
    if r.returncode not in (0, 1):
        raise SystemExit("report failed")
    return state


def proc_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def get(port, target):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    t = time.perf_counter()
    conn.request("GET", target)
    r = conn.getresponse()
    body = r.read()
    ms = (time.perf_counter() - t) * 1000
    conn.close()
    return r.status, body, ms


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def views_of(meta):
    d = meta["dimensions"]
    views = [("city", c) for c in d["city"][:10]]
    views += [("industry", i) for i in d["industry"][:10]]
    views += [(k, v) for k in ("degree", "size", "experience", "tier") for v in d[k]]
    views += [("province", p) for p in d["province"][:5]]
    views += [("half", h) for h in d["half"]]
    q = d["quarter"]
    views += [("from", q[len(q) // 2])]
    views += [("definition", "core")]
    return [f"/api/tables?{k}={urllib.parse.quote(v)}" for k, v in views]


def start(state, *flags):
    t = time.perf_counter()
    server = subprocess.Popen([BIN, "serve", "-q", state, "--port", "0", *flags], stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline()
    port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
    return server, port, time.perf_counter() - t, line.strip()


def stop(server):
    server.send_signal(signal.SIGTERM)
    return server.wait(timeout=60)


def every_single_filter(meta):
    d = meta["dimensions"]
    targets = ["/api/tables"]
    for k in ("half", "city", "province", "tier", "industry", "degree", "size", "experience"):
        targets += [f"/api/tables?{k}={urllib.parse.quote(v)}" for v in d[k]]
    targets += [f"/api/tables?from={q}&to={q}" for q in d["quarter"]]
    targets += [f"/api/tables?definition={x['name']}" for x in meta["definitions"]
                if x["available"] and x["name"] != meta["definition"]]
    return targets


def load_test(port, targets):
    latencies, failures, lock = [], [], threading.Lock()
    todo = iter(range(REQUESTS))

    def client():
        conn = None
        for i in todo:
            target = targets[(i * 7919) % len(targets)]
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                conn.request("GET", target)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except OSError:
                conn, ok = None, False
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                (latencies if ok else failures).append(ms)

    t = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return (f"p50 {pct(latencies, 50):.1f} ms, p99 {pct(latencies, 99):.1f} ms, max {max(latencies):.1f} ms, "
            f"{len(latencies) / wall:.0f} requests/s, {len(failures)} failed")


def bench(rows, base):
    state = state_for(rows, base)
    print(f"## {rows:,} postings (state {os.path.getsize(state) / 1e6:.0f} MB)")
    # Cold: what computing a view costs.
    server, port, load_s, line = start(state, "--no-warm")
    try:
        print(f"load: {load_s:.2f} s to serving; memory {proc_kib(server.pid, 'VmRSS') / 1024:.0f} MiB resident, "
              f"peak {proc_kib(server.pid, 'VmHWM') / 1024:.0f} MiB  ({line})")
        meta = json.loads(get(port, "/api/meta")[1])
        cold = []
        for target in views_of(meta):
            status, body, ms = get(port, target)
            if status != 200:
                raise SystemExit(f"{target}: {status} {body[:200]}")
            cold.append((ms, target))
        _, _, full_ms = get(port, "/api/tables")
        cold_ms = [ms for ms, _ in cold]
        slowest = max(cold)
        print(f"cold (--no-warm; each view computed once, one at a time): {len(cold)} single-filter views, "
              f"p50 {pct(cold_ms, 50):.0f} ms, p99 {pct(cold_ms, 99):.0f} ms, max {slowest[0]:.0f} ms "
              f"({urllib.parse.unquote(slowest[1])}); the unfiltered view {full_ms:.0f} ms")
        city = meta["dimensions"]["city"][0]
        city_ms = next(ms for ms, tg in cold if tg == f"/api/tables?city={urllib.parse.quote(city)}")
    finally:
        print(f"SIGTERM: exit {stop(server)}")
    # Warm: every single filter computed in the background, then kept.
    server, port, load_s, line = start(state)
    try:
        t = time.perf_counter()
        while True:
            health = json.loads(get(port, "/api/health")[1])
            if health["views_to_warm"] and health["views_ready"] >= health["views_to_warm"]:
                break
            time.sleep(0.5)
        warm_s = time.perf_counter() - t
        meta = json.loads(get(port, "/api/meta")[1])
        targets = every_single_filter(meta)
        print(f"warm-up: {health['views_ready']} views (every single filter) ready {warm_s:.1f} s after serving began; "
              f"memory {proc_kib(server.pid, 'VmRSS') / 1024:.0f} MiB resident")
        print(f"load test ({REQUESTS} requests, {CONCURRENCY} at a time, over all {len(targets)} single-filter views): "
              + load_test(port, targets))
        print(f"memory after: {proc_kib(server.pid, 'VmRSS') / 1024:.0f} MiB resident")
    finally:
        print(f"SIGTERM: exit {stop(server)}")
    # The reference: the top city's tables by the CLI from the same state.
    with tempfile.TemporaryDirectory(dir=base) as out:
        t = time.perf_counter()
        r = subprocess.run([BIN, "merge", "-q", state, "--city", city, "-o", out])
        merge_s = time.perf_counter() - t
    print(f"reference: jobsift merge --city {city}: {merge_s * 1000:.0f} ms (exit {r.returncode}); the same view "
          f"computed by serve {city_ms:.0f} ms ({merge_s * 1000 / city_ms:.1f}x faster), then kept")
    print()


def main():
    base = os.environ.get("BENCH_DIR", "/tmp/jobsift-bench")
    os.makedirs(base, exist_ok=True)
    sizes = [int(a) for a in sys.argv[1:]] or [1000000]
    print(f"# jobsift serve, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; "
          f"CONCURRENCY={CONCURRENCY} REQUESTS={REQUESTS}")
    for rows in sizes:
        bench(rows, base)


if __name__ == "__main__":
    main()
