"""ruff's bug-class checks (pyproject.toml [tool.ruff.lint]) pass on the package, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_no_bug_class_error():
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "dropout_lint", "tests", "benchmarks"],
                       cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_one_module_decides_what_a_class_is():
    """Issue 14: whether a class is a Keras Model / Layer subclass is decided in kinds.py only;
    the interpreter and the rules ask it (no second list of model base names in the analysis)."""
    import re

    pkg = ROOT / "dropout_lint"
    hits = []
    for path in sorted(pkg.rglob("*.py")):
        if path.name == "kinds.py" or "confirm" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"frozenset\(\{\s*\"Model\",", text) or re.search(r"^def base_kind\(", text, re.M):
            hits.append(str(path.relative_to(ROOT)))
    assert hits == []
