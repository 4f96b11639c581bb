"""The Python module against the CLI: the same postings give the same annotations and byte-identical report files."""
import filecmp
import json
import os
import subprocess
import sys
import threading
import time
import warnings

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT, run_cli

import jobsift


def test_imports_from_the_repository_root_with_nothing_set():
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JOBSIFT_BUILD_DIR")}
    r = subprocess.run(["/usr/bin/python3", "-c", "import jobsift; print(jobsift.__version__)"], cwd=ROOT,
                       env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == jobsift.__version__


# ---------------------------------------------------------------------------
# annotate

@pytest.fixture(scope="module")
def annotated(generated):
    return jobsift.annotate(generated, keep=["Position", "Salary"], threads=2)


@pytest.fixture(scope="module")
def cli_rows(generated, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "a.jsonl"
    run_cli("annotate", generated, "-o", out, "-q", "--keep", "Position,Salary")
    with open(out, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_annotate_has_every_posting_in_input_order(annotated, cli_rows):
    assert len(annotated) == len(cli_rows) > 3000
    assert list(annotated.columns[:len(jobsift.annotation_columns())]) == jobsift.annotation_columns()
    assert annotated["line"].tolist() == [r["line"] for r in cli_rows]
    assert annotated["id"].tolist() == [r["id"] for r in cli_rows]


def test_annotate_values_are_the_clis(annotated, cli_rows):
    assert annotated["ai"].sum() == sum(r["ai"] for r in cli_rows)
    assert annotated["category"].astype(str).tolist() == [r["category"] for r in cli_rows]
    annual = [r["salary_annual"] for r in cli_rows]
    ours = annotated["salary_annual"].tolist()
    assert [a is None for a in annual] == [np.isnan(x) for x in ours]
    assert [a for a in annual if a is not None] == [x for x in ours if not np.isnan(x)]
    assert annotated["ai_terms"].tolist() == [r["ai_terms"] for r in cli_rows]
    # Unknown is unknown: a posting without a parsed city has NaN, and says why.
    no_city = annotated["city"].isna()
    assert (annotated.loc[no_city, "city_unknown"].notna()).all()
    assert annotated["input.Position"].tolist() == [r["input"]["Position"] for r in cli_rows]


def test_annotate_columns_are_typed(annotated):
    d = annotated.dtypes
    assert d["line"] == "Int64" and d["hard_terms"] == "Int64"
    assert d["salary_annual"] == "float64" and d["salary_month_min"] == "float64"
    assert d["ai"] == "boolean"
    assert str(d["date"]).startswith("datetime64")
    for c in ("city", "province", "industry", "degree", "experience", "company_size", "category", "salary_rule",
              "date_unknown", "half", "quarter"):
        assert isinstance(d[c], pd.CategoricalDtype), c
    assert d["position"] == "string" and d["input.Position"] == "string"
    assert d["ai_terms"] == object and all(isinstance(v, list) for v in annotated["ai_terms"])
    # Periods and dates agree.
    dated = annotated[annotated["date"].notna()].head(200)
    assert (dated["date"].dt.year.astype(str) == dated["half"].astype(str).str[:4]).all()


def test_annotate_a_dataframe_keeps_its_index_and_passes_columns_through():
    df = pd.DataFrame({
        "职位名称": ["机器学习工程师", "会计", "大模型算法研究员", None],
        "薪资": ["20-30K·14薪", "6-8千", "面议", "1万-1.5万"],
        "工作地点": ["北京-海淀区", "成都", "上海", "杭州"],
        "职位描述": ["负责推荐系统的机器学习模型训练", "负责账务", "负责大模型预训练", ""],
        "发布日期": ["2024-03-01", "2024-03-02", "2024-05-01", "2023-11-11"],
    }, index=[10, 20, 30, 40])
    out = jobsift.annotate(df, keep=["职位名称"])
    assert list(out.index) == [10, 20, 30, 40]
    assert out.loc[10, "ai"] and out.loc[30, "ai"] and not out.loc[20, "ai"]
    assert out.loc[10, "salary_annual"] == 25000 * 14
    assert np.isnan(out.loc[30, "salary_annual"]) and out.loc[30, "salary_unknown"] == "negotiable"
    assert out.loc[10, "city"] == "北京" and out.loc[40, "city"] == "杭州"
    assert out["input.职位名称"].tolist()[:3] == ["机器学习工程师", "会计", "大模型算法研究员"]
    assert out.loc[40, "input.职位名称"] is None  # as the DataFrame has it
    assert (out["source"] == "<DataFrame>").all()


def test_annotate_a_dataframe_says_which_rows_were_rejected():
    df = pd.DataFrame({"职位名称": ["数据分析师", "x" * 5000, "算法工程师"], "薪资": ["10K", "10K", "20K"]},
                      index=["a", "b", "c"])
    with pytest.warns(jobsift.JobsiftWarning, match="1 of 3 DataFrame rows were rejected"):
        out = jobsift.annotate(df, max_field_bytes=1000)
    assert list(out.index) == ["a", "c"]


def test_definition_changes_the_flag_not_the_category(generated):
    core = jobsift.annotate(generated, definition="core")
    broad = jobsift.annotate(generated, definition="broad")
    assert core["ai"].sum() < broad["ai"].sum()
    assert core["category"].tolist() == broad["category"].tolist()
    assert set(core.loc[core["ai"].astype(bool), "category"].astype(str)) <= {"B"}


# ---------------------------------------------------------------------------
# report

@pytest.fixture(scope="module")
def cli_report(generated, tmp_path_factory):
    out = tmp_path_factory.mktemp("cli_report")
    run_cli("report", generated, "-o", out, "-q", "--half", "2024H1")
    return out


def test_report_writes_the_clis_files_byte_for_byte(generated, cli_report, tmp_path):
    rep = jobsift.report(generated, half="2024H1", threads=2)
    rep.write(tmp_path)
    names = sorted(os.path.relpath(os.path.join(d, f), cli_report)
                   for d, _, fs in os.walk(cli_report) for f in fs if f != "rejects.tsv")
    assert "tables.json" in names and "report.html" in names and len(names) > 20
    for name in names:
        assert filecmp.cmp(cli_report / name, tmp_path / name, shallow=False), name


def test_report_tables_are_typed_dataframes(generated, cli_report):
    rep = jobsift.report(generated, half="2024H1")
    assert list(rep.tables) == [a for a in jobsift.analyses()["id"] if a in rep.tables]
    f2 = rep.tables["F2"]
    assert f2.attrs["id"] == "F2" and f2.attrs["title"] and f2.attrs["period"] == "2024H1"
    assert f2["ai_postings"].dtype == "Int64" and f2["share_of_ai_pct"].dtype == "float64"
    assert f2["small_n"].dtype == "boolean" and f2["city"].dtype == "string"
    with open(cli_report / "tables.json", encoding="utf-8") as f:
        cli_tables = json.load(f)
    for tid, frame in rep.tables.items():
        assert len(frame) == len(cli_tables[tid]["rows"]), tid
    with open(cli_report / "summary.json", encoding="utf-8") as f:
        assert rep.summary == json.load(f)
    assert rep.postings == rep.summary["postings"]
    assert rep.duplicates > 0  # the generator plants re-posts
    # Made once, when first asked for: what the user changes in a table stays.
    rep.tables["F2"].attrs["note"] = "mine"
    assert rep.tables is rep.tables and rep.tables["F2"].attrs["note"] == "mine"
    assert isinstance(rep.tables, dict) and repr(rep).endswith(f"{len(rep.tables)} tables>")


def test_report_of_one_city(generated):
    rep = jobsift.report(generated, city="北京")
    assert rep.summary["config"]["city"] == "北京"
    assert 0 < rep.postings < jobsift.report(generated).postings


def test_merge_of_states_is_the_whole(tmp_path, generated):
    lines = open(generated, encoding="utf-8").read().splitlines(keepends=True)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("".join(lines[:2001]), encoding="utf-8")
    b.write_text(lines[0] + "".join(lines[2001:]), encoding="utf-8")
    jobsift.report(a, state=tmp_path / "a.state")
    jobsift.report(b, state=tmp_path / "b.state")
    merged = jobsift.merge([tmp_path / "a.state", tmp_path / "b.state"])
    whole = jobsift.report([a, b])
    for tid in whole.tables:
        pd.testing.assert_frame_equal(merged.tables[tid], whole.tables[tid])


# ---------------------------------------------------------------------------
# single values

def test_parse_salary():
    s = jobsift.parse_salary("15-25K·13薪")
    assert s["month_min"] == 15000 and s["month_max"] == 25000 and s["months"] == 13
    assert s["annual"] == 20000 * 13 and s["rule"] == "salary.range_month" and s["unknown"] is None
    n = jobsift.parse_salary("面议")
    assert n["annual"] is None and n["unknown"] == "negotiable"
    assert jobsift.parse_salary("")["unknown"] == "missing"


def test_parse_other_fields():
    assert jobsift.parse_city("深圳-南山区") == {"city": "深圳", "province": "广东", "tier": "一线",
                                                 "rule": "city.name", "unknown": None}
    assert jobsift.parse_degree("本科及以上")["value"] == "本科"
    assert jobsift.parse_experience("3-5年")["value"] == "3-5年"
    assert jobsift.parse_size("500-999人")["value"] is not None
    assert jobsift.parse_industry("互联网/IT")["value"] is not None
    d = jobsift.parse_date("04-20", reference_date="2024-06-30")
    assert d["value"] == "2024-04-20" and d["quarter"] == "2024Q2" and d["half"] == "2024H1"
    assert jobsift.parse_date("04-20")["value"] is None  # no reference date: unknown, not guessed


def test_classify():
    c = jobsift.classify("算法工程师", "负责大模型训练与推理优化")
    assert c["ai"] is True and c["category"] == "B" and "大模型@body" in c["ai_terms"]
    n = jobsift.classify("会计", "负责公司账务，熟练使用Excel")
    assert n["ai"] is False and n["category"] == "N"
    e = jobsift.classify("算法工程师", "负责大模型训练", explain=True)
    assert e["category_evidence"]


# ---------------------------------------------------------------------------
# errors, progress, threads

def test_errors_are_python_exceptions_with_the_librarys_message(tmp_path):
    with pytest.raises(FileNotFoundError) as e:
        jobsift.annotate(tmp_path / "nope.csv")
    assert isinstance(e.value, jobsift.NotFoundError) and "nope.csv" in str(e.value)
    with pytest.raises(ValueError, match="definition"):
        jobsift.annotate(tmp_path / "nope.csv", definition="bogus")
    with pytest.raises(TypeError, match="unknown option 'treads'"):
        jobsift.report(tmp_path / "x.csv", treads=2)
    with pytest.raises(ValueError, match="2024H1"):
        jobsift.report(tmp_path / "x.csv", half="2024-1")
    with pytest.raises(jobsift.InvalidArgumentError, match="no field is called 'salery'"):
        jobsift._annotate_one({"salery": "1"}, {})
    empty = tmp_path / "empty.csv"
    empty.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(jobsift.DataError):
        jobsift.report(empty)


def test_progress_callback_and_stopping_from_it(generated):
    seen = []
    jobsift.annotate(generated, progress=seen.append)
    assert seen and seen[-1]["done"] and seen[-1]["rows_read"] >= 4000
    assert seen[-1]["bytes_read"] == seen[-1]["bytes_total"] == os.path.getsize(generated)

    class Stop(Exception):
        pass

    def stop(update):
        raise Stop()
    with pytest.raises(Stop):
        jobsift.report(generated, progress=stop)


def test_the_gil_is_released_while_the_library_works(generated):
    # A Python thread keeps running while another thread's report is in C++.
    done = threading.Event()
    ticks = []

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)
    t = threading.Thread(target=tick)
    t.start()
    start = time.perf_counter()
    jobsift.report([generated] * 5, dedup="none", threads=1)
    elapsed = time.perf_counter() - start
    done.set()
    t.join()
    during = [x for x in ticks if start <= x <= start + elapsed]
    assert elapsed > 0.05
    assert len(during) > 10, f"{len(during)} ticks in {elapsed:.2f} s: the GIL was held"


def test_the_same_tables_whatever_the_threads(generated):
    one = jobsift.report(generated, threads=1)
    two = jobsift.report(generated, threads=2)
    for tid in one.tables:
        pd.testing.assert_frame_equal(one.tables[tid], two.tables[tid])
