"""docs/python.md runs as written: its Python blocks, in order, as one script.

Run directly (/usr/bin/python3 tests/python/test_docs.py) it runs the guide from the repository root."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def guide_script():
    with open(os.path.join(ROOT, "docs", "python.md"), encoding="utf-8") as f:
        blocks = re.findall(r"```python\n(.*?)```", f.read(), flags=re.S)
    assert len(blocks) >= 8, "docs/python.md lost its examples"
    return "\n".join(blocks)


def run_guide(workdir, env_extra=None):
    script = os.path.join(workdir, "guide.py")
    with open(script, "w", encoding="utf-8") as f:
        f.write(guide_script())
    env = dict(os.environ, PYTHONPATH=ROOT, **(env_extra or {}))
    return subprocess.run(["/usr/bin/python3", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_the_guide_runs(tmp_path):
    r = run_guide(tmp_path, {"JOBSIFT_GUIDE_DATA": str(tmp_path / "postings.jsonl"),
                             "JOBSIFT_GUIDE_OUT": str(tmp_path / "out")})
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    assert "AI postings" in r.stdout and "'parts': 4" in r.stdout
    assert (tmp_path / "out" / "ai_share_by_province.png").stat().st_size > 1000
    assert (tmp_path / "out" / "report" / "summary.json").exists()


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        r = run_guide(d)
        sys.stdout.write(r.stdout)
        sys.stderr.write(r.stderr)
        sys.exit(r.returncode)
