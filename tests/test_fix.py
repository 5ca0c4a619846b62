"""``--fix`` and ``--diff`` through the real command: bytes, encodings, modes, idempotence, safety."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest

from conftest import FIXTURES, ROOT, run_cli

# DL101 (trailing Dropout) + DL203 (rate 0) + DL103 (0.5 then 0.5) in one Sequential.
MESSY = (
    "import keras\n"
    "m = keras.Sequential([\n"
    "    keras.layers.Dense(3),\n"
    "    keras.layers.Dropout(0.0),\n"
    "    keras.layers.Dense(3),\n"
    "    keras.layers.Dropout(0.5),\n"
    "    keras.layers.Dropout(0.5),\n"
    "    keras.layers.Dense(1, activation='sigmoid'),\n"
    "    keras.layers.Dropout(0.3),\n"
    "])\n"
)
CLEAN = (
    "import keras\n"
    "m = keras.Sequential([\n"
    "    keras.layers.Dense(3),\n"
    "    keras.layers.Dense(3),\n"
    "    keras.layers.Dropout(0.75),\n"
    "    keras.layers.Dense(1, activation='sigmoid'),\n"
    "])\n"
)
# A finding without a fix (rate 0.9) next to one with a fix.
MIXED = "import keras\nm = keras.Sequential([keras.layers.Dense(3), keras.layers.Dropout(0.9), keras.layers.Dense(1), keras.layers.Dropout(0.2)])\n"


def put(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_fix_rewrites_and_reports_remaining(tmp_path):
    p = put(tmp_path, "m.py", MESSY.encode())
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert p.read_text() == CLEAN
    assert "(3 fixed, 0 remaining)" in r.stdout
    r2 = run_cli("m.py", cwd=tmp_path)
    assert r2.returncode == 0 and "All checks passed" in r2.stdout


def test_fix_keeps_findings_without_fix_and_exits_1(tmp_path):
    p = put(tmp_path, "m.py", MIXED.encode())
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 1
    assert p.read_text() == MIXED.replace(", keras.layers.Dropout(0.2)", "")
    lines = r.stdout.splitlines()
    assert lines[0].startswith("m.py:2:") and "DL202" in lines[0]
    assert "Found 2 findings (1 fixed, 1 remaining)." in r.stdout
    assert "fixable with the `--fix` option" not in r.stdout


def test_text_report_counts_fixable(tmp_path):
    put(tmp_path, "m.py", MIXED.encode())
    r = run_cli("--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.stdout.rstrip().endswith("[*] 1 fixable with the `--fix` option.")
    # DL101's fix is unsafe: without --unsafe-fixes it is not counted as fixable, only hinted at
    r = run_cli("m.py", cwd=tmp_path)
    assert "[*]" not in r.stdout
    assert r.stdout.rstrip().endswith(
        "No fixes available (1 hidden fix can be enabled with the `--unsafe-fixes` option)."
    )
    r = run_cli("--select", "DL202", "m.py", cwd=tmp_path)
    assert "fixable" not in r.stdout


def test_second_fix_changes_nothing(tmp_path):
    p = put(tmp_path, "m.py", MESSY.encode())
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    before = p.read_bytes()
    os.utime(p, ns=(1_000_000_000, 1_000_000_000))
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 0 and p.read_bytes() == before
    assert p.stat().st_mtime_ns == 1_000_000_000
    assert "fixed" not in r.stdout


@pytest.mark.parametrize(
    "data",
    [
        "import keras\r\nm = keras.Sequential([keras.layers.Dropout(0.9), keras.layers.Dense(1)])\r\n".encode(),
        "\ufeffimport keras\nm = keras.Sequential([keras.layers.Dropout(0.9), keras.layers.Dense(1)])  # é\n".encode(
            "utf-8"
        ),
        "# -*- coding: latin-1 -*-\nimport keras\n# café\nm = keras.layers.Dropout(0.95)\n".encode("latin-1"),
        b"import keras\rm = keras.layers.Dropout(0.95)\r",
    ],
    ids=["crlf", "bom", "latin-1", "cr"],
)
def test_file_without_fix_is_never_rewritten(tmp_path, data):
    p = put(tmp_path, "m.py", data)
    os.utime(p, ns=(1_000_000_000, 1_000_000_000))
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # the DL202 finding has no fix
    assert p.read_bytes() == data
    assert p.stat().st_mtime_ns == 1_000_000_000


def test_crlf_is_kept(tmp_path):
    p = put(tmp_path, "m.py", MESSY.replace("\n", "\r\n").encode())
    r = run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert p.read_bytes() == CLEAN.replace("\n", "\r\n").encode()


def test_cr_only_is_kept(tmp_path):
    p = put(tmp_path, "m.py", MESSY.replace("\n", "\r").encode())
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert p.read_bytes() == CLEAN.replace("\n", "\r").encode()


def test_form_feed_does_not_shift_rows(tmp_path):
    # Python treats \f as whitespace, not a line break: edits must land on the right row.
    src = "import keras\n\x0c\nm = keras.Sequential([\n    keras.layers.Dense(1),\n    keras.layers.Dropout(0.5),\n])\n"
    p = put(tmp_path, "m.py", src.encode())
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert p.read_text() == "import keras\n\x0c\nm = keras.Sequential([\n    keras.layers.Dense(1),\n])\n"


def test_bom_is_kept(tmp_path):
    p = put(tmp_path, "m.py", ("\ufeff# é\n" + MESSY).encode("utf-8"))
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert p.read_bytes() == ("\ufeff# é\n" + CLEAN).encode("utf-8")


def test_latin1_coding_line_is_kept(tmp_path):
    head = "# -*- coding: latin-1 -*-\n# modèle à régulariser\n"
    p = put(tmp_path, "m.py", (head + MESSY).encode("latin-1"))
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert p.read_bytes() == (head + CLEAN).encode("latin-1")


def test_mode_is_kept(tmp_path):
    p = put(tmp_path, "m.py", MESSY.encode())
    os.chmod(p, 0o751)
    assert run_cli("--fix", "--unsafe-fixes", "m.py", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(p.stat().st_mode) == 0o751
    assert p.read_text() == CLEAN
    # no temporary file is left behind (the findings cache lives in the project root: not a leftover)
    assert sorted(x.name for x in tmp_path.iterdir() if x.name != ".dropout_lint_cache") == ["m.py"]


def test_symlink_keeps_pointing_at_the_fixed_file(tmp_path):
    real = put(tmp_path, "real.py", MESSY.encode())
    (tmp_path / "sub").mkdir()
    link = tmp_path / "sub" / "link.py"
    link.symlink_to(real)
    assert run_cli("--fix", "--unsafe-fixes", "sub/link.py", cwd=tmp_path).returncode == 0
    assert link.is_symlink() and real.read_text() == CLEAN


def test_failed_write_leaves_original_intact(tmp_path, monkeypatch):
    """A failure while writing (here: os.replace raising) leaves the original and no temp file."""
    from dropout_lint import fixer
    from dropout_lint.config import Config, effective

    p = put(tmp_path, "m.py", MESSY.encode())

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "replace", boom)
    monkeypatch.chdir(tmp_path)
    eff = effective(Config(root=tmp_path))
    outcome = fixer.fix_files([p], eff, unsafe=True)
    assert p.read_text() == MESSY
    assert outcome.fixed == 0 and any("not written" in m for m in outcome.messages)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["m.py"]


def test_diff_prints_and_does_not_write(tmp_path):
    p = put(tmp_path, "m.py", MIXED.encode())
    r = run_cli("--diff", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 1
    assert p.read_text() == MIXED
    expected = (
        "--- m.py\n+++ m.py\n@@ -1,2 +1,2 @@\n import keras\n"
        "-" + MIXED.splitlines()[1] + "\n"
        "+" + MIXED.splitlines()[1].replace(", keras.layers.Dropout(0.2)", "") + "\n"
    )
    assert r.stdout == expected
    assert "Would fix 1 finding." in r.stderr


def test_diff_exit_0_when_nothing_to_fix(tmp_path):
    put(tmp_path, "m.py", b"import keras\nm = keras.layers.Dropout(0.95)\n")
    r = run_cli("--diff", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout == ""


def test_diff_marks_missing_final_newline(tmp_path):
    put(tmp_path, "m.py", b"import keras\nm = keras.Sequential([keras.layers.Dense(1), keras.layers.Dropout(0.3)])")
    r = run_cli("--diff", "--unsafe-fixes", "m.py", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.count("\\ No newline at end of file") == 2


def test_unparseable_fix_is_dropped_and_reported(tmp_path, monkeypatch):
    """A rule whose fix would break the file: nothing is written, one line on stderr."""
    from dropout_lint import fixer
    from dropout_lint.config import Config, effective
    from dropout_lint.finding import Edit, Fix, Pos
    from dropout_lint.rules import dl203_dropout_rate_zero as dl203

    src = "import keras\nm = keras.Sequential([keras.layers.Dense(2), keras.layers.Dropout(0.0), keras.layers.Dense(1)])\n"
    p = put(tmp_path, "m.py", src.encode())
    os.utime(p, ns=(1_000_000_000, 1_000_000_000))

    def broken(ctx, node):
        return Fix("break it", [Edit("(", Pos(2, 1), Pos(2, 2))])

    monkeypatch.setattr("dropout_lint.fixes.remove_layer", broken)
    monkeypatch.chdir(tmp_path)
    eff = effective(Config(root=tmp_path))
    outcome = fixer.fix_files([p], eff, unsafe=True)
    assert outcome.fixed == 0
    assert len(outcome.messages) == 1
    assert "m.py:2:" in outcome.messages[0] and "DL203" in outcome.messages[0] and "not parse" in outcome.messages[0]
    assert p.read_bytes() == src.encode() and p.stat().st_mtime_ns == 1_000_000_000
    assert dl203.DropoutRateZero.fixable


def test_bad_fix_next_to_good_fix(tmp_path, monkeypatch):
    """The good fix is applied, the bad one dropped; the loop ends."""
    from dropout_lint import fixer
    from dropout_lint.finding import Edit, Fix, Finding, Pos

    text = "a = 1\nb = 2\n"

    def lint(t):
        out = []
        if "a = 1" in t:
            out.append(
                Finding(
                    "DL999",
                    "x",
                    "info",
                    "m",
                    "f.py",
                    Pos(1, 1),
                    Pos(1, 2),
                    fix=Fix("ok", [Edit("A", Pos(1, 1), Pos(1, 2))]),
                )
            )
        out.append(
            Finding(
                "DL998",
                "y",
                "info",
                "m",
                "f.py",
                Pos(2, 1),
                Pos(2, 2),
                fix=Fix("bad", [Edit("b b", Pos(2, 1), Pos(2, 2))]),
            )
        )
        return out

    new, n, messages = fixer.fix_text(text, lint, "f.py")
    assert new == "A = 1\nb = 2\n" and n == 1 and len(messages) == 1 and "DL998" in messages[0]


def test_overlapping_fixes_take_two_passes():
    from dropout_lint import fixer
    from dropout_lint.finding import Edit, Fix, Finding, Pos

    calls = []

    def lint(t):
        calls.append(t)
        out = []
        if "ab" in t:  # A: "ab" -> "xy"
            c = t.index("ab") + 1
            out.append(
                Finding(
                    "DL1",
                    "a",
                    "info",
                    "m",
                    "f",
                    Pos(1, c),
                    Pos(1, c + 2),
                    fix=Fix("a", [Edit("xy", Pos(1, c), Pos(1, c + 2))]),
                )
            )
        if not t.startswith("q"):  # B: prefix the first character with "q" (overlaps A)
            out.append(
                Finding(
                    "DL2",
                    "b",
                    "info",
                    "m",
                    "f",
                    Pos(1, 1),
                    Pos(1, 2),
                    fix=Fix("b", [Edit("q" + t[0], Pos(1, 1), Pos(1, 2))]),
                )
            )
        return out

    new, n, messages = fixer.fix_text("ab = 1\n", lint)
    assert new == "qxy = 1\n" and n == 2 and messages == []
    assert calls == ["ab = 1\n", "qab = 1\n", "qxy = 1\n"]


def test_fix_and_json_report_the_remaining(tmp_path):
    put(tmp_path, "m.py", MIXED.encode())
    r = run_cli("--fix", "--unsafe-fixes", "--output-format", "json", "m.py", cwd=tmp_path)
    data = json.loads(r.stdout)
    assert [f["code"] for f in data] == ["DL202"] and data[0]["fix"] is None


def test_fix_respects_noqa_and_select(tmp_path):
    src = "import keras\nm = keras.Sequential([keras.layers.Dense(1), keras.layers.Dropout(0.3)])  # noqa: DL101\n"
    p = put(tmp_path, "a.py", src.encode())
    assert run_cli("--fix", "--unsafe-fixes", "a.py", cwd=tmp_path).returncode == 0
    assert p.read_text() == src
    p2 = put(tmp_path, "b.py", MESSY.encode())
    run_cli("--fix", "--unsafe-fixes", "--select", "DL203", "b.py", cwd=tmp_path)
    assert p2.read_text() == MESSY.replace("    keras.layers.Dropout(0.0),\n", "")


def test_fix_fixture_copy_leaves_only_unfixable_findings(tmp_path):
    """The issue's acceptance check: after --fix on a copy of fixtures/, no finding has a fix."""
    dst = tmp_path / "fixtures-copy"
    shutil.copytree(FIXTURES, dst)
    before = json.loads(run_cli("--output-format", "json", "--extend-select", "ALL", ".", cwd=dst).stdout)
    assert any(f["fix"] for f in before), "the fixtures should contain fixable findings"
    run_cli("--fix", "--unsafe-fixes", "--extend-select", "ALL", ".", cwd=dst)
    after = json.loads(run_cli("--output-format", "json", "--extend-select", "ALL", ".", cwd=dst).stdout)
    assert after and not [f for f in after if f["fix"]]
    # --fix never makes a file unparseable
    errors = lambda fs: {f["filename"] for f in fs if f["code"] == "DL000"}  # noqa: E731
    assert errors(after) == errors(before)
    # files with nothing to fix are byte-identical
    fixed_files = {f["filename"] for f in before if f["fix"]}
    for src in FIXTURES.rglob("*"):
        rel = src.relative_to(FIXTURES).as_posix()
        if src.is_file() and rel not in fixed_files and ".dropout_lint_cache" not in src.parts:
            assert (dst / rel).read_bytes() == src.read_bytes(), rel


def test_docs_are_current():
    from dropout_lint.docs import render

    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render(), (
        "docs/rules.md is out of date: run `python -m dropout_lint.docs > docs/rules.md`"
    )


def test_docs_anchor_matches_finding_url():
    from dropout_lint.docs import anchor
    from dropout_lint.finding import Finding, Pos
    from dropout_lint.rule import all_rules

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code, rule in all_rules().items():
        url = Finding(code, rule.name, rule.severity, "", "f", Pos(1, 1), Pos(1, 1)).url
        assert url.endswith("#" + anchor(rule))
        assert f"\n## {code} {rule.name}\n" in text


def test_explain_every_code_and_name(tmp_path):
    from dropout_lint.cli import _explain
    from dropout_lint.rule import all_rules

    for code, rule in all_rules().items():
        out = _explain(code.lower())
        assert out.startswith(f"# {code} {rule.name}") and "## Why is this bad?" in out
        assert _explain(rule.name) == out
    r = run_cli("--explain", "consecutive-dropout", cwd=tmp_path)
    assert r.returncode == 0 and "1-(1-p)(1-q)" in r.stdout
    r = run_cli("--explain", "DL777", cwd=tmp_path)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


def test_list_rules_has_fix_column(tmp_path):
    r = run_cli("--list-rules", cwd=tmp_path)
    rows = {line.split()[0]: line.split() for line in r.stdout.splitlines()[1:]}
    assert rows["DL101"][-1] == "yes" and rows["DL202"][-1] == "no"


def _notebook(cells, indent=1, **kw):
    nb = {
        "cells": [
            {
                "cell_type": t,
                "metadata": {},
                "source": src,
                **({"execution_count": None, "outputs": []} if t == "code" else {}),
            }
            for t, src in cells
        ],
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return (json.dumps(nb, indent=indent, ensure_ascii=False, **kw) + "\n").encode()


NB_CELLS = [
    ("markdown", ["# Dropout(0.0) in markdown is not code — é\n"]),
    ("code", ["%matplotlib inline\n", "!pip install keras\n", "import keras\n", "from keras import layers"]),
    (
        "code",
        [
            "m = keras.Sequential([\n",
            "    layers.Dense(4),\n",
            "    layers.Dropout(0.0),\n",
            "    layers.Dense(1),\n",
            "    layers.Dropout(0.2),\n",
            "])",
        ],
    ),
    ("code", "x = layers.Dropout(0.95)\n"),
]


def test_notebook_fix_inside_code_cells_keeps_the_rest(tmp_path):
    data = _notebook(NB_CELLS)
    p = put(tmp_path, "nb.ipynb", data)
    r = run_cli("--fix", "--unsafe-fixes", "nb.ipynb", cwd=tmp_path)
    assert r.returncode == 1, r.stderr  # DL202 in cell 4 remains
    assert "(2 fixed, 1 remaining)" in r.stdout and "nb.ipynb:cell 4:1:5: DL202" in r.stdout
    expected = [list(c) for c in NB_CELLS]
    expected[2][1] = ["m = keras.Sequential([\n", "    layers.Dense(4),\n", "    layers.Dense(1),\n", "])"]
    assert p.read_bytes() == _notebook([tuple(c) for c in expected])
    again = run_cli("--fix", "--unsafe-fixes", "nb.ipynb", cwd=tmp_path)
    assert "fixed" not in again.stdout and p.read_bytes() == _notebook([tuple(c) for c in expected])


def test_notebook_diff_names_the_cell(tmp_path):
    data = _notebook(NB_CELLS, indent=2)
    p = put(tmp_path, "nb.ipynb", data)
    r = run_cli("--diff", "--unsafe-fixes", "nb.ipynb", cwd=tmp_path)
    assert r.returncode == 1 and p.read_bytes() == data
    assert r.stdout.startswith("--- nb.ipynb:cell 3\n+++ nb.ipynb:cell 3\n")
    assert "-    layers.Dropout(0.0),\n" in r.stdout and "-    layers.Dropout(0.2),\n" in r.stdout


def test_notebook_with_unknown_layout_is_not_rewritten(tmp_path):
    data = _notebook(NB_CELLS).replace(b'"cells": [', b'"cells"   : [')
    p = put(tmp_path, "nb.ipynb", data)
    r = run_cli("--fix", "--unsafe-fixes", "nb.ipynb", cwd=tmp_path)
    assert p.read_bytes() == data
    assert "fixes not written" in r.stderr and "Traceback" not in r.stderr


def test_notebook_fixture_fix(tmp_path):
    src = FIXTURES / "notebook_demo.ipynb"
    if not src.exists():
        pytest.fail("fixtures/notebook_demo.ipynb is expected (issue 5)")
    p = tmp_path / "demo.ipynb"
    shutil.copy(src, p)
    run_cli("--fix", "--unsafe-fixes", "demo.ipynb", cwd=tmp_path)
    before, after = json.loads(src.read_bytes()), json.loads(p.read_bytes())
    changed = [i for i, (a, b) in enumerate(zip(before["cells"], after["cells"])) if a != b]
    assert changed and all(before["cells"][i]["cell_type"] == "code" for i in changed)
    for i in changed:
        a, b = dict(before["cells"][i]), dict(after["cells"][i])
        a.pop("source"), b.pop("source")
        assert a == b
    assert {k: v for k, v in before.items() if k != "cells"} == {k: v for k, v in after.items() if k != "cells"}
    r = run_cli("--output-format", "json", "demo.ipynb", cwd=tmp_path)
    assert not [f for f in json.loads(r.stdout) if f["fix"]]
