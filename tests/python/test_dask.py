"""jobsift.dask on a LocalCluster of 2 worker processes: the same report as jobsift.report and the CLI."""
import filecmp
import os
import subprocess
import sys
import time
import warnings

import pandas as pd
import pytest

from conftest import ROOT, run_cli

import jobsift
import jobsift.dask

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def parts(tmp_path_factory):
    """Generated postings in 4 files under a folder, with re-posts of the first file's postings in the last
    (only a deduplication across partitions finds them), and a file without postings."""
    d = tmp_path_factory.mktemp("parts")
    run_cli("gen", "--rows", 12000, "--seed", 21, "-o", d / "all.jsonl", "-q")
    lines = (d / "all.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    os.remove(d / "all.jsonl")
    folder = d / "postings"
    folder.mkdir()
    n = len(lines)
    chunks = [lines[i * n // 4:(i + 1) * n // 4] for i in range(4)]
    chunks[3] += chunks[0][::5]
    for i, chunk in enumerate(chunks):
        (folder / f"part{i}.jsonl").write_text("".join(chunk), encoding="utf-8")
    (folder / "zz_companies.csv").write_text("公司名称,所属行业\n甲公司,教育\n", encoding="utf-8")
    return folder


def _same_tables(a, b):
    assert list(a.tables) == list(b.tables)
    for tid in a.tables:
        pd.testing.assert_frame_equal(a.tables[tid], b.tables[tid], obj=tid)


def test_dask_report_is_the_single_run_report(client, parts, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jobsift.JobsiftWarning)
        local = jobsift.report(parts)
        dist = jobsift.dask.report(parts, client=client)
    assert dist.dask["parts"] == 5 and dist.dask["workers"] == 2
    assert 2 <= dist.dask["runs"] <= dist.dask["parts"]  # a worker's consecutive parts are one run
    assert local.duplicates >= 12000 // 4 // 5 * 0.9  # the planted cross-part re-posts, and the generator's own
    assert dist.duplicates == local.duplicates and dist.postings == local.postings
    _same_tables(dist, local)
    assert dist.summary == local.summary
    # And byte for byte the files of `jobsift report` on the same folder.
    cli_out = tmp_path / "cli"
    run_cli("report", parts, "-o", cli_out, "-q")
    dist.write(tmp_path / "dask")
    for name in ["tables.json", "report.html", "summary.json"] + [f"tables/{t}.csv" for t in dist.tables]:
        assert filecmp.cmp(cli_out / name, tmp_path / "dask" / name, shallow=False), name


def _moved_keys(dask_worker):
    """What this worker fetched from others since the log was last cleared: (task name, bytes)."""
    moved = [(k if isinstance(k, str) else str(k), n) for t in dask_worker.transfer_incoming_log
             for k, n in t.get("keys", {}).items()]
    dask_worker.transfer_incoming_log.clear()
    return moved


def test_what_moves_is_keys_and_cubes(client, parts):
    client.run(_moved_keys)
    for _ in range(3):  # where the scheduler puts a task varies from run to run
        dist = jobsift.dask.report(parts, client=client, buckets=3)
        s = dist.dask
        assert s["buckets"] == 3
        assert s["key_bytes"] == 10 * s["postings_read"]  # fingerprint (8 bytes) and half-year (2); records stay
        assert sum(s["postings_by_worker"].values()) == s["postings_read"] and len(s["postings_by_worker"]) == 2
        assert 0 < s["final_partial_bytes"] < s["partial_bytes"]
        # Between workers only keys (a bucket's piece of a run) and the buckets' answers move: never a
        # run's whole result with its counts and offsets.
        moved = [m for ms in client.run(_moved_keys).values() for m in ms]
        assert {name.split("-")[0] for name, _n in moved} <= {"_piece", "_decide"}, moved
        assert sum(n for name, n in moved if name.startswith("_piece")) <= s["key_bytes"]


def test_filters_and_options_match(client, parts):
    for options in ({"city": "北京", "min_n": 5}, {"dedup": "none"}, {"definition": "broad", "half": "2024H1"}):
        local = jobsift.report(parts, **options)
        dist = jobsift.dask.report(parts, client=client, **options)
        _same_tables(dist, local)
        assert dist.summary == local.summary, options


def test_named_files_and_folders_mixed(client, parts):
    """A named file (whose lack of postings would be an error) and a folder (where such a file is skipped)
    are read apart even on one worker; the report is still the single run's."""
    paths = [parts / "part1.jsonl", parts, parts / "part2.jsonl"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jobsift.JobsiftWarning)
        local = jobsift.report(paths)
        dist = jobsift.dask.report(paths, client=client)
    assert dist.dask["parts"] == 7 and dist.dask["runs"] >= 3
    assert dist.duplicates == local.duplicates
    _same_tables(dist, local)
    assert dist.summary == local.summary


def _empty_soon(folder, seconds=60):
    """The workers delete a run's states behind its answer: the folder is empty within `seconds`."""
    deadline = time.monotonic() + seconds
    while os.listdir(folder) and time.monotonic() < deadline:
        time.sleep(0.1)
    return os.listdir(folder) == []


def _held_runs():
    """The runs for which this worker keeps glibc's freed blocks (jobsift.dask._hold), and whether
    Dask's nanny set the variable that makes that worth doing."""
    return sorted(jobsift.dask._held), "MALLOC_TRIM_THRESHOLD_" in os.environ


def _let_go_soon(client, seconds=60):
    """Every worker's hold on its memory is let go within `seconds` (behind the answer, as states are deleted)."""
    deadline = time.monotonic() + seconds
    while True:
        held = client.run(_held_runs)
        if all(not runs for runs, _set in held.values()) or time.monotonic() > deadline:
            return held
        time.sleep(0.05)


def test_states_are_deleted_after_the_run(client, parts, tmp_path):
    """Each read's state (its postings, ~100 bytes each) is on the worker's disk only until step 3;
    and the workers' malloc settings, relaxed while a run is open, are Dask's again after it."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jobsift.JobsiftWarning)
        dist = jobsift.dask.report(parts, client=client, scratch=str(scratch))
    assert dist.dask["state_bytes"] > 50 * dist.dask["postings_read"]
    assert _empty_soon(scratch), os.listdir(scratch)
    held = _let_go_soon(client)
    assert all(runs == [] and nanny_set for runs, nanny_set in held.values()), held
    # A run with a read that fails at once leaves nothing either, not even the state of the
    # other worker's read, still running then (every posting 8 times in one file).
    bad = tmp_path / "bad"
    bad.mkdir()
    with open(bad / "a.jsonl", "wb") as out:
        for _ in range(8):
            for part in sorted(parts.glob("*.jsonl")):
                out.write(part.read_bytes())
    (bad / "b.csv").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(jobsift.DataError, match="zip"), warnings.catch_warnings():
        warnings.simplefilter("ignore", jobsift.JobsiftWarning)
        jobsift.dask.report([bad / "a.jsonl", bad / "b.csv"], client=client, scratch=str(scratch))
    assert _empty_soon(scratch, seconds=5), os.listdir(scratch)
    held = _let_go_soon(client, seconds=5)
    assert all(runs == [] for runs, _set in held.values()), held


def test_malloc_is_relaxed_only_where_dask_set_it_tight():
    """relax_malloc changes nothing in a process started without MALLOC_TRIM_THRESHOLD_ (glibc's own
    thresholds then grow as they should); with it, it relaxes and restores."""
    script = ("import sys; sys.path.insert(0, %r); import jobsift; "
              "print(jobsift._ext.relax_malloc(True), jobsift._ext.relax_malloc(False))" % str(ROOT))
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    for value, expected in ((None, "False False"), ("65536", "True True"), ("junk", "False False")):
        if value is not None:
            env["MALLOC_TRIM_THRESHOLD_"] = value
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.split() == expected.split(), (value, out.stdout, out.stderr)


def test_a_part_s_counts_stay_a_partial_until_step_3_takes_them(parts, tmp_path):
    """Step 1's counts are a _jobsift.Partial on the worker: pickled as their bytes (for Dask to move or
    spill), taken over by step 3, and an error when used again, never counted twice."""
    import pickle
    import numpy as np
    from jobsift import _ext
    files = [str(parts / "part0.jsonl"), str(parts / "part1.jsonl")]
    state = str(tmp_path / "read.state")
    reader = _ext.PartReader({})
    reader.begin(state)
    reader.read(files, False)
    _pieces, offsets, counts = reader.finish(2)
    postings = counts.postings
    assert postings == len(offsets) > 5000 and counts.duplicates == 0
    def report_of(partial):
        return jobsift.Report(_ext.report_from_partial({}, partial))

    copy = pickle.loads(pickle.dumps(counts))
    whole = report_of(counts)
    assert copy.postings == postings
    _same_tables(report_of(copy), whole)
    twice = np.array([0, 5], dtype=np.uint64)
    with pytest.raises(ValueError, match="twice"):
        _ext.count_parts([counts, counts], [state, state], [offsets, offsets], [twice, twice])
    summed = _ext.count_parts([counts], [state], [offsets], [twice])
    with pytest.raises(jobsift.InvalidArgumentError, match="taken over"):
        jobsift._call(counts.to_bytes)
    with pytest.raises(jobsift.InvalidArgumentError, match="taken over"):
        jobsift._call(_ext.count_parts, [counts], [state], [offsets], [twice])
    # The copy was not taken over: its sum, with the same two postings out, is the same report.
    without = _ext.Partial.from_bytes(summed)
    assert without.duplicates == 2 and without.postings == postings - 2
    _same_tables(report_of(_ext.Partial.from_bytes(_ext.count_parts([copy], [state], [offsets], [twice]))),
                 report_of(without))
    assert report_of(without).summary != whole.summary


def test_errors_reach_the_caller(client, tmp_path):
    with pytest.raises(jobsift.NotFoundError):
        jobsift.dask.report(tmp_path / "nope", client=client)
    with pytest.raises(TypeError, match="unknown option"):
        jobsift.dask.report(ROOT, client=client, treads=2)


def _real_data():
    """../shared/data/real (or $JOBSIFT_REAL_DATA); the test skips, saying so, when it is not there,
    and fails instead under JOBSIFT_REQUIRE_SHARED=1."""
    path = os.environ.get("JOBSIFT_REAL_DATA") or os.path.join(os.path.dirname(ROOT), "shared", "data", "real")
    if os.path.isdir(path):
        return path
    if os.environ.get("JOBSIFT_REQUIRE_SHARED") == "1":
        pytest.fail("../shared/data/real is not beside the checkout (JOBSIFT_REQUIRE_SHARED=1)")
    pytest.skip("../shared/data/real is not beside this checkout: set JOBSIFT_REAL_DATA to run this test")


def test_real_folder_with_company_tables(client):
    folder = os.path.join(_real_data(), "job-hunting-data")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jobsift.JobsiftWarning)
        local = jobsift.report(folder)
        dist = jobsift.dask.report(folder, client=client)
    assert dist.dask["parts"] > 50  # one a file, the skipped company tables among them
    _same_tables(dist, local)
    assert dist.summary == local.summary  # the skipped tables' industry column is still noted


def test_real_year_less_dates_are_warned_of_alike(client):
    """51job-2018-fengxian's dates have no year (04-20): every posting is undated without a reference
    date. The single run and the Dask run warn alike, with the count after deduplication."""
    folder = os.path.join(_real_data(), "51job-2018-fengxian")

    def said(run):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", jobsift.JobsiftWarning)
            rep = run()
        return rep, [str(w.message) for w in caught if "date without a year" in str(w.message)]

    local, local_said = said(lambda: jobsift.report(folder))
    dist, dist_said = said(lambda: jobsift.dask.report(folder, client=client))
    assert local.summary["postings_undated"] == local.postings > 1000
    assert local_said == dist_said == [f"{local.postings} of {local.postings} postings have a date without a year "
                                       "or a relative one (like 04-20 or 3天前) and no day to read it against: they "
                                       "are undated, counted in the totals but in no period table. If you know when "
                                       "the data were collected, give that day as --reference-date YYYY-MM-DD "
                                       "(reference_date in Python); `jobsift profile` over the inputs lists such "
                                       "dates."]
    dated, dated_said = said(lambda: jobsift.dask.report(folder, client=client, reference_date="2018-12-31"))
    assert dated_said == [] and dated.summary["postings_undated"] == 0


def _simulate(sizes, speeds, ahead=2):
    """The parts each worker of the given speeds (bytes a second) reads, handed out as jobsift.dask does:
    `ahead` parts in flight a worker, the next handed when one ends."""
    handout = jobsift.dask._Handout(sizes, len(speeds))
    queue = [[] for _ in speeds]  # parts handed, not yet read
    got = [[] for _ in speeds]
    clock = [0.0] * len(speeds)
    for w in range(len(speeds)):
        for _ in range(ahead):
            i = handout.next(w)
            if i is not None:
                queue[w].append(i)
    while any(queue):
        w = min((w for w in range(len(speeds)) if queue[w]), key=lambda w: clock[w] + sizes[queue[w][0]] / speeds[w])
        i = queue[w].pop(0)
        clock[w] += sizes[i] / speeds[w]
        got[w].append(i)
        i = handout.next(w)
        if i is not None:
            queue[w].append(i)
    return got, clock


def test_parts_are_handed_out_as_workers_finish_in_few_ranges():
    """A worker twice as fast reads about twice the bytes and the two finish close together; every part
    is read once; each worker's parts are a few ranges of consecutive parts (its runs)."""
    sizes = [100 + (i * 37) % 50 for i in range(64)]
    got, clock = _simulate(sizes, [2.0, 1.0])
    assert sorted(got[0] + got[1]) == list(range(64))
    fast, slow = sum(sizes[i] for i in got[0]), sum(sizes[i] for i in got[1])
    assert 1.7 < fast / slow < 2.3
    assert abs(clock[0] - clock[1]) < 2 * max(sizes)  # within a part or two, not a quarter of the input
    for parts in got:
        ranges = sum(1 for k, i in enumerate(parts) if k == 0 or parts[k - 1] + 1 != i)
        assert ranges <= 8, parts
    # Even workers keep their own halves: one range each.
    got, _clock = _simulate([100] * 16, [1.0, 1.0])
    assert got == [list(range(8)), list(range(8, 16))]
    # More workers than parts, and one part.
    got, _clock = _simulate([5, 5], [1.0, 1.0, 1.0])
    assert sorted(got[0] + got[1] + got[2]) == [0, 1]
    assert _simulate([7], [1.0, 3.0])[0] in ([[0], []], [[], [0]])


def test_small_parts_are_bundled_big_ones_go_alone():
    """Many small files become a few bundles (one task each), a big file stays alone, and a bundle never
    mixes named files with files found in folders; every part is in one bundle, in order."""
    parts = [(f"s{i}", False, 10) for i in range(40)] + [("big", False, 4000)] + \
            [(f"t{i}", False, 10) for i in range(10)] + [("named", True, 10), ("named2", True, 10)]
    bundles = jobsift.dask._bundles(parts, 2)  # a bundle: at most 1/32 of 4920 bytes, about 154
    assert [i for b in bundles for i in b] == list(range(len(parts)))
    assert [40] in bundles
    assert all(len({parts[i][1] for i in b}) == 1 for b in bundles)
    small = [b for b in bundles if 40 not in b]
    assert len(small) < 10 and all(len(b) <= 15 for b in small), bundles
    # Parts of about a 32nd each stay alone: the handout's unit is as fine as the files.
    assert len(jobsift.dask._bundles([(f"p{i}", False, 1000 - i % 3) for i in range(32)], 2)) == 32
