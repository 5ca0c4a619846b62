"""Every rule's valid and invalid examples, declared next to the rule, run as tests."""

from __future__ import annotations

import libcst as cst
import pytest

from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.fixes import apply_edits
from dropout_lint.rule import Invalid, all_rules, iter_examples, option_defaults

EXAMPLES = list(iter_examples())


def _lint(rule, example):
    options = dict(option_defaults())
    options.update(example.options)
    enabled = {rule.code, *options.pop("_select", [])}
    return lint_bytes(example.code.encode(), "example.py", FileSettings(frozenset(enabled), options))


def _id(pair):
    rule, ex = pair
    return f"{rule.code}-{'invalid' if isinstance(ex, Invalid) else 'valid'}"


@pytest.mark.parametrize("rule,example", EXAMPLES, ids=[_id(p) for p in EXAMPLES])
def test_example(rule, example):
    findings = [f for f in _lint(rule, example) if f.code == rule.code]
    if not isinstance(example, Invalid):
        assert findings == [], f"{rule.code} flagged a valid example:\n{example.code}\n{findings}"
        return
    assert len(findings) == example.count, f"{rule.code} on:\n{example.code}\ngot {findings}"
    first = findings[0]
    if example.line is not None:
        assert first.start.row == example.line, first
    if example.contains is not None:
        assert example.contains in first.message, first.message
    if example.fixed is not None:
        assert first.fix is not None, f"{rule.code}: no fix for\n{example.code}"
        fixed = apply_edits(example.code, first.fix.edits)
        assert fixed == example.fixed
        cst.parse_module(fixed)


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_each_rule_has_enough_examples(code):
    rule = all_rules()[code]
    minimum = 2 if code == "DL000" else 8
    assert len(rule.valid) >= minimum and len(rule.invalid) >= (3 if code == "DL000" else 8), code


@pytest.mark.parametrize("code", sorted(all_rules()))
def test_each_rule_is_documented(code):
    from dropout_lint.docs import SECTIONS

    rule = all_rules()[code]
    for section in SECTIONS:
        assert rule.doc_section(section), f"{code} lacks '## {section}'"
    assert rule.summary() and not rule.summary().startswith("#"), f"{code}: the docstring's first line is its summary"


@pytest.mark.parametrize("code", sorted(c for c, r in all_rules().items() if r.fixable))
def test_each_fix_is_shown_on_three_examples(code):
    """A fixable rule shows its exact fixed output on >= 3 examples (list, .add, functional/call site)."""
    rule = all_rules()[code]
    fixed = [ex for ex in rule.invalid if isinstance(ex, Invalid) and ex.fixed is not None]
    assert len(fixed) >= 3, f"{code} declares a fix but shows it on {len(fixed)} example(s)"


FIXED = [(r, ex) for r, ex in EXAMPLES if isinstance(ex, Invalid) and ex.fixed is not None]


@pytest.mark.parametrize("rule,example", FIXED, ids=[f"{r.code}-fixed{i}" for i, (r, _) in enumerate(FIXED)])
def test_fix_loop_converges(rule, example):
    """The --fix loop on each fixed example: parses after, and a second run changes nothing."""
    from dropout_lint.fixer import fix_text, parses
    from dropout_lint.sources import Unit
    from dropout_lint.engine import lint_unit

    options = dict(option_defaults())
    options.update(example.options)
    enabled = frozenset({rule.code, *options.pop("_select", [])})
    settings = FileSettings(enabled, options)

    def lint(text):
        return lint_unit(Unit(text), "example.py", settings)

    once, n, messages = fix_text(example.code, lint)
    assert n >= 1 and messages == [] and parses(once)
    if len([f for f in lint(example.code) if f.fix]) == 1:
        assert once == example.fixed
    again, n2, _ = fix_text(once, lint)
    assert again == once and n2 == 0
