"""Fixtures for the Python module's tests: the CLI beside the module, and generated postings."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)  # the jobsift package at the repository root


def _cli():
    path = os.environ.get("JOBSIFT_BINARY") or os.path.join(ROOT, "build", "bin", "jobsift")
    if not os.path.exists(path):
        pytest.exit(f"{path} is not built: run bash scripts/build.sh", returncode=2)
    return path


@pytest.fixture(scope="session")
def cli():
    return _cli()


def run_cli(*args, check=True):
    r = subprocess.run([_cli(), *map(str, args)], capture_output=True, text=True)
    if check and r.returncode not in (0, 1):
        raise AssertionError(f"jobsift {' '.join(map(str, args))} exited {r.returncode}: {r.stderr}")
    return r


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """4,000 generated postings (CSV) with planted re-posts."""
    path = tmp_path_factory.mktemp("gen") / "postings.csv"
    run_cli("gen", "--rows", 4000, "--seed", 7, "-o", path, "-q")
    return path
