"""The exact prefilter (dropout_lint/prefilter.py): a rule's words count only in code, and a parsed
file runs only the rules whose words it has."""

from __future__ import annotations

import ast

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from dl_testkit import fixture_and_example_inputs

import dropout_lint.engine as engine
import dropout_lint.prefilter as prefilter
from dropout_lint.guard import parse_guarded
from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules

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
    monkeypatch.setattr(
        engine, "_run_rules", lambda ctx, rules, fn: (ran.extend(r.code for r in rules), real(ctx, rules, fn))
    )
    text = (
        "import tensorflow as tf\n# a Dropout here would be wrong\nwith tf.GradientTape() as tape:\n    y = model(x)\n"
    )
    lint_bytes((text + "tape.gradient(y, model.trainable_variables)\n").encode(), "x.py", ALL)
    assert set(ran) == {"DL302", "DL312"}
    ran.clear()  # DL302's findings all need `.trainable_` in the text (its requires_text): not run
    lint_bytes(text.encode(), "x.py", ALL)
    assert set(ran) == {"DL312"}


def test_requires_text_skips_the_parse_but_not_python_s_verdict(monkeypatch):
    def no_parse(*a, **k):
        raise AssertionError("libcst must not be asked")

    monkeypatch.setattr(engine, "_parse_and_analyze", no_parse)
    dl302 = FileSettings(frozenset({"DL000", "DL302"}), ALL.options)
    text = "import tensorflow as tf\nwith tf.GradientTape() as tape:\n    y = model(x)\n"
    assert lint_bytes(text.encode(), "x.py", dl302) == []
    found = lint_bytes((text + "def (:\n").encode(), "x.py", dl302)
    assert [f.code for f in found] == ["DL000"]


def test_noqa_rule_still_reads_comments():
    text = "import keras\nx = keras.layers.Dense(2)  # noqa: DL202\n"
    codes = [f.code for f in lint_bytes(text.encode(), "x.py", ALL)]
    assert codes == ["DL901"]


def test_findings_identical_to_running_every_rule(monkeypatch):
    inputs = list(fixture_and_example_inputs())
    exact = [[f.as_json() for f in lint_bytes(d, n, ALL)] for n, d in inputs]
    monkeypatch.setattr(prefilter, "matching", lambda rules, data, code: rules)
    every = [[f.as_json() for f in lint_bytes(d, n, ALL)] for n, d in inputs]
    assert exact == every
    assert sum(map(len, exact)) > 100


def _code_and_tree(text: str):
    g = parse_guarded(text)
    if g.verdict is not None:
        return None, None, None
    data = text.encode("utf-8", "surrogatepass")
    return data, prefilter.code_bytes(data, g.strings), g.tree


def _offsets(data: bytes):
    import re

    return [0] + [m.end() for m in re.finditer(rb"\r\n|\r|\n", data)]


def _check_code_kept_strings_blanked(text: str) -> None:
    data, code, tree = _code_and_tree(text)
    if tree is None:
        return
    assert len(code) <= len(data) and code.count(b"\n") == data.count(b"\n")
    starts = _offsets(data)
    cstarts = _offsets(code)
    inside_f = []
    for n in ast.walk(tree):
        if isinstance(n, ast.JoinedStr):
            inside_f.append((n.lineno, n.col_offset, n.end_lineno, n.end_col_offset))

    def in_fstring(n):
        return any(
            (a, b) <= (n.lineno, n.col_offset) and (n.end_lineno, n.end_col_offset) <= (c, d) for a, b, c, d in inside_f
        )

    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and not in_fstring(n):
            # a name keeps its row, and its text is still there (columns may move: strings
            # earlier on the row shrink to one space, comments go)
            row = code[cstarts[n.lineno - 1] : (cstarts[n.lineno] if n.lineno < len(cstarts) else len(code))]
            # the name as written (Python NFKC-normalises identifiers: ``Aª`` is read as ``Aa``)
            written = data[starts[n.lineno - 1] + n.col_offset : starts[n.end_lineno - 1] + n.end_col_offset]
            assert written in row, (n.id, row)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) > 3 and not in_fstring(n):
            a = starts[n.lineno - 1] + n.col_offset
            b = starts[n.end_lineno - 1] + n.end_col_offset
            literal = data[a:b]
            assert literal not in code or literal.strip(b"\"'rRuUbB \t\r\n\\") == b"", literal


def test_code_bytes_on_the_fixtures_and_examples():
    for name, data in fixture_and_example_inputs():
        text = data.decode("utf-8", "surrogatepass")
        if not name.endswith(".ipynb"):
            _check_code_kept_strings_blanked(text)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(hypothesmith.from_grammar())
def test_code_bytes_on_generated_programs(text):
    _check_code_kept_strings_blanked(text)


def test_needs_parse_answers_as_every_substring_searched():
    from itertools import combinations

    from dropout_lint.engine import needs_parse, rules_for

    rules = [r for r in rules_for(all_rules()) if r.requires]
    subsets = [rules] + [list(c) for c in combinations(rules, 2)] + [[r] for r in rules]
    inputs = [d for _, d in fixture_and_example_inputs()] + [
        b"",
        b"x = AlphaDropout",
        b"keep_prob",
        b"# noqa",
        b"training = True",
    ]
    answers = set()
    for data in inputs:
        for rs in subsets:
            naive = any(s.encode() in data for r in rs for s in r.requires)
            assert needs_parse(data, rs) == naive
            answers.add(naive)
    assert answers == {True, False}
