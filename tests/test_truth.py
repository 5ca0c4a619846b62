"""One evaluator for the tests the interpreter and the rules decide (analysis/truth.py)."""

from __future__ import annotations

import libcst as cst
import pytest

from dl_testkit import code_rows
from dropout_lint.analysis import truth


def _holds(test: str, **names):
    def lookup(e):
        if isinstance(e, cst.Name) and e.value in names:
            return names[e.value]
        return truth.UNKNOWN

    return truth.truth(cst.parse_expression(test), lookup)


@pytest.mark.parametrize(
    "test, names, expected",
    [
        ("dropout", {"dropout": 0.0}, False),
        ("not use_bn", {"use_bn": True}, False),
        ("rate is None", {"rate": None}, True),
        ("rate is not None", {"rate": 0.3}, True),
        ("rate is other", {"rate": 0.3, "other": 0.3}, None),  # `is` between numbers: not decided
        ("rate is None", {"rate": truth.NOT_NONE}, False),
        ("rate == 0.5", {"rate": truth.NOT_NONE}, None),
        ("mode == 'full'", {"mode": "lite"}, False),
        ("0 < rate < 1", {"rate": 0.5}, True),
        ("0 < rate < 1", {"rate": 1.5}, False),
        ("rate > 0 and use", {"rate": 0}, False),  # one falsy side decides `and`
        ("use or rate > 0", {"rate": 0.2}, True),  # one truthy side decides `or`
        ("rate > 0 and use", {"rate": 0.2}, None),
        ("-rate < 0", {"rate": 0.2}, True),
        ("rate > 'a'", {"rate": 0.2}, None),  # a TypeError is unknown, not an error
        ("flag is True", {"flag": True}, True),
        ("model", {"model": truth.NOT_NONE}, None),  # a tensor's truth is not known
    ],
)
def test_the_evaluator_decides_only_what_the_values_decide(test, names, expected):
    assert _holds(test, **names) is expected


def test_the_interpreter_decides_with_its_environments_view_of_each_name():
    from dropout_lint.analysis.control import decide
    from dropout_lint.analysis.domain import ConstV, Env

    env = Env()
    env.vars["rate"] = ConstV(0.3)
    env.facts["mask"] = "none"  # inside ``if mask is None:``
    env.facts["extra"] = "not_none"
    expr = cst.parse_expression
    assert decide(expr("rate > 0"), env) is True  # ordered comparisons, as the rules read them
    assert decide(expr("0 < rate <= 0.2"), env) is False
    assert decide(expr("mask is None and rate"), env) is True
    assert decide(expr("extra is None"), env) is False
    assert decide(expr("extra == 3"), env) is None  # known not None, nothing more
    assert decide(expr("other > 0"), env) is None


def test_a_rule_tries_a_call_sites_value_against_an_ordered_test():
    # DL203 stays silent: the only Dropout(0) is guarded by ``if rate > 0`` at its one call site
    src = """
        from keras import layers

        def block(x, rate=0.0):
            if rate > 0:
                x = layers.Dropout(rate)(x)
            return x
    """
    assert code_rows(src) == []
