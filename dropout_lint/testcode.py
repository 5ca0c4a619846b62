"""The test-code policy: which findings stay quiet in tests, decided in this one place.

Test suites build odd models on purpose: a framework test checks that `Dropout(1.5)` raises, that
a model ending in a Dropout serialises, that `set_learning_phase` still works. Those findings are
true of the code and useless to its authors, so in test code the rules listed in the option
`test-code-ignore` (codes, names or prefixes) are not reported. Test code is:

- a Python file named `test_*.py`, `*_test.py`, `*_tests.py` or `conftest.py`, or any `.py`
  file under a folder named `test` or `tests` (a notebook is never a test file: pytest does not
  run notebooks, and `mlflow_test.ipynb` is an experiment);
- elsewhere, the body of a module-level function named `test_*`, or `_test` / `_test_*` (a
  module's private self-check), but not `test_step` or any name with `step` (those are
  training-loop functions), or of a class named `Test*` or derived from a `*TestCase` class.

Set `test-code-ignore = []` to lint test code like any other code.
"""

from __future__ import annotations

import re
from pathlib import PurePath

OPTIONS = {
    # The structure and rate rules (tests build such models on purpose), DL301 / DL302 (tests
    # call models in one mode or the other to check behaviour, gradients, shapes: the six DL302
    # findings in test files of corpora A and B were all judged false), DL303 / DL304 / DL306 /
    # DL401 (tests of those APIs, such as TF1's ``tf.layers.dropout`` default).
    "test-code-ignore": ["DL1", "DL2", "DL301", "DL302", "DL303", "DL304", "DL306", "DL314", "DL401"],
}

_TEST_FILE = re.compile(r"^(test_.*|.*_tests?|conftest)\.py$")


def is_test_file(filename: str) -> bool:
    p = PurePath(filename.replace("\\", "/"))
    if p.suffix != ".py":
        return False  # a notebook: pytest does not collect it
    return bool(_TEST_FILE.match(p.name)) or any(part in ("test", "tests") for part in p.parts[:-1])


def quiet_codes(options: dict) -> set[str]:
    from dropout_lint.rule import expand_selector

    out: set[str] = set()
    for sel in options.get("test-code-ignore", OPTIONS["test-code-ignore"]) or []:
        try:
            out.update(expand_selector(sel))
        except KeyError:
            continue  # validated with the configuration
    return out


def _test_function(scope) -> bool:
    """A module-level ``test_*`` function as pytest collects it, or a private self-check
    ``_test()`` / ``_test_*``; Keras' ``test_step`` (and any ``*step*``) is a training-loop
    function, not a unit test."""
    parent = scope.parent
    return (
        parent is not None
        and parent.kind == "module"
        and re.match(r"_?test(_|$)", scope.name) is not None
        and "step" not in scope.name
    )


def test_rows(facts) -> list[tuple[int, int]]:
    """(first, last) rows of every test function or test class of the module."""
    out = []
    for s in facts.scopes:
        if s.node is None or s.kind not in ("function", "class"):
            continue
        if s.kind == "function" and not _test_function(s):
            continue
        if s.kind == "class" and not (s.name.startswith("Test") or any(b.endswith("TestCase") for b in s.bases)):
            continue
        try:
            r = facts.positions[s.node]
        except KeyError:
            continue
        out.append((r.start.line, r.end.line))
    return out


def filter_findings(findings: list, filename: str, facts, options: dict) -> list:
    codes = quiet_codes(options)
    if not codes or not any(f.code in codes for f in findings):
        return findings
    if is_test_file(filename):
        return [f for f in findings if f.code not in codes]
    spans = test_rows(facts)
    return [f for f in findings if f.code not in codes or not any(a <= f.start.row <= b for a, b in spans)]
