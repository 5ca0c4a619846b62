"""ruff's bug-class checks (pyproject.toml [tool.ruff.lint]) pass on the package, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_no_bug_class_error():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "dropout_lint", "tests", "benchmarks"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
