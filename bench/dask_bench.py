"""jobsift.dask.report beside the CLI, in the same run (bench/dask_bench.sh runs it).

For each size: generated postings (jobsift gen --format jsonl, seed 1) split into PARTS files in one
folder. Each Dask run is jobsift.dask.report(FOLDER) and Report.write(OUT): the same files as the
reference, `jobsift report --threads 2 -o OUT FOLDER` (one process, 2 threads).

For 1 and then 2 single-threaded worker processes, on a LocalCluster started before the clock:
  - the first report on the fresh cluster (its workers load the lexicons and the model then),
  - then RUNS pairs, each the CLI and then a Dask run, back to back. This machine's speed drifts
    by a third from minute to minute (a shared host), so each Dask run is set against the CLI run
    beside it: "x CLI" is the median of those ratios, "wall s" the median wall.
Also peak RSS of each worker (and of the CLI), the bytes the workers received from each other in the
last run (distributed's transfer log) and what jobsift moved (keys, partial reports, the final sum).
The tables are checked identical to the CLI's.
With SLOW_WORKER=1, also the pairs beside a busy loop on the second core, where the second worker is
pinned: how the parts' handout copes with a worker that gets half a core.
Then a projection to 100M and 1B postings on 10 and 100 workers from the measured figures.
"""
import os
import resource
import statistics
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
    """The bytes each worker fetched from the others since the last call."""
    def incoming(dask_worker):
        n = sum(t.get("total", 0) for t in dask_worker.transfer_incoming_log)
        dask_worker.transfer_incoming_log.clear()
        return n
    return sum(client.run(incoming).values())


def pin_to(cpu):
    """Pins every thread of this process (a worker's) to one core."""
    for tid in os.listdir("/proc/self/task"):
        os.sched_setaffinity(int(tid), {cpu})


def dask_once(folder, client, out):
    """One report and its files, as the CLI writes them: (wall seconds, Report)."""
    t = time.perf_counter()
    rep = jobsift.dask.report(folder, client=client)
    rep.write(out)
    return time.perf_counter() - t, rep


def paired(folder, workers, runs, tmp, pinned=False):
    """The first report on a fresh cluster of `workers`, then `runs` pairs of (CLI, Dask) back to back."""
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            Client(cl) as client:
        if pinned:  # worker i on core i
            for i, w in enumerate(sorted(client.scheduler_info()["workers"])):
                client.run(pin_to, i, workers=[w])
        first, rep = dask_once(folder, client, os.path.join(tmp, f"dask{workers}"))
        pairs = []
        for i in range(runs):
            cli = cli_run(folder, os.path.join(tmp, f"cli{workers}-{i}"))
            received(client)
            wall, rep = dask_once(folder, client, os.path.join(tmp, f"dask{workers}-{i}"))
            pairs.append((cli, wall))
        moved = received(client)
        peak = max(worker_peaks(client).values())
    return {"first": first, "pairs": pairs, "rep": rep, "peak": peak, "moved": moved,
            "out": os.path.join(tmp, f"dask{workers}-{runs - 1}")}


def medians(pairs):
    """(median CLI wall, median Dask wall, median of the pairs' ratios)."""
    return (statistics.median(c[0] for c, _w in pairs), statistics.median(w for _c, w in pairs),
            statistics.median(w / c[0] for c, w in pairs))


def same_tables(out, cli_tables):
    with open(os.path.join(out, "tables.json"), encoding="utf-8") as f:
        return f.read() == cli_tables


def main():
    sizes = [int(s) for s in (sys.argv[1:] or ["1000000"])]
    runs = int(os.environ.get("RUNS", "3"))
    # Parts are what jobsift.dask hands out to workers as they come free: more parts, evener loads.
    parts = int(os.environ.get("PARTS", "32"))
    base = os.environ.get("BENCH_DIR", "/tmp/jobsift-bench")
    os.makedirs(base, exist_ok=True)
    warnings.simplefilter("ignore")
    measured = {}
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores; {parts} parts a run; medians of {runs} "
          f"(CLI, Dask) pairs; Dask = jobsift.dask.report + Report.write")
    print(f"{'run':<40} {'wall s':>8} {'CLI s':>6} {'x CLI':>6} {'first':>6} {'peak MB':>8} {'moved MB':>9} "
          f"{'keys MB':>8} {'partials MB':>11} {'final MB':>8}")
    for rows in sizes:
        folder = make_parts(rows, parts, base)
        with tempfile.TemporaryDirectory() as tmp:
            cli_run(folder, os.path.join(tmp, "cli"))
            with open(os.path.join(tmp, "cli", "tables.json"), encoding="utf-8") as f:
                cli_tables = f.read()
            clis = []
            for workers in (1, 2):
                got = paired(folder, workers, runs, tmp)
                clis += [c for c, _w in got["pairs"]]
                cli_wall, wall, ratio = medians(got["pairs"])
                same = same_tables(got["out"], cli_tables) and same_tables(os.path.join(tmp, f"dask{workers}"),
                                                                           cli_tables)
                s = got["rep"].dask
                print(f"{'dask, ' + str(workers) + ' worker' + ('s' if workers > 1 else '') + ', ' + format(rows, ','):<40} "
                      f"{wall:8.2f} {cli_wall:6.2f} {ratio:6.2f} {got['first'] / cli_wall:6.2f} {got['peak']:8d} "
                      f"{got['moved'] / 1e6:9.1f} {s['key_bytes'] / 1e6:8.1f} "
                      f"{s['partial_bytes'] / 1e6:11.1f} {s['final_partial_bytes'] / 1e6:8.2f}"
                      + ("" if same else "   TABLES DIFFER"))
                measured[(rows, workers)] = (wall, s)
            print(f"{'CLI report --threads 2, ' + format(rows, ','):<40} {statistics.median(c for c, _m in clis):8.2f} "
                  f"{'':>6} {1:6.2f} {'':>6} {max(m for _c, m in clis):8d}")
            if os.environ.get("SLOW_WORKER") == "1" and (os.cpu_count() or 1) >= 2:
                slow_worker(folder, rows, runs, tmp)
    print("wall s, CLI s, x CLI: medians of the pairs (the CLI's own row: of all its runs); first: the first report "
          "on a fresh cluster against the median CLI")
    project(measured)


def slow_worker(folder, rows, runs, tmp):
    """A busy loop on the second core, where the second worker is pinned (the first on the first core):
    that worker gets about half a core. The CLI runs beside the same busy loop. Parts handed out as
    workers come free give the slow worker fewer postings."""
    hog = subprocess.Popen([sys.executable, "-c", "import os; os.sched_setaffinity(0, {1})\nwhile True: pass"])
    try:
        got = paired(folder, 2, runs, tmp, pinned=True)
    finally:
        hog.kill()
    cli_wall, wall, ratio = medians(got["pairs"])
    by = [n for _w, n in sorted(got["rep"].dask["postings_by_worker"].items())]
    print(f"{'dask, 2 workers, the 2nd on core 2':<40} {wall:8.2f} {cli_wall:6.2f} {ratio:6.2f} {got['first'] / cli_wall:6.2f} "
          f"{got['peak']:8d}   postings read by worker: {', '.join(format(n, ',') for n in by)}; "
          f"{got['rep'].dask['runs']} runs")


def project(measured):
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
