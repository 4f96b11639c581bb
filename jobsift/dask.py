"""jobsift.dask: one report over a Dask distributed cluster, the same as one run over every input.

    from distributed import Client, LocalCluster
    import jobsift.dask
    with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:
        rep = jobsift.dask.report(["/data/2023/", "/data/2024/"], client=client)
    rep.tables["F2"]   # identical to jobsift.report and to `jobsift report` on the same input

How (docs/distributed.md, include/jobsift/partial.h):

1. Each input file is a part. Each worker reads a run of consecutive parts (of about equal bytes)
   in one read (the lexicons and model loaded once): their postings are counted into a partial
   report (kept in the worker's memory, a _jobsift.Partial), their contributions go to a state file
   on that worker's disk, and their deduplication keys (fingerprint of company, title, city and
   description; half-year) come back split into buckets by fingerprint.
2. A task per bucket gathers the bucket's keys of every read, so all copies of a posting meet
   there, keeps the first by position (read, record) and names the others duplicates.
3. Each worker takes its reads' duplicates back out of their counts (reading only those records
   from the states) and sums its parts, in input order, into one partial report (a cube: bounded
   by cities, industries, terms ..., not by postings), sent to the client as bytes.
4. The client sums the workers' partial reports in input order and makes the Report.

The whole graph is submitted at once: the scheduler starts each step as its inputs are ready,
with no round trip to the client in between.

Only keys (10 bytes a posting) and partial reports cross the network; states stay on the workers.
"""
import os
import shutil
import tempfile
import threading
import time

import numpy as np

import jobsift
from jobsift import _call, _ext, _options, _say

__all__ = ["report"]


# ---------------------------------------------------------------------------
# Tasks (run on the workers)

def _read_part(index, paths, named, options, buckets, scratch):
    """Step 1: consecutive parts read as one (their state on this worker), and their keys by bucket."""
    from distributed import get_worker
    folder = tempfile.mkdtemp(prefix=f"jobsift-read{index}-", dir=scratch)
    state = os.path.join(folder, "read.state")
    opts = dict(options, inputs=list(paths), inputs_found_in_folder=not named)
    try:
        pieces, offsets, counts, messages = _call(_ext.read_part, opts, state, buckets)
    except BaseException:
        _remove([folder])  # a failed part leaves nothing behind
        raise
    try:
        worker = get_worker().address
    except ValueError:  # run outside a worker (the client's own process)
        worker = None
    # A bucket's records stay here (step 3 maps the bucket's answer back to them); its
    # fingerprints and half-years travel.
    key_bytes = sum(f.nbytes + h.nbytes for _r, f, h in pieces)
    return {"state": state, "folder": folder, "worker": worker, "records": len(offsets),
            "state_bytes": os.path.getsize(state), "messages": messages, "key_bytes": key_bytes,
            "records_by_bucket": [r for r, _f, _h in pieces], "pieces": [(f, h) for _r, f, h in pieces],
            "offsets": offsets, "counts": counts}


def _meta(part):
    return {k: part[k] for k in ("worker", "records", "key_bytes", "state_bytes")}


def _piece(part, bucket):
    return part["pieces"][bucket]


def _decide(parts_pieces):
    """Step 2: in one bucket, every key's first posting by (read, position) is kept; the rest are duplicates.

    parts_pieces[i] holds read i's (fingerprints, halves) in the bucket, in its order; reads are in
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
        folders = [read["folder"] for read in reads]
        threading.Thread(target=_remove, args=(folders,), name="jobsift-remove-states").start()


def _discard(read):
    _remove([read["folder"]])


def _remove(folders):
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------------------
# The run

class _Stats(dict):
    """What a distributed run moved: jobsift.dask.report returns it as Report.dask."""


def report(paths, client=None, *, buckets=None, threads=1, definition=None, scratch=None, **options):
    """The report of `paths` computed on a Dask cluster: the same tables as jobsift.report(paths, ...).

    paths: a path or a list of files and folders (folders are read recursively, sorted, as the
        jobsift command reads them); each file is a part, read by one worker task.
    client: a distributed.Client; None uses the current one, else starts a LocalCluster of one
        single-threaded worker process per core for this call.
    buckets: how many tasks decide duplicates (default: the number of workers).
    threads: threads each part's read uses on its worker (default 1: one task per worker thread).
    scratch: the folder on each worker for the parts' state files (default: its temporary folder).
    Other options: as jobsift.report (definition, half, min_n, city, industry, dedup, config ...).

    The Report has .dask: parts, buckets, workers, postings read, the bytes of keys and of partial
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
    workers = sorted(client.scheduler_info().get("workers", {})) or [None]
    buckets = max(1, int(buckets or len(workers)))
    read_opts = {k: v for k, v in opts.items() if k not in ("half", "min_n", "top_cities", "top_industries")}
    # Each worker reads a run of consecutive parts (balanced by size), so that it can sum them
    # in input order itself; only one partial report a worker leaves it. It reads its run in one
    # read (split only where the run changes from named files to files found in folders): the
    # lexicons, the model and the field tables are loaded once, not once a part.
    owner = _assign(parts, len(workers))
    runs = []  # (worker, part indexes)
    for i, (_path, named, _size) in enumerate(parts):
        if runs and runs[-1][0] == owner[i] and parts[runs[-1][1][-1]][1] == named:
            runs[-1][1].append(i)
        else:
            runs.append((owner[i], [i]))
    pin = {"allow_other_workers": False}
    clock = [time.perf_counter()]
    # 1. Read each run on its worker; keys come back in buckets.
    reads = [client.submit(_read_part, r, [parts[i][0] for i in idx], parts[idx[0]][1], read_opts, buckets,
                           scratch, pure=False, workers=[workers[w]] if workers[w] else None, **pin)
             for r, (w, idx) in enumerate(runs)]
    try:
        # The parts' own warnings are left unsaid: the sum says them once, as one read over every part would.
        meta = [client.submit(_meta, r, pure=False) for r in reads]
        # 2. Each bucket's keys of every part meet in one task.
        decided = [client.submit(_decide, [client.submit(_piece, r, b, pure=False) for r in reads], pure=False)
                   for b in range(buckets)]
        # 3. Each worker counts and sums its reads (and deletes their states).
        partials = []
        for w, address in enumerate(workers):
            mine = [r for r, (owner_of_run, _idx) in enumerate(runs) if owner_of_run == w]
            if mine:
                partials.append(client.submit(_count_parts, mine, [reads[i] for i in mine], decided,
                                              pure=False, workers=[address] if address else None, **pin))
        # Each step's end, as seen from here (the scheduler does not wait for these).
        meta = client.gather(meta)
        clock.append(time.perf_counter())
        distributed.wait(decided)
        clock.append(time.perf_counter())
        partial_bytes = client.gather(partials)
        clock.append(time.perf_counter())
    except BaseException:
        # A read that failed left nothing; the states of the others are deleted where they lie
        # (as step 3 would have) before the error reaches the caller, once those still reading
        # have written theirs.
        try:
            distributed.wait(reads)
            cleanup = [client.submit(_discard, r, pure=False, workers=[workers[w]] if workers[w] else None, **pin)
                       for r, (w, _idx) in zip(reads, runs) if r.status == "finished"]
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
                      parts=len(parts), reads=len(runs), buckets=buckets, workers=len(workers),
                      postings_read=int(sum(m["records"] for m in meta)),
                      key_bytes=int(sum(m["key_bytes"] for m in meta)),
                      state_bytes=int(sum(m["state_bytes"] for m in meta)),
                      partial_bytes=int(sum(len(b) for b in partial_bytes)),
                      final_partial_bytes=len(final.to_bytes()))
    return rep


def _assign(parts, workers):
    """The worker of each part: runs of consecutive parts of about equal bytes, one run a worker."""
    sizes = [max(1, size) for _path, _named, size in parts]
    total = sum(sizes)
    owner, done = [], 0
    for size in sizes:
        owner.append(min(workers - 1, done * workers // total))
        done += size
    return owner
