"""The one helper every test uses to lint a source string in-process (not named ``helpers``:
--confirm tests build projects with a ``helpers`` package of their own)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from dropout_lint.engine import FileSettings, lint_bytes
from dropout_lint.rule import all_rules, iter_examples, option_defaults

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def default_codes() -> frozenset[str]:
    return frozenset(c for c, r in all_rules().items() if r.default)


def lint_source(src: str, codes=None, filename: str = "t.py", **options):
    """Findings of the rules ``codes`` (default: the default-on rules) on ``src``, dedented.
    ``options`` override rule settings, with ``_`` for ``-`` (``max_rate=0.5``)."""
    opts = dict(option_defaults())
    opts.update({k.replace("_", "-"): v for k, v in options.items()})
    enabled = default_codes() if codes is None else frozenset(codes)
    return lint_bytes(textwrap.dedent(src).encode(), filename, FileSettings(enabled, opts))


def code_rows(src: str, codes=None, **options) -> list[tuple[str, int]]:
    return [(f.code, f.start.row) for f in lint_source(src, codes, **options)]


def fixture_and_example_inputs():
    """(name, bytes) of every fixture (.py, .ipynb) and every rule example."""
    for p in sorted(FIXTURES.rglob("*")):
        if p.suffix in (".py", ".ipynb"):
            yield p.name, p.read_bytes()
    for rule, ex in iter_examples():
        yield rule.code, ex.code.encode()
