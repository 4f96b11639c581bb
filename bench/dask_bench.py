"""jobsift.dask.report beside the CLI, in the same run (bench/dask_bench.sh runs it).

For each size: generated postings (jobsift gen --format jsonl, seed 1) split into PARTS files in one
folder; then, best of RUNS each:
  - `jobsift report --threads 2 FOLDER` (the reference: one process, 2 threads),
  - jobsift.dask.report(FOLDER) on a LocalCluster of 1 and of 2 single-threaded worker processes,
with wall seconds, the ratio to the CLI, peak RSS of each worker (and of the CLI), the bytes the
workers received from each other (distributed's transfer log) and what jobsift moved (keys, partial
reports, the final sum). The tables are checked identical to the CLI's.
With SLOW_WORKER=1, also both beside a busy loop on the second core, where the second worker is
pinned: how the parts' handout copes with a worker that gets half a core.
Then a projection to 100M and 1B postings on 10 and 100 workers from the measured figures.
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import jobsift  # noqa: E402
import jobsift.dask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

BIN = os.path.join(ROOT, "build", "bin", "jobsift")


def make_parts(rows, parts, base):
    folder = os.path.join(base, f"dask_{rows}_{parts}")
    if os.path.isdir(folder) and len(os.listdir(folder)) == parts:
        return folder
    os.makedirs(folder, exist_ok=True)
    whole = os.path.join(base, f"gen_{rows}.jsonl")
    if not os.path.exists(whole):
        subprocess.run([BIN, "gen", "-q", "--rows", str(rows), "--seed", "1", "-o", whole], check=True)
    subprocess.run(["split", "-n", f"l/{parts}", "-d", "-a", "3", "--additional-suffix=.jsonl", whole,
                    os.path.join(folder, "part")], check=True)
    return folder


def cli_run(folder, out):
    t = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", BIN, "report", "-q", "--threads", "2", "-o", out, folder],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t
    if r.returncode not in (0, 1):
        raise SystemExit(r.stderr)
    return wall, int(r.stderr.strip().splitlines()[-1]) // 1024


def worker_peaks(client):
    return client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


def received(client):
    def incoming(dask_worker):
        return sum(t.get("total", 0) for t in dask_worker.transfer_incoming_log)
    return sum(client.run(incoming).values())


def pin_to(cpu):
    """Pins every thread of this process (a worker's) to one core."""
    for tid in os.listdir("/proc/self/task"):
        os.sched_setaffinity(int(tid), {cpu})


def dask_run(folder, workers, runs, pinned=False):
    best = None
    for _ in range(runs):
        # A fresh cluster each run: peak memory and transfers are the run's own.
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
                Client(cl) as client:
            if pinned:  # worker i on core i
                for i, w in enumerate(sorted(client.scheduler_info()["workers"])):
                    client.run(pin_to, i, workers=[w])
            t = time.perf_counter()
            rep = jobsift.dask.report(folder, client=client)
            wall = time.perf_counter() - t
            peaks = worker_peaks(client)
            moved = received(client)
        if best is None or wall < best[0]:
            best = (wall, rep, max(peaks.values()), moved)
    return best


def main():
    sizes = [int(s) for s in (sys.argv[1:] or ["1000000"])]
    runs = int(os.environ.get("RUNS", "1"))
    # Parts are what jobsift.dask hands out to workers as they come free: more parts, evener loads.
    parts = int(os.environ.get("PARTS", "32"))
    base = os.environ.get("BENCH_DIR", "/tmp/jobsift-bench")
    os.makedirs(base, exist_ok=True)
    warnings.simplefilter("ignore")
    measured = {}
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; {parts} parts a run; best of {runs}")
    print(f"{'run':<40} {'wall s':>8} {'x CLI':>6} {'peak MB':>8} {'moved MB':>9} {'keys MB':>8} "
          f"{'partials MB':>11} {'final MB':>8}")
    for rows in sizes:
        folder = make_parts(rows, parts, base)
        with tempfile.TemporaryDirectory() as tmp:
            cli = min((cli_run(folder, os.path.join(tmp, f"cli{i}")) for i in range(runs)), key=lambda x: x[0])
            with open(os.path.join(tmp, "cli0", "tables.json"), encoding="utf-8") as f:
                cli_tables = f.read()
            print(f"{'CLI report --threads 2, ' + format(rows, ','):<40} {cli[0]:8.2f} {1:6.2f} {cli[1]:8d}")
            for workers in (1, 2):
                wall, rep, peak, moved = dask_run(folder, workers, runs)
                rep.write(os.path.join(tmp, f"dask{workers}"))
                with open(os.path.join(tmp, f"dask{workers}", "tables.json"), encoding="utf-8") as f:
                    same = f.read() == cli_tables
                s = rep.dask
                print(f"{'dask, ' + str(workers) + ' worker' + ('s' if workers > 1 else '') + ', ' + format(rows, ','):<40} "
                      f"{wall:8.2f} {wall / cli[0]:6.2f} {peak:8d} {moved / 1e6:9.1f} {s['key_bytes'] / 1e6:8.1f} "
                      f"{s['partial_bytes'] / 1e6:11.1f} {s['final_partial_bytes'] / 1e6:8.2f}"
                      + ("" if same else "   TABLES DIFFER"))
                measured[(rows, workers)] = (wall, rep.dask)
            if os.environ.get("SLOW_WORKER") == "1" and (os.cpu_count() or 1) >= 2:
                slow_worker(folder, rows, runs, tmp)
    project(measured, parts)


def slow_worker(folder, rows, runs, tmp):
    """A busy loop on the second core, where the second worker is pinned (the first on the first core):
    that worker gets about half a core. The CLI runs beside the same busy loop. Parts handed out as
    workers come free give the slow worker fewer postings."""
    hog = subprocess.Popen([sys.executable, "-c", "import os; os.sched_setaffinity(0, {1})\nwhile True: pass"])
    try:
        cli = min((cli_run(folder, os.path.join(tmp, f"hog{i}")) for i in range(runs)), key=lambda x: x[0])
        print(f"{'CLI, a busy loop on core 2, ' + format(rows, ','):<40} {cli[0]:8.2f} {1:6.2f} {cli[1]:8d}")
        wall, rep, peak, _moved = dask_run(folder, 2, runs, pinned=True)
        by = [n for _w, n in sorted(rep.dask["postings_by_worker"].items())]
        print(f"{'dask, 2 workers, the 2nd on core 2':<40} {wall:8.2f} {wall / cli[0]:6.2f} {peak:8d}   "
              f"postings read by worker: {', '.join(format(n, ',') for n in by)}; {rep.dask['runs']} runs")
    finally:
        hog.kill()


def project(measured, parts):
    """What each step holds and moves for 100M and 1B postings on 10 and 100 workers."""
    (rows, _), (wall, s) = max(measured.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    key_per_posting = s["key_bytes"] / s["postings_read"]
    state_per_posting = s["state_bytes"] / s["postings_read"]
    final = s["final_partial_bytes"]
    worker_seconds = wall * s["workers"] / rows  # worker-seconds a posting, all steps
    print(f"\nprojection from {rows:,} postings: keys {key_per_posting:.0f} B a posting, states "
          f"{state_per_posting:.0f} B a posting (on the workers' disks), the final sum {final / 1e6:.2f} MB; "
          f"buckets = workers; {worker_seconds * 1e6:.1f} worker-s a million postings")
    print(f"{'postings':>14} {'workers':>8} {'keys moved GB':>14} {'bucket task GB':>15} {'states/worker GB':>17} "
          f"{'partials in GB':>15} {'hours':>6}")
    # A bucket task holds its keys as they came and DecideDuplicates' 16 bytes a key (the
    # keys spread over partitions; one partition's table at a time is small beside them).
    bucket_per_key = key_per_posting + 16
    for n in (100_000_000, 1_000_000_000):
        for w in (10, 100):
            print(f"{n:>14,} {w:>8} {n * key_per_posting / 1e9:14.1f} {n * bucket_per_key / w / 1e9:15.2f} "
                  f"{n * state_per_posting / w / 1e9:17.1f} {w * final / 1e9:15.2f} {n * worker_seconds / w / 3600:6.2f}")


if __name__ == "__main__":
    main()
