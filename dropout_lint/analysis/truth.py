"""The one evaluator of the tests the analysis decides: ``if dropout:``, ``if not use_bn``,
``rate is None``, ``mode == "full"``, ``0 < rate < 1``, and ``and`` / ``or`` / ``not`` of those.

Both users ask it the same question with their own view of the names a test reads:
- the interpreter (``control.decide``), which knows the values bound in its environment, and
  which of them are only known not to be ``None`` (a tensor, a layer, a model);
- the rules (``rules._common``), which try one value of one name at a time (a rate from a call
  site, a parameter's default) to see which arm of an ``if`` that value takes.

A name's value is a plain Python value, ``NOT_NONE`` or ``UNKNOWN``; anything the evaluator
cannot read whole is ``UNKNOWN``, and an unknown test is never decided.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import libcst as cst

from dropout_lint.analysis import constants

UNKNOWN = constants.Resolver.UNKNOWN


class _NotNone:
    """A value known only to be something other than ``None``."""

    def __repr__(self) -> str:  # pragma: no cover
        return "NOT_NONE"


NOT_NONE = _NotNone()

Lookup = Callable[[cst.BaseExpression], object]

_ORDER = {
    cst.LessThan: operator.lt,
    cst.LessThanEqual: operator.le,
    cst.GreaterThan: operator.gt,
    cst.GreaterThanEqual: operator.ge,
    cst.Equal: operator.eq,
    cst.NotEqual: operator.ne,
}


def truth(test: cst.BaseExpression, lookup: Lookup) -> bool | None:
    """Whether ``test`` holds (True / False), or None when it depends on anything unknown."""
    v = value(test, lookup)
    return None if not _known(v) else bool(v)


def value(expr: cst.BaseExpression, lookup: Lookup):
    """The value of ``expr`` (Python's semantics for ``and`` / ``or``), ``NOT_NONE`` or ``UNKNOWN``."""
    lit = constants.literal(expr)
    if lit is not UNKNOWN:
        return lit
    if isinstance(expr, (cst.Name, cst.Attribute)):
        return lookup(expr)
    if isinstance(expr, cst.UnaryOperation):
        inner = value(expr.expression, lookup)
        if not _known(inner):
            return UNKNOWN
        if isinstance(expr.operator, cst.Not):
            return not inner
        if isinstance(expr.operator, cst.Minus) and _number(inner):
            return -inner
        return UNKNOWN
    if isinstance(expr, cst.BooleanOperation):
        left, right = value(expr.left, lookup), value(expr.right, lookup)
        # ``a and b``: a falsy side decides; ``a or b``: a truthy side decides
        decisive = (lambda v: not v) if isinstance(expr.operator, cst.And) else bool
        for side in (left, right):
            if _known(side) and decisive(side):
                return side
        return right if _known(left) and _known(right) else UNKNOWN
    if isinstance(expr, cst.Comparison):
        left = value(expr.left, lookup)
        for comp in expr.comparisons:
            right = value(comp.comparator, lookup)
            res = _compare(comp.operator, left, right)
            if res is UNKNOWN or not res:
                return res
            left = right
        return True
    return UNKNOWN


def _compare(op, a, b):
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if isinstance(op, (cst.Is, cst.IsNot)):
        if a is None or b is None or (isinstance(a, bool) and isinstance(b, bool)):
            same = a is b  # NOT_NONE is not None, and that is all it is known to be
            return same if isinstance(op, cst.Is) else not same
        return UNKNOWN
    fn = _ORDER.get(type(op))
    if fn is None or a is NOT_NONE or b is NOT_NONE:
        return UNKNOWN
    try:
        return bool(fn(a, b))
    except TypeError:
        return UNKNOWN


def _known(v) -> bool:
    return v is not UNKNOWN and v is not NOT_NONE


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)
