"""ruff's bug-class checks (pyproject.toml [tool.ruff.lint]) pass on the package, tests and benchmarks."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_ruff_finds_no_bug_class_error():
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "dropout_lint", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ruff_format_leaves_the_code_as_it_is():
    # one formatting for everyone: `ruff format dropout_lint tests benchmarks` before committing
    r = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "dropout_lint", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
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
    ops.py / control.py reach flow.py only for type hints: no import cycle dodged inside functions."""
    import ast

    analysis = ROOT / "dropout_lint" / "analysis"
    interp = {"dropout_lint.analysis.flow", "dropout_lint.analysis.ops", "dropout_lint.analysis.control"}
    for name, banned in (
        ("domain.py", interp),
        ("ops.py", {"dropout_lint.analysis.flow"}),
        ("control.py", {"dropout_lint.analysis.flow"}),
    ):
        tree = ast.parse((analysis / name).read_text(encoding="utf-8"))
        type_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
            for n in ast.walk(node)
        }
        found = [
            n.module
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module in banned and id(n) not in type_only
        ]
        assert found == [], (name, found)


def test_mypy_passes_on_the_package():
    """mypy ([tool.mypy] in pyproject.toml) on the package: clean but for the modules listed
    there as debt."""
    r = subprocess.run([sys.executable, "-m", "mypy", "dropout_lint"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-2000:]


def test_the_repositorys_own_pre_commit_config_runs_the_ci_checks():
    """.pre-commit-config.yaml (for developers of dropout-lint) runs the same checks as CI:
    ruff, mypy, and the rules docs being current; every hook uses the environment's tools."""
    import yaml

    cfg = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in cfg["repos"] for h in repo["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "rules-docs"} <= set(hooks)
    assert hooks["ruff-format"]["entry"].startswith("ruff format")
    assert all(h["language"] == "system" for h in hooks.values())
    assert hooks["mypy"]["entry"].split()[0] == "mypy" and hooks["ruff"]["entry"].startswith("ruff check")
    r = subprocess.run(
        [sys.executable, "-m", "dropout_lint.docs", "--check", "docs/rules.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stdout + r.stderr
