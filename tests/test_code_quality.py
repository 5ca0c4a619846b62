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


def test_interpreter_imports_flow_one_way():
    """Issue 14: the value domain (analysis/domain.py) imports nothing of the interpreter, and
    ops.py / deep.py reach flow.py only for type hints: no import cycle dodged inside functions."""
    import ast

    analysis = ROOT / "dropout_lint" / "analysis"
    interp = {"dropout_lint.analysis.flow", "dropout_lint.analysis.ops", "dropout_lint.analysis.deep"}
    for name, banned in (("domain.py", interp), ("ops.py", {"dropout_lint.analysis.flow"}),
                         ("deep.py", {"dropout_lint.analysis.flow"})):
        tree = ast.parse((analysis / name).read_text(encoding="utf-8"))
        type_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                     and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
        found = [n.module for n in ast.walk(tree)
                 if isinstance(n, ast.ImportFrom) and n.module in banned and id(n) not in type_only]
        assert found == [], (name, found)
