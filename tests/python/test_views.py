"""jobsift.load: states held in memory, and the Report of any slice of their postings (Loaded.view),
as jobsift.merge counts it."""
import pandas as pd
import pytest

import jobsift


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, generated):
    """Two states over the generated postings, the second repeating some of the first's."""
    tmp = tmp_path_factory.mktemp("views")
    lines = open(generated, encoding="utf-8").read().splitlines(keepends=True)
    a, b = tmp / "a.csv", tmp / "b.csv"
    a.write_text("".join(lines[:2001]), encoding="utf-8")
    b.write_text(lines[0] + "".join(lines[2001:]) + "".join(lines[1:400:5]), encoding="utf-8")
    states = [tmp / "a.state", tmp / "b.state"]
    jobsift.report(a, state=states[0])
    jobsift.report(b, state=states[1])
    return states, jobsift.load(states)


def same_tables(x, y):
    assert list(x.tables) == list(y.tables)
    for tid in x.tables:
        pd.testing.assert_frame_equal(x.tables[tid], y.tables[tid])


def test_a_city_view_is_merge_with_that_city(loaded):
    states, run = loaded
    city = run.values("city")[0]
    view = run.view(city=city)
    same_tables(view, jobsift.merge(states, city=city))
    assert view.tables["F2"].attrs["city"] == city
    same_tables(run.view(), jobsift.merge(states))
    # Re-posts across the two states are found only over both.
    alone = jobsift.load(states[0]).duplicates + jobsift.load(states[1]).duplicates
    assert run.duplicates > alone
    assert run.view().postings + run.view().duplicates == run.postings


def test_filters_the_tables_do_not_have(loaded):
    _, run = loaded
    whole = run.view().postings
    by_tier = sum(run.view(tier=t).postings for t in run.values("tier"))
    assert 0 < by_tier <= whole
    q = run.values("quarter")[-1]
    f1 = run.view().tables["F1"].set_index("quarter")
    assert run.view(**{"from": q, "to": q}).postings == f1.loc[q, "all_postings"]
    core = run.view(definition="core").tables["F1"]["ai_postings"].sum()
    assert 0 < core < run.view().tables["F1"]["ai_postings"].sum()
    same_tables(run.view(degree=run.values("degree")[0], threads=3), run.view(degree=run.values("degree")[0]))
    defs = run.definitions.set_index("name")
    assert bool(defs.loc["core", "available"]) and not bool(defs.loc["report", "available"])


def test_bad_filters_raise(loaded):
    _, run = loaded
    with pytest.raises(jobsift.InvalidArgumentError, match="city: no posting has '亚特兰蒂斯'"):
        run.view(city="亚特兰蒂斯")
    with pytest.raises(jobsift.InvalidArgumentError, match="definition: report cannot be shown"):
        run.view(definition="report")
    with pytest.raises(TypeError, match="unknown filter 'town'"):
        run.view(town="北京")
    with pytest.raises(jobsift.NotFoundError):
        jobsift.load("/nonexistent.state")
