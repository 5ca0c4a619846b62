"""The exact prefilter (dropout_lint/prefilter.py): a rule's words count only in code, and a parsed
file runs only the rules whose words it has."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dropout_lint.engine as engine
import dropout_lint.prefilter as prefilter
from dropout_lint.deep import parse_guarded
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules, iter_examples

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
ALL = FileSettings(frozenset(all_rules()), {})


def code_of(text: str) -> str:
    g = parse_guarded(text)
    assert g.verdict is None and isinstance(g.tree, ast.Module)
    return prefilter.code_bytes(text.encode(), g.strings).decode()


def test_strings_and_comments_are_blanked_code_is_kept():
    text = (
        '"""Dropout in the docstring."""\n'
        "x = 'Dropout' + b\"GradientTape\"  # Dropout in a comment\n"
        "s = '#' ; y = layers.Dropout(0.5)\n"
        'z = ("a"  # learning_phase\n     "b")\n'
        "t = '''multi\nline Dropout'''\n"
    )
    code = code_of(text)
    assert code.count("Dropout") == 1 and "layers.Dropout(0.5)" in code
    assert "GradientTape" not in code and "learning_phase" not in code
    assert code.count("\n") == text.count("\n")  # rows kept


def test_fstring_code_is_code_and_its_hash_is_no_comment():
    code = code_of('a = f"{Dropout(0.5)} #" + train_step()\nb = f"x" f"{y!r:>{w}}" "GradientTape"\n')
    assert "Dropout(0.5)" in code and "train_step()" in code


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_byte_columns_and_line_ends(newline):
    text = newline.join(["é = 'ünïcode Dropout'  # Dropout", "ß = layers.SpatialDropout1D(0.2)", ""])
    code = code_of(text)
    assert "Dropout'" not in code and "SpatialDropout1D(0.2)" in code and code.count("Dropout") == 1


def test_a_file_whose_words_are_only_in_comments_and_strings_is_not_parsed(monkeypatch):
    def no_parse(*a, **k):
        raise AssertionError("libcst must not be asked")

    monkeypatch.setattr(engine, "_parse_and_analyze", no_parse)
    text = '"""Uses keras.layers.Dropout and GradientTape."""\n# training=True, learning_phase\nx = "train_step"\n'
    assert lint_bytes(text.encode(), "x.py", ALL) == []


def test_a_parsed_file_runs_only_the_rules_it_matched(monkeypatch):
    ran = []
    real = engine._run_rules
    monkeypatch.setattr(engine, "_run_rules", lambda ctx, rules, fn: (ran.extend(r.code for r in rules), real(ctx, rules, fn)))
    text = "import tensorflow as tf\n# a Dropout here would be wrong\nwith tf.GradientTape() as tape:\n    y = model(x)\n"
    lint_bytes(text.encode(), "x.py", ALL)
    assert set(ran) == {"DL302", "DL312"}


def test_noqa_rule_still_reads_comments():
    text = "import keras\nx = keras.layers.Dense(2)  # noqa: DL202\n"
    codes = [f.code for f in lint_bytes(text.encode(), "x.py", ALL)]
    assert codes == ["DL901"]


def _inputs():
    for p in sorted(FIXTURES.rglob("*")):
        if p.suffix in (".py", ".ipynb"):
            yield p.name, p.read_bytes()
    for rule, ex in iter_examples():
        yield rule.code, ex.code.encode()


def test_findings_identical_to_running_every_rule(monkeypatch):
    inputs = list(_inputs())
    exact = [[f.as_json() for f in lint_bytes(d, n, ALL)] for n, d in inputs]
    monkeypatch.setattr(prefilter, "matching", lambda rules, data, code: rules)
    every = [[f.as_json() for f in lint_bytes(d, n, ALL)] for n, d in inputs]
    assert exact == every
    assert sum(map(len, exact)) > 100
