"""jobsift.dask: one report over a Dask distributed cluster, the same as one run over every input.

    from distributed import Client, LocalCluster
    import jobsift.dask
    with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:
        rep = jobsift.dask.report(["/data/2023/", "/data/2024/"], client=client)
    rep.tables["F2"]   # identical to jobsift.report and to `jobsift report` on the same input

How (docs/distributed.md, include/jobsift/partial.h):

1. Each input file is a part; small consecutive parts are bundled (up to a (workers x 16)-th of
   the bytes a bundle). The bundles are handed out one at a time as workers finish, so
   a slower worker reads fewer: each worker starts with a range of consecutive parts (of about equal
   bytes) and one that runs out takes the back half of the largest range left (_Handout). A
   worker's consecutive parts are read into one run (the lexicons and model loaded once a process,
   a _jobsift.PartReader): their postings are counted into one partial report (kept in the worker's
   memory, a _jobsift.Partial), their contributions go to one state file on that worker's disk,
   and their deduplication keys (fingerprint of company, title, city and description; half-year)
   come back split into buckets by fingerprint.
2. A task per bucket gathers the bucket's keys of every run, so all copies of a posting meet
   there, keeps the first by position (run, record) and names the others duplicates.
3. Each worker takes its runs' duplicates back out of their counts (reading only those records
   from the states) and sums each stretch of its runs that follow one another in input order into
   one partial report (a cube: bounded by cities, industries, terms ..., not by postings), sent to
   the client as bytes.
4. The client sums those partial reports in input order and makes the Report.

Once the last part is handed out, the rest of the graph is submitted at once: the scheduler starts
each step as its inputs are ready, with no round trip to the client in between.

Only keys (10 bytes a posting) and partial reports cross the network; states stay on the workers.
What steps 2 and 3 take from a run's result is taken on the run's worker, so the result never moves.
While a worker has runs open, glibc keeps the blocks it frees (_hold): the setting Dask's nanny starts
workers with makes every large block a fresh mapping, whose pages fault anew.
"""
import collections
import os
import shutil
import tempfile
import threading
import time
import uuid

import numpy as np

import jobsift
from jobsift import _call, _ext, _options, _say

__all__ = ["report"]


# ---------------------------------------------------------------------------
# Tasks (run on the workers)

# This process's open runs (run id -> _OpenRun) and its idle PartReaders (by options), kept between
# tasks: a run's parts come one task at a time, each after the one before.
_lock = threading.Lock()
_open = {}
_idle = {}
# The runs opened here and not yet counted or dropped: while there are any, glibc keeps the blocks it
# frees (_ext.relax_malloc: under the settings Dask starts workers with, a run's page faults were 37%
# more, its finish 1.4 times and its count 3.5 times as slow).
_held = set()


def _hold(run_id):
    with _lock:
        if not _held:
            _ext.relax_malloc(True)
        _held.add(run_id)


def _let_go(run_ids):
    """The runs counted or dropped; when none is left, the worker's malloc settings are Dask's again."""
    with _lock:
        if _held.isdisjoint(run_ids):
            return
        _held.difference_update(run_ids)
        if not _held:
            _ext.relax_malloc(False)


class _OpenRun:
    def __init__(self, key, reader, folder):
        self.key, self.reader, self.folder = key, reader, folder
        self.state = os.path.join(folder, "read.state")


def _read_into(run_id, first, paths, named, options, scratch, _after=None):
    """Step 1, one bundle of consecutive parts: read into the run `run_id` on this worker, opened by
    its first bundle (`first`). `_after` is the run's previous task: a run's parts are read in order."""
    try:
        if first:
            key = repr(sorted(options.items()))
            with _lock:
                idle = _idle.get(key, [])
                reader = idle.pop() if idle else None
            if reader is None:  # the lexicons, the model and the field tables: loaded once a process
                reader = _call(_ext.PartReader, options)
            folder = tempfile.mkdtemp(prefix=f"jobsift-run{run_id}-", dir=scratch)
            run = _OpenRun(key, reader, folder)
            with _lock:
                _open[run_id] = run
            _hold(run_id)
            _call(reader.begin, run.state)
        else:
            with _lock:
                run = _open[run_id]
        _call(run.reader.read, paths, not named)
    except BaseException:
        _drop(run_id)  # a failed run leaves nothing behind
        raise


def _finish_run(run_id, buckets, _after=None):
    """Step 1's end for a run: its counts (a _jobsift.Partial, kept here), its state (on this worker's
    disk) and its postings' keys by bucket."""
    from distributed import get_worker
    with _lock:
        run = _open.pop(run_id)
    try:
        pieces, offsets, counts = _call(run.reader.finish, buckets)
    except BaseException:
        _forget([(run_id, run.folder)])
        raise
    with _lock:  # idle readers are kept for the latest options only
        for key in [k for k in _idle if k != run.key]:
            del _idle[key]
        _idle.setdefault(run.key, []).append(run.reader)
    try:
        worker = get_worker().address
    except ValueError:  # run outside a worker (the client's own process)
        worker = None
    # A bucket's records stay here (step 3 maps the bucket's answer back to them); its
    # fingerprints and half-years travel.
    key_bytes = sum(f.nbytes + h.nbytes for _r, f, h in pieces)
    return {"run": run_id, "state": run.state, "folder": run.folder, "worker": worker, "records": len(offsets),
            "state_bytes": os.path.getsize(run.state), "key_bytes": key_bytes,
            "records_by_bucket": [r for r, _f, _h in pieces], "pieces": [(f, h) for _r, f, h in pieces],
            "offsets": offsets, "counts": counts}


def _drop(run_id):
    """A run's read given up: its state deleted, its reader dropped (its open run is unfinished)."""
    with _lock:
        run = _open.pop(run_id, None)
    if run is not None:
        _forget([(run_id, run.folder)])


def _meta(part):
    return {k: part[k] for k in ("worker", "records", "key_bytes", "state_bytes")}


def _piece(part, bucket):
    return part["pieces"][bucket]


def _decide(parts_pieces):
    """Step 2: in one bucket, every key's first posting by (run, position) is kept; the rest are duplicates.

    parts_pieces[i] holds run i's (fingerprints, halves) in the bucket, in its order; runs are in
    input order. Returns, per read, the positions in its piece that repeat an earlier posting
    (ascending): DecideDuplicates of include/jobsift/partial.h."""
    return _call(_ext.decide, parts_pieces)


def _count_parts(indexes, reads, decided):
    """Step 3, on the worker that made them: its reads' counts (taken over: they are changed in
    place), each read's duplicates (gathered from every bucket) taken back out and counted as
    removed, summed in input order; as bytes."""
    try:
        dups = []
        for index, read in zip(indexes, reads):
            mine = [records[d[index]] for records, d in zip(read["records_by_bucket"], decided)]
            dups.append(np.sort(np.concatenate(mine)).astype(np.uint64) if mine else np.empty(0, np.uint64))
        return _call(_ext.count_parts, [r["counts"] for r in reads], [r["state"] for r in reads],
                     [r["offsets"] for r in reads], dups)
    finally:
        # Deleted behind the answer: unlinking a state (~100 bytes a posting) took 0.9 s at 5M
        # postings, which the client's final sum need not wait for. Not a daemon thread, so the
        # worker finishes it before it exits.
        runs = [(read["run"], read["folder"]) for read in reads]
        threading.Thread(target=_forget, args=(runs,), name="jobsift-remove-states").start()


def _forget(runs):
    """Runs at their end (counted, failed or given up), as (run id, folder): their states deleted and
    their hold on this worker's memory let go."""
    for _run_id, folder in runs:
        shutil.rmtree(folder, ignore_errors=True)
    _let_go([run_id for run_id, _folder in runs])


def _discard(read):
    _forget([(read["run"], read["folder"])])


def _discard_run(run_id, _after=None):
    _drop(run_id)


# ---------------------------------------------------------------------------
# The run

class _Stats(dict):
    """What a distributed run moved: jobsift.dask.report returns it as Report.dask."""


def report(paths, client=None, *, buckets=None, threads=1, definition=None, scratch=None, **options):
    """The report of `paths` computed on a Dask cluster: the same tables as jobsift.report(paths, ...).

    paths: a path or a list of files and folders (folders are read recursively, sorted, as the
        jobsift command reads them); each file is a part, handed to a worker as it comes free. The
        more parts, the better the workers' loads even out (a part is the unit handed out).
    client: a distributed.Client; None uses the current one, else starts a LocalCluster of one
        single-threaded worker process per core for this call.
    buckets: how many tasks decide duplicates (default: the number of workers).
    threads: threads each part's read uses on its worker (default 1: one task per worker thread).
    scratch: the folder on each worker for the parts' state files (default: its temporary folder).
    Other options: as jobsift.report (definition, half, min_n, city, industry, dedup, config ...).

    The Report has .dask: parts, runs (a worker's consecutive parts, read as one), buckets, workers,
    postings read (and by worker), the bytes of keys and of partial
    reports moved, of the states left on the workers' disks and of the final sum, and the seconds
    of each step.
    """
    import distributed

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if not paths:
        raise jobsift.InvalidArgumentError("no inputs given")
    opts = _options(threads=threads, definition=definition, **options)
    if "inputs" in opts:
        raise TypeError("give the inputs as paths")
    parts = _call(_ext.list_parts, paths)
    if not parts:
        raise jobsift.DataError("no data files in " + ", ".join(paths))
    own = None
    if client is None:
        try:
            client = distributed.get_client()
        except ValueError:
            own = distributed.Client(distributed.LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                              processes=True, dashboard_address=None))
            client = own
    try:
        return _run(client, parts, opts, buckets, scratch)
    finally:
        if own is not None:
            cluster = own.cluster
            own.close()
            cluster.close()


def _run(client, parts, opts, buckets, scratch):
    import distributed
    info = client.scheduler_info().get("workers", {})
    if not info:
        client.wait_for_workers(1)
        info = client.scheduler_info().get("workers", {})
    workers = sorted(info)
    buckets = max(1, int(buckets or len(workers)))
    read_opts = {k: v for k, v in opts.items() if k not in ("half", "min_n", "top_cities", "top_industries")}
    pin = {"allow_other_workers": False}
    token = uuid.uuid4().hex[:12]  # run ids are the process's, and other reports may share the workers
    clock = [time.perf_counter()]
    # 1. The parts, in bundles of small consecutive ones (_bundles), are handed out as the workers
    # finish (_Handout): each reads the next of its own consecutive bundles, and one that has run
    # out takes the back half of the largest range left.
    # A worker's consecutive parts are read into one run (one read's counts and state), so a
    # worker sums its parts itself and the client sums a few runs, not every part.
    bundles = _bundles(parts, len(workers))
    handout = _Handout([sum(parts[i][2] for i in b) for b in bundles], len(workers))
    # A bundle more than a worker's threads in flight, so that none waits for this loop.
    ahead = [max(1, int(info[w].get("nthreads", 1))) + 1 for w in workers]
    runs = []  # in the order opened: {"id", "worker", "bundles", "last": its last read, "done": its finish}
    current = [None] * len(workers)  # the run each worker reads into

    def close(r):
        run = runs[r]
        run["done"] = client.submit(_finish_run, run["id"], buckets, _after=run["last"], pure=False,
                                    workers=[workers[run["worker"]]], **pin)
        return run["done"]

    def hand(w):
        i = handout.next(w)
        if i is None:
            return None
        named = parts[bundles[i][0]][1]
        r = current[w]
        first = r is None or runs[r]["bundles"][-1] != i - 1 or parts[bundles[i - 1][0]][1] != named
        if first:
            # The worker's run before ends first, so that its reader serves the new one.
            before = close(r) if r is not None else None
            runs.append({"id": f"{token}-{len(runs)}", "worker": w, "bundles": [], "last": before, "done": None})
            r = current[w] = len(runs) - 1
        run = runs[r]
        run["bundles"].append(i)
        run["last"] = client.submit(_read_into, run["id"], first, [parts[k][0] for k in bundles[i]], named,
                                    read_opts, scratch,
                                    _after=run["last"], pure=False, workers=[workers[w]], **pin)
        return run["last"]

    try:
        running = distributed.as_completed()
        on = {}
        for w in range(len(workers)):
            for _ in range(ahead[w]):
                f = hand(w)
                if f is not None:
                    running.add(f)
                    on[f.key] = w
        while handout.left() > 0:
            f = next(running)
            if f.status == "error":
                f.result()  # raises the part's error
            w = on.pop(f.key)
            f = hand(w)
            if f is not None:
                running.add(f)
                on[f.key] = w
        # Every part handed out: the runs close, and the rest of the graph goes in at once.
        for r in current:
            if r is not None:
                close(r)
        order = sorted(range(len(runs)), key=lambda r: runs[r]["bundles"][0])
        reads = [runs[r]["done"] for r in order]
        # What is taken out of a run's result is taken where it lies: left free, the scheduler would
        # rather move the whole result (its counts, offsets and keys: ~13 bytes a posting) to an idle
        # worker than wait for a busy one.
        at = [{"workers": [workers[runs[r]["worker"]]], **pin} for r in order]
        # The parts' own warnings are left unsaid: the sum says them once, as one read over every part would.
        meta = [client.submit(_meta, r, pure=False, **where) for r, where in zip(reads, at)]
        # 2. Each bucket's keys of every run meet in one task.
        decided = [client.submit(_decide, [client.submit(_piece, r, b, pure=False, **where) for r, where in zip(reads, at)],
                                 pure=False)
                   for b in range(buckets)]
        # 3. Each worker counts and sums its runs (and deletes their states); the client sums those.
        partials = []
        for w, idx in _consecutive([runs[r]["worker"] for r in order]):
            partials.append(client.submit(_count_parts, idx, [reads[i] for i in idx], decided, pure=False,
                                          workers=[workers[w]], **pin))
        # Each step's end, as seen from here (the scheduler does not wait for these).
        meta = client.gather(meta)
        clock.append(time.perf_counter())
        distributed.wait(decided)
        clock.append(time.perf_counter())
        partial_bytes = client.gather(partials)
        clock.append(time.perf_counter())
    except BaseException:
        # A run whose read failed left nothing; the states of the others are deleted where they lie
        # (as step 3 would have) before the error reaches the caller, once those still reading
        # have written theirs.
        try:
            distributed.wait([f for run in runs for f in (run["last"], run["done"]) if f is not None])
            cleanup = []
            for run in runs:
                where = {"pure": False, "workers": [workers[run["worker"]]], **pin}
                if run["done"] is not None and run["done"].status == "finished":
                    cleanup.append(client.submit(_discard, run["done"], **where))
                elif run["done"] is None and run["last"].status == "finished":
                    cleanup.append(client.submit(_discard_run, run["id"], _after=run["last"], **where))
            distributed.wait(cleanup, timeout=60)
        except Exception:  # noqa: BLE001 - a slow or failed clean-up must not hide the run's own error
            pass
        raise
    # 4. The workers' sums, in input order, made a report here.
    final = _call(_ext.sum_partials, partial_bytes)
    result = _call(_ext.report_from_partial, opts, final)
    _say(result.messages)
    rep = jobsift.Report(result)
    clock.append(time.perf_counter())
    rep.dask = _Stats(seconds={step: round(b - a, 3) for step, a, b in
                               zip(("read", "decide", "count", "report"), clock, clock[1:])},
                      parts=len(parts), bundles=len(bundles), runs=len(runs), buckets=buckets, workers=len(workers),
                      postings_read=int(sum(m["records"] for m in meta)),
                      postings_by_worker={w: int(sum(m["records"] for m in meta if m["worker"] == w))
                                          for w in workers},
                      key_bytes=int(sum(m["key_bytes"] for m in meta)),
                      state_bytes=int(sum(m["state_bytes"] for m in meta)),
                      partial_bytes=int(sum(len(b) for b in partial_bytes)),
                      final_partial_bytes=len(final.to_bytes()))
    return rep


class _Handout:
    """Which part each worker reads next. Parts are handed out one at a time, as workers finish, so that
    a slower worker (a busy core, a slower disk) reads fewer; and each worker's parts stay ranges of
    consecutive parts, which it reads as runs and sums in input order itself.

    Each worker starts with a range of consecutive parts of about equal bytes and takes them from its
    front. One that has run out takes the back half (by bytes) of the range with the most bytes left,
    or its last part when one is left; that becomes its own range."""

    def __init__(self, sizes, workers):
        self.sizes = [max(1, s) for s in sizes]
        total = sum(self.sizes)
        self.ranges = [collections.deque() for _ in range(workers)]
        done = 0
        for i, size in enumerate(self.sizes):
            self.ranges[min(workers - 1, done * workers // total)].append(i)
            done += size

    def left(self):
        return sum(len(r) for r in self.ranges)

    def _bytes(self, w):
        return sum(self.sizes[i] for i in self.ranges[w])

    def next(self, worker):
        """The part `worker` reads next, or None when every part is handed out."""
        mine = self.ranges[worker]
        if not mine:
            victim = max(range(len(self.ranges)), key=self._bytes)
            theirs = self.ranges[victim]
            if not theirs:
                return None
            # The back half by bytes, at least its last part; the victim keeps at least its first.
            keep, half = 1, self._bytes(victim) / 2
            kept = self.sizes[theirs[0]]
            while keep < len(theirs) - 1 and kept + self.sizes[theirs[keep]] <= half:
                kept += self.sizes[theirs[keep]]
                keep += 1
            if len(theirs) == 1:
                keep = 0
            while len(theirs) > keep:
                mine.appendleft(theirs.pop())
        return mine.popleft()


def _bundles(parts, workers, per_worker=16):
    """The parts grouped into what is handed out: runs of consecutive parts of at most a
    (workers x per_worker)-th of the bytes together (a bigger part alone), never mixing named files
    with files found in folders. Many small files are then a few tasks, not one each."""
    target = sum(max(1, size) for _path, _named, size in parts) / (workers * per_worker)
    out, size = [], 0
    for i, (_path, named, part_size) in enumerate(parts):
        if out and size + max(1, part_size) <= target and parts[out[-1][-1]][1] == named:
            out[-1].append(i)
            size += max(1, part_size)
        else:
            out.append([i])
            size = max(1, part_size)
    return out


def _consecutive(owners):
    """(owner, [indexes]) for each stretch of consecutive indexes with one owner, in order."""
    out = []
    for i, w in enumerate(owners):
        if out and out[-1][0] == w:
            out[-1][1].append(i)
        else:
            out.append((w, [i]))
    return out
