"""Finds the compiled half of jobsift, _jobsift, where the build put it.

scripts/build.sh builds it into build/python/ beside this package (or
$JOBSIFT_BUILD_DIR/python when set), so `import jobsift` works from the
repository root with nothing installed; see docs/python.md.
"""
import glob
import importlib.machinery
import importlib.util
import os
import sys


def _candidates():
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.environ.get("JOBSIFT_BUILD_DIR")
    dirs = [os.path.join(build, "python")] if build else []
    dirs.append(os.path.join(os.path.dirname(here), "build", "python"))
    for d in dirs:
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            yield from sorted(glob.glob(os.path.join(d, "_jobsift" + suffix)))


def extension():
    name = "jobsift._jobsift"
    if name in sys.modules:
        return sys.modules[name]
    for path in _candidates():
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
        return module
    raise ImportError(
        "jobsift's compiled module _jobsift is not built for this Python "
        f"({sys.executable}, {sys.version.split()[0]}): run `bash scripts/build.sh` "
        "in the repository (it builds build/python/_jobsift*.so for /usr/bin/python3), "
        "or set JOBSIFT_BUILD_DIR to the build folder that holds python/")
