"""Issue 18: Python's verdict before libcst, and a per-file budget.

A file CPython refuses gets DL000 with CPython's message; a file CPython compiles is never a
DL000 "syntax error"; a file past the budget (lines, bytes, syntax nodes, expression depth)
gets one DL000 finding and the rest of the run goes on. The long chains run through the real
command under an address-space cap, so an allocation blow-up or an abort in the native parser
fails the test instead of the machine.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from dropout_lint.guard import LIMITS, guard
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules

sys.path.insert(0, str(ROOT / "benchmarks"))
from bounded_cost import CHAINS, chain_case, size_case  # noqa: E402

DEFAULT = frozenset(c for c, r in all_rules().items() if r.default)
DROPOUT = "from keras import layers\nd = layers.Dropout(0.95)\n"  # one DL202 at row 2


def lint(src: str, **options):
    return lint_bytes(src.encode(), "m.py", FileSettings(DEFAULT, options))


def capped_cli(*args: str, cwd: Path, cap_mb: int = 2048) -> subprocess.CompletedProcess:
    """The real command with an address-space cap (a blow-up becomes a failure, not an OOM)."""

    def limit() -> None:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    env = dict(os.environ, DROPOUT_LINT_NO_CACHE="1")
    return subprocess.run(
        [sys.executable, "-m", "dropout_lint", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        preexec_fn=limit,
    )


# ---------------------------------------------------------------------------- CPython's verdict
@pytest.mark.parametrize(
    "src, row, kind",
    [
        ("if True:\n        x = 1\n    y = 2\n", 5, "IndentationError"),  # inconsistent dedent
        ("\\\n  y = 2\n", 4, "IndentationError"),  # libcst accepts these three
        ("\f\\\n  y = 2\n", 4, "IndentationError"),  # a form feed, a backslash
    ],
)
def test_file_cpython_refuses_gets_its_message(src, row, kind):
    found = lint(DROPOUT + src)
    assert [f.code for f in found] == ["DL000"], found
    assert found[0].message.startswith(f"{kind}: "), found[0].message
    assert found[0].start.row == row


@pytest.mark.parametrize(
    "src",
    [
        "if x:\n\tif y:\n\t        pass\n",  # a tab/space mix CPython accepts
        "s = (" + "'a'\n" * 10_000 + ")\n",  # 10,000 adjacent string literals
        "x = 1\n\\\n\n",  # a backslash on a line of its own
    ],
)
def test_file_cpython_compiles_is_never_a_parse_error(src):
    found = lint(DROPOUT + src)
    assert "DL000" not in [f.code for f in found], found


def test_no_syntax_warning_on_stderr(tmp_path):
    (tmp_path / "m.py").write_text(DROPOUT + 'p = "\\d+"\nok = x is 1\n', encoding="utf-8")
    r = capped_cli("m.py", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert [f["code"] for f in json.loads(r.stdout)] == ["DL202"]
    assert "SyntaxWarning" not in r.stderr and "Warning" not in r.stderr, r.stderr


# ---------------------------------------------------------------------------- the budget
def test_guard_limits_and_messages():
    assert guard("x = 1\n" * 50, {"max-file-size": 49})[0] == (
        "too large to analyse: 50 lines, limit 49; raise `max-file-size` to analyse it"
    )
    assert guard("x = 1\n" * 50, {"max-file-size": 50}) is None
    assert guard("x = 1\n" * 50, {"max-file-bytes": 100})[0].startswith("too large to analyse: 300 bytes, limit 100;")
    msg = guard("y = [" + "1, " * 500 + "]\n", {"max-syntax-nodes": 400})[0]
    assert msg.startswith("too large to analyse: about 503 syntax nodes, limit 400;"), msg
    msg = guard("y = f(a, b, c)\n" * 40, {"max-syntax-nodes": 250})[0]  # few marks, many nodes
    assert msg.startswith("too large to analyse: more than 250 syntax nodes"), msg
    msg, row, col = guard("x = 1\ny = " + "a + " * 30 + "a\n", {"max-expression-depth": 10})
    assert msg.startswith("too deep to analyse: expressions nested 11 deep, limit 10; raise `max-expression-depth`")
    assert (row, col) == (2, 5)  # where the too-deep expression starts
    assert guard("x = 1\ny = " + "a + " * 30 + "a\n", {"max-expression-depth": 40}) is None


def test_defaults_pass_a_60k_line_file_and_refuse_200k():
    assert guard(size_case(60_000), LIMITS) is None
    msg = guard(size_case(200_000), LIMITS)[0]
    assert msg == "too large to analyse: 200,000 lines, limit 100,000; raise `max-file-size` to analyse it"


def test_large_file_is_one_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "big.py").write_text(size_case(200_000), encoding="utf-8")
    (tmp_path / "small.py").write_text(DROPOUT, encoding="utf-8")
    r = capped_cli(".", cwd=tmp_path, cap_mb=1024)  # libcst on big.py would need gigabytes
    assert r.returncode == 1, r.stderr[-2000:]
    got = [(f["filename"], f["code"], f["message"][:29]) for f in json.loads(r.stdout)]
    assert got == [
        ("big.py", "DL000", "too large to analyse: 200,000"),
        ("small.py", "DL202", "Dropout rate 0.95 is above 0."),
    ]


def test_limits_from_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\nmax-file-size = 2\n", encoding="utf-8")
    (tmp_path / "m.py").write_text(DROPOUT + "x = 1\n", encoding="utf-8")
    r = capped_cli("m.py", cwd=tmp_path)
    assert [f["message"] for f in json.loads(r.stdout)] == [
        "too large to analyse: 3 lines, limit 2; raise `max-file-size` to analyse it"
    ]
    (tmp_path / "pyproject.toml").write_text("[tool.dropout-lint]\nmax-file-size = 3\n", encoding="utf-8")
    r = capped_cli("m.py", cwd=tmp_path)
    assert [f["code"] for f in json.loads(r.stdout)] == ["DL202"]


@pytest.mark.parametrize("value", ["-1", "0", "1.5", '"big"', "true"])
def test_bad_limit_is_a_config_error(tmp_path, value):
    (tmp_path / "pyproject.toml").write_text(f"[tool.dropout-lint]\nmax-expression-depth = {value}\n", encoding="utf-8")
    (tmp_path / "m.py").write_text(DROPOUT, encoding="utf-8")
    r = capped_cli("m.py", cwd=tmp_path)
    assert r.returncode == 2
    assert "max-expression-depth: expected a positive whole number" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_10k_chains_end_with_a_finding_or_clean_never_an_abort(tmp_path):
    for kind in CHAINS:
        (tmp_path / f"chain_{kind}.py").write_text(chain_case(kind, 10_000), encoding="utf-8")
    (tmp_path / "small.py").write_text(DROPOUT, encoding="utf-8")
    r = capped_cli("--jobs", "1", ".", cwd=tmp_path, cap_mb=2048)
    assert r.returncode == 1, r.stderr[-2000:]
    assert "Traceback" not in r.stderr, r.stderr
    items = json.loads(r.stdout)
    by_file: dict[str, list] = {}
    for f in items:
        by_file.setdefault(f["filename"], []).append(f)
    for kind in CHAINS:
        codes = [f["code"] for f in by_file.get(f"chain_{kind}.py", [])]
        if kind == "dropout":  # 10,000 statements, each a Dropout after a Dropout: analysed
            assert codes.count("DL103") == 9_999
        else:  # Python cannot compile it, or it is past max-expression-depth
            assert codes == ["DL000"], (kind, codes)
            msg = by_file[f"chain_{kind}.py"][0]["message"]
            assert "too deep" in msg or "too deeply nested" in msg, msg
    assert [f["code"] for f in by_file["small.py"]] == ["DL202"]


@pytest.mark.parametrize("kind", [k for k in CHAINS if k != "dropout"])
def test_chains_at_the_depth_limit_are_analysed_without_recursion_errors(kind, capfd):
    n = 999 if kind not in ("plus", "pow") else 1000  # the deepest chain within the default limit
    assert guard(chain_case(kind, n)) is None and guard(chain_case(kind, n + 1)) is not None
    found = lint(chain_case(kind, n))
    assert [f.code for f in found] == ["DL202"], found
    assert capfd.readouterr().err == ""  # no rule skipped as "too deeply nested"


# ---------------------------------------------------------------------------- printable output
EVIL = "x\n::error file=EVIL.py,line=1::pwned\x1b[2J.py"


def test_control_characters_in_names_are_escaped_in_text_output(tmp_path):
    (tmp_path / EVIL).write_text(DROPOUT, encoding="utf-8")
    env = dict(os.environ, DROPOUT_LINT_NO_CACHE="1")
    for args in ((), (EVIL,), (EVIL, "missing\n::warning::x.py")):
        r = subprocess.run(
            [sys.executable, "-m", "dropout_lint", *args], cwd=tmp_path, capture_output=True, text=True, env=env
        )
        assert r.returncode in (1, 2), r.stderr
        for out in (r.stdout, r.stderr):
            assert not any(line.startswith("::") for line in out.splitlines()), out
            assert "\x1b" not in out
        assert "x\\n::error file=EVIL.py,line=1::pwned\\x1b[2J.py:2:5: DL202" in r.stdout
    assert "missing\\n::warning::x.py: no such file or folder" in r.stderr


def test_control_characters_in_messages_are_escaped():
    from dropout_lint.finding import Finding, Pos
    from dropout_lint.report.text import line

    f = Finding("DL000", "parse-error", "error", "bad\r\n::error::x\u2028y", "a\tb.py", Pos(1, 1), Pos(1, 1))
    assert line(f) == "a\\tb.py:1:1: DL000 bad\\r\\n::error::x\\u2028y"


def test_top_level_await_is_python_s_verdict_in_a_file_and_fine_in_a_notebook():
    from dropout_lint.engine import lint_unit
    from dropout_lint.notebook import cells_unit

    found = lint(DROPOUT + "await x\n")
    assert [(f.code, f.start.row, f.message) for f in found] == [("DL000", 3, "SyntaxError: 'await' outside function")]
    unit = cells_unit([DROPOUT, "await x\n"])
    found = lint_unit(unit, "nb.ipynb", FileSettings(DEFAULT, {}))
    assert [(f.code, f.cell, f.start.row) for f in found] == [("DL202", 1, 2)]
