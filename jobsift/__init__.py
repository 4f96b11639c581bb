"""jobsift for Python: job postings in, typed pandas objects out.

    import jobsift
    df = jobsift.annotate("postings.csv")          # one row per posting, typed columns
    rep = jobsift.report(["2023.csv", "2024.csv"])  # every analysis table as a DataFrame
    rep.tables["F2"]; rep.summary["rows"]; rep.write("out/")
    jobsift.parse_salary("15-25K·13薪")             # one value, as the report parses it
    jobsift.classify("算法工程师", "负责大模型训练")

The work is done by jobsift's C++ library (the same code as the `jobsift`
command, byte for byte the same tables) with the GIL released. Options are
the command's flags, spelt as keywords: threads, definition, classifier,
config, data_dir, reference_date, lexicons, lexicon_set, city, industry,
half, min_n, top_cities, top_industries, dedup, encoding, delimiter …
(docs/python.md). Errors are jobsift.Error subclasses carrying the
library's message; warnings about the inputs are JobsiftWarning.
"""
import json
import logging
import os
import shutil
import tempfile
import warnings

import numpy as np
import pandas as pd

from . import _load

_ext = _load.extension()

__version__ = _ext.__version__
__all__ = [
    "annotate", "report", "merge", "Report", "load", "Loaded", "classify", "parse_salary", "parse_city", "parse_degree",
    "parse_experience", "parse_size", "parse_date", "parse_industry", "annotation_columns", "analyses",
    "Error", "InvalidArgumentError", "NotFoundError", "IoError", "DataError", "Interrupted", "JobsiftWarning",
]

_log = logging.getLogger("jobsift")


# ---------------------------------------------------------------------------
# Errors and messages

class Error(Exception):
    """A failure the library reported; .code names its kind ("data_error" …)."""
    code = "internal"


class InvalidArgumentError(Error, ValueError):
    """A bad option, config value, lexicon line or field name."""
    code = "invalid_argument"


class NotFoundError(Error, FileNotFoundError):
    """An input, config or data file that does not exist."""
    code = "not_found"


class IoError(Error, OSError):
    """A read or write that failed."""
    code = "io_error"


class DataError(Error):
    """An input that cannot be read at all (no columns, a bad archive)."""
    code = "data_error"


class Interrupted(Error):
    """The run was stopped (Ctrl-C, or the progress callback raised) before its end."""
    code = "interrupted"


class JobsiftWarning(UserWarning):
    """What the library says about the inputs (a field without a column, rejected rows)."""


_ERRORS = {c.code: c for c in (Error, InvalidArgumentError, NotFoundError, IoError, DataError, Interrupted)}


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except _ext.StatusError as e:
        code, message = e.args
        raise _ERRORS.get(code, Error)(message) from None


def _say(messages, inputs=None):
    """Shows a command's messages: warnings and errors as JobsiftWarning, the rest logged.

    A DataFrame's temporary CSV is called "the DataFrame" in them."""
    for severity, line in messages:
        if inputs is not None and inputs.frame is not None:
            line = line.replace(inputs.paths[0], "the DataFrame")
        if severity == "info":
            _log.info(line)
        else:
            warnings.warn(line, JobsiftWarning, stacklevel=3)


def _options(threads=None, definition=None, **options):
    out = dict(options)
    if threads is not None:
        out["threads"] = threads
    if definition is not None:
        out["definition"] = definition
    return out


def _progress(progress):
    """None, a callable taking a dict, or True for a tqdm bar when tqdm is installed."""
    if progress is None or progress is False:
        return None
    if progress is True:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            def say(u):
                if u["done"]:
                    _log.info("read %d rows, %d bytes in %.1f s", u["rows_read"], u["bytes_read"], u["seconds"])
            return say
        bar = tqdm(unit="B", unit_scale=True)

        def draw(u):
            bar.total = u["bytes_total"]
            bar.n = u["bytes_read"]
            bar.set_postfix(rows=u["rows_read"], refresh=False)
            bar.refresh()
            if u["done"]:
                bar.close()
        return draw
    if not callable(progress):
        raise TypeError("progress must be a callable taking a dict, True or None")
    return progress


# ---------------------------------------------------------------------------
# Inputs

_ROW = "__jobsift_row__"


class _Inputs:
    """Paths for the library: given paths as they are, a DataFrame as a temporary CSV."""

    def __init__(self, source):
        self.frame = None
        self.tmp = None
        if isinstance(source, pd.DataFrame):
            if _ROW in source.columns:
                raise InvalidArgumentError(f"the DataFrame has a column named {_ROW}, which jobsift uses itself")
            self.frame = source
            self.tmp = tempfile.mkdtemp(prefix="jobsift-")
            path = os.path.join(self.tmp, "postings.csv")
            frame = source.copy(deep=False)
            frame.columns = [str(c) for c in frame.columns]
            frame.insert(0, _ROW, np.arange(len(frame)))
            frame.to_csv(path, index=False, encoding="utf-8")
            self.paths = [path]
        elif isinstance(source, (str, os.PathLike)):
            self.paths = [os.fspath(source)]
        else:
            try:
                self.paths = [os.fspath(p) for p in source]
            except TypeError:
                raise TypeError("source must be a path, a list of paths or a pandas DataFrame, "
                                f"not {type(source).__name__}") from None
            if not self.paths:
                raise InvalidArgumentError("no inputs given")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------
# Annotations

# The annotation columns' pandas types (docs/annotate.md says what each
# holds). "category" columns repeat a few values; "list" columns hold a list
# of str per posting (None where unknown).
_CATEGORY = "category"
_LIST = "list"
_COLUMN_TYPES = {
    "id": "string", "source": _CATEGORY, "line": "Int64", "position": "string", "company_name": "string",
    "date": "datetime64[ns]", "quarter": _CATEGORY, "half": _CATEGORY,
    "city": _CATEGORY, "province": _CATEGORY, "city_tier": _CATEGORY, "industry": _CATEGORY,
    "salary_month_min": "float64", "salary_month_max": "float64", "salary_months": "float64",
    "salary_annual": "float64", "salary_unit": _CATEGORY,
    "experience": _CATEGORY, "degree": _CATEGORY, "company_size": _CATEGORY,
    "ai": "boolean", "ai_rule": _CATEGORY, "ai_terms": _LIST,
    "hard_groups": _LIST, "soft_groups": _LIST, "benefit_groups": _LIST,
    "hard_terms": "Int64", "soft_terms": "Int64", "benefit_terms": "Int64",
    "category": _CATEGORY, "category_name": _CATEGORY, "category_rule": _CATEGORY, "category_evidence": _LIST,
}


def _column_type(name):
    if name.endswith("_rule") or name.endswith("_unknown"):
        return _CATEGORY
    return _COLUMN_TYPES[name]


def _column(name, built, rows):
    """A pandas column from what _jobsift.annotate built (kind, arrays …)."""
    kind = built[0]
    want = _column_type(name)
    if kind == "empty":
        if want == _LIST:
            return pd.Series([None] * rows, dtype=object)
        if want == _CATEGORY:
            return pd.Series(pd.Categorical([None] * rows))
        return pd.Series([pd.NA] * rows, dtype=want if want != "datetime64[ns]" else "datetime64[ns]")
    if kind == "string":
        codes, categories = built[1], built[2]
        if want == _CATEGORY:
            return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(categories, dtype=object)))
        values = np.asarray(categories, dtype=object)[np.maximum(codes, 0)] if len(categories) else \
            np.full(rows, None, dtype=object)
        values[codes < 0] = None
        if want == "datetime64[ns]":
            return pd.Series(pd.to_datetime(values, format="%Y-%m-%d", errors="coerce"))
        return pd.Series(values, dtype="string")
    if kind == "int":
        return pd.Series(pd.arrays.IntegerArray(built[1], built[2]))
    if kind == "float":
        return pd.Series(built[1])
    if kind == "bool":
        return pd.Series(pd.arrays.BooleanArray(built[1], built[2]))
    if kind == "list":
        return pd.Series(built[1], dtype=object)
    raise Error(f"column {name}: unexpected kind {kind}")


def annotate(source, *, keep=None, definition="default", threads=None, explain=False, progress=None, **options):
    """One row per posting, in input order: every derived field, the AI flag and kind of AI work, the groups.

    source: a path, a list of paths (files, folders, zips: what the jobsift command reads), or a
        pandas DataFrame whose columns are posting fields under any name jobsift recognises
        (职位名称, salary, 工作地点 …).
    keep: input columns to pass through, as "input.<name>" columns: a list of names, or True for
        all of them. For a DataFrame, the result's index is the DataFrame's, and rows the library
        rejected are missing from it (a JobsiftWarning says how many).
    definition: what counts as an AI job: core, default, broad, report, or a config's [definitions]
        name. explain: fill category_evidence. progress: a callable given a dict (bytes_read,
        bytes_total, rows_read, seconds, done), or True for a tqdm bar.
    Other options: as the jobsift command's flags (docs/python.md).
    """
    keep_all = keep is True
    if keep is None or keep is True or keep is False:
        keep_names = []
    elif isinstance(keep, str):
        keep_names = [keep]
    else:
        keep_names = [str(k) for k in keep]
    with _Inputs(source) as inputs:
        from_frame = inputs.frame is not None
        # A DataFrame's columns are passed through from the DataFrame itself (its values and types, not
        # their CSV text): the library passes only the row number.
        names = [_ROW] if from_frame else keep_names
        opts = _options(threads=threads, definition=definition, inputs=inputs.paths, **options)
        columns, kept, messages, _exit = _call(_ext.annotate, opts, names, keep_all and not from_frame, explain,
                                               _progress(progress))
        _say(messages, inputs)
    order = _ext.annotation_columns()
    rows = _rows_of(columns)
    frame = pd.DataFrame({name: _column(name, built, rows) for name, built in zip(order, columns)})
    if not from_frame:
        for name, values in kept:
            frame["input." + name] = pd.Series(values, dtype="string")
        return frame
    positions = np.asarray([int(p) for p in dict(kept)[_ROW]], dtype=np.int64)
    frame.index = inputs.frame.index[positions]
    frame["source"] = pd.Categorical(["<DataFrame>"] * rows)
    frame["line"] = pd.array([pd.NA] * rows, dtype="Int64")
    given = [str(c) for c in inputs.frame.columns]
    wanted = given if keep_all else keep_names
    for name in wanted:
        if name not in given:
            raise InvalidArgumentError(f"keep: the DataFrame has no column {name!r} (its columns: {', '.join(given)})")
        frame["input." + name] = inputs.frame.iloc[positions, given.index(name)].to_numpy()
    missing = len(inputs.frame) - rows
    if missing:
        warnings.warn(f"{missing} of {len(inputs.frame)} DataFrame rows were rejected and are not in the result "
                      "(the index says which rows are)", JobsiftWarning, stacklevel=2)
    return frame


def _rows_of(columns):
    for built in columns:
        if built[0] != "empty":
            return len(built[1])
    return 0


def annotation_columns():
    """The annotation columns jobsift.annotate returns, in order (docs/annotate.md)."""
    return list(_ext.annotation_columns())


def analyses():
    """The analyses a report holds, in report order: id, title, section, chart, rows, measure."""
    return pd.DataFrame(_ext.analyses())


# ---------------------------------------------------------------------------
# Reports

_TABLE_TYPES = {"integer": "Int64", "number": "float64", "boolean": "boolean", "string": "string"}


def _table_frame(t):
    columns = [c["key"] for c in t["columns"]]
    frame = pd.DataFrame(t["rows"], columns=columns, dtype=object) if t["rows"] else \
        pd.DataFrame({c: [] for c in columns}, dtype=object)
    for c in t["columns"]:
        want = _TABLE_TYPES.get(c["type"], "object")
        values = frame[c["key"]]
        if want == "float64":
            frame[c["key"]] = pd.to_numeric(values.astype(object).where(values.notna(), np.nan)).astype("float64")
        else:
            frame[c["key"]] = values.astype(want)
    frame.attrs.update({k: t[k] for k in ("id", "title", "formula", "period", "city", "industry", "n")})
    frame.attrs["columns"] = {c["key"]: {"label": c["label"], "unit": c["unit"], "type": c["type"]}
                              for c in t["columns"]}
    return frame


class Report:
    """A report: .tables (analysis id -> typed DataFrame, in report order), .summary (summary.json as a dict).

    Each table's .attrs holds its title, formula, period, filter, n (the AI postings it describes)
    and each column's label and unit. .write(outdir) writes the folder the jobsift command writes.
    """

    def __init__(self, result):
        self._result = result
        self._tables = None
        self.summary = json.loads(result.summary_json())
        self.postings = result.postings
        self.duplicates = result.duplicates
        self.exit_code = result.exit_code

    @property
    def tables(self):
        """Analysis id -> typed DataFrame, in report order: made when first asked for (a report that is
        only written makes none)."""
        if self._tables is None:
            self._tables = {t["id"]: _table_frame(t) for t in self._result.tables()}
        return self._tables

    def write(self, outdir):
        """tables/<id>.csv, tables.json, tables.xlsx, report.html and summary.json (last) into outdir."""
        _call(self._result.write, os.fspath(outdir))

    def __repr__(self):
        return f"<jobsift.Report: {self.postings} postings, {self._result.table_count} tables>"


def report(paths, *, threads=None, definition=None, progress=None, state=None, **options):
    """The report of `jobsift report` over paths (a path, a list, or a DataFrame), as a Report.

    Options are the command's flags as keywords: half="2024H1", min_n, top_cities, top_industries,
    city, industry, dedup ("exact" or "none"), definition, classifier, config, data_dir,
    reference_date … state: also save the run's state file there (for merge).
    """
    with _Inputs(paths) as inputs:
        opts = _options(threads=threads, definition=definition, inputs=inputs.paths, **options)
        result = _call(_ext.report, opts, "", os.fspath(state) if state else "", _progress(progress))
        _say(result.messages, inputs)
    return Report(result)


def merge(states, **options):
    """The report one run over every input gives, from state files of runs over parts of them, in order."""
    states = [os.fspath(states)] if isinstance(states, (str, os.PathLike)) else [os.fspath(s) for s in states]
    result = _call(_ext.merge, _options(**options), states, "")
    _say(result.messages)
    return Report(result)


class Loaded:
    """States of finished runs held in memory: .view(**filter) is the Report of any slice of their
    postings without reading the inputs again (what `jobsift serve` shows; docs/serve.md).

    Filters: from, to (quarters, "2023Q1"), city, province, tier, industry, degree, size,
    experience (canonical values: .values(facet) lists them), definition (one .definitions marks
    available); table choices half ("2024H1": the focus half-year), min_n, top_cities,
    top_industries; threads. Duplicates are decided over all postings first, as `jobsift merge`
    decides them: a city's view is merge(states, city=...) exactly.
    """

    def __init__(self, loaded):
        self._loaded = loaded
        self.postings = loaded.postings      # loaded, re-posts included
        self.duplicates = loaded.duplicates  # of them, re-posts
        self.definition = loaded.definition  # the states' own AI definition
        self.states = list(loaded.states)

    def view(self, **filters):
        """The Report of the postings the filters keep (none: every posting)."""
        return Report(_call(self._loaded.view, filters))

    def values(self, facet):
        """The values a filter may give facet (quarter, half, city, province, tier, industry, degree,
        size, experience), most postings first (quarters and halves in time order)."""
        return list(self._loaded.values(facet))

    @property
    def definitions(self):
        """The AI definitions a view may ask for: name, codes, available, and why not."""
        return pd.DataFrame(self._loaded.definitions())

    def __repr__(self):
        return f"<jobsift.Loaded: {self.postings} postings ({self.duplicates} re-posts) from {len(self.states)} states>"


def load(states, **options):
    """States (report --state files) loaded once, in input order, for views of any slice (Loaded).

    Options: lexicons, lexicon_set (the lexicons the states were made with), data_dir (the data
    tables: cities' provinces and tiers).
    """
    states = [os.fspath(states)] if isinstance(states, (str, os.PathLike)) else [os.fspath(s) for s in states]
    loaded = _call(_ext.load, _options(**options), states)
    _say(loaded.messages)
    return Loaded(loaded)


# ---------------------------------------------------------------------------
# One value at a time

_annotators = {}


def _annotate_one(fields, options):
    options = {k: v for k, v in options.items() if v is not None}
    explain = bool(options.pop("explain", False))
    key = (explain,) + tuple(sorted((k, repr(v)) for k, v in options.items()))
    annotator = _annotators.get(key)
    if annotator is None:
        annotator = _call(_ext.Annotator, _options(**options), explain)
        _annotators[key] = annotator
    given = {}
    for k, v in fields.items():
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        if not isinstance(v, str):
            raise TypeError(f"{k} must be a str, not {type(v).__name__}")
        given[k] = v
    return _call(annotator.annotate, given)


def _pick(values, names, rename=None):
    rename = rename or {}
    return {rename.get(n, n): values[n] for n in names}


def parse_salary(text, **options):
    """A salary as the report reads it: monthly min and max (yuan), months paid, annual, unit, rule, unknown."""
    v = _annotate_one({"salary": text}, options)
    return _pick(v, ["salary_month_min", "salary_month_max", "salary_months", "salary_annual", "salary_unit",
                     "salary_rule", "salary_unknown"],
                 {"salary_month_min": "month_min", "salary_month_max": "month_max", "salary_months": "months",
                  "salary_annual": "annual", "salary_unit": "unit", "salary_rule": "rule", "salary_unknown": "unknown"})


def parse_city(text, **options):
    """A work place as a city, with its province and tier: {"city", "province", "tier", "rule", "unknown"}."""
    v = _annotate_one({"city": text}, options)
    return _pick(v, ["city", "province", "city_tier", "city_rule", "city_unknown"],
                 {"city_tier": "tier", "city_rule": "rule", "city_unknown": "unknown"})


def _one_field(field, column, text, options):
    v = _annotate_one({field: text}, options)
    return {"value": v[column], "rule": v[column + "_rule"], "unknown": v[column + "_unknown"]}


def parse_degree(text, **options):
    """A degree requirement as its band (本科, 硕士 …): {"value", "rule", "unknown"}."""
    return _one_field("degree", "degree", text, options)


def parse_experience(text, **options):
    """An experience requirement as its band (1-3年 …): {"value", "rule", "unknown"}."""
    return _one_field("experience", "experience", text, options)


def parse_size(text, **options):
    """A company size as its band: {"value", "rule", "unknown"}."""
    return _one_field("company_size", "company_size", text, options)


def parse_industry(text, **options):
    """An industry as its canonical name: {"value", "rule", "unknown"}."""
    return _one_field("company_indus", "industry", text, options)


def parse_date(text, *, reference_date=None, **options):
    """A posting date: {"value" (ISO date or None), "quarter", "half", "rule", "unknown"}.

    reference_date ("2024-06-30") resolves year-less and relative dates (04-20, 昨天).
    """
    v = _annotate_one({"date": text}, dict(options, reference_date=reference_date))
    return {"value": v["date"], "quarter": v["quarter"], "half": v["half"], "rule": v["date_rule"],
            "unknown": v["date_unknown"]}


def classify(title, description="", *, definition="default", explain=False, **options):
    """What kind of AI work a posting is, and whether it is an AI job under `definition`.

    Returns {"ai", "ai_rule", "ai_terms", "category", "category_name", "category_rule",
    "category_evidence"}; ai_terms are "term@section".
    """
    v = _annotate_one({"position": title, "description": description},
                      dict(options, definition=definition, explain=explain or None))
    return _pick(v, ["ai", "ai_rule", "ai_terms", "category", "category_name", "category_rule", "category_evidence"])
