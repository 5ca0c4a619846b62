"""Static resolution of constant values (rates, activations, flags).

Literals, unary minus, simple arithmetic, module and function constants, loop variables over
literal lists, parameter defaults and the constant arguments at the call sites of the function
that owns a parameter. Anything else is unknown (``None``): rules skip unknown values and never
guess. A name bound more than once to different values in one scope is unknown too.
"""

from __future__ import annotations

import ast
import itertools
import operator

import libcst as cst

from dropout_lint.analysis.facts import CallFact, Resolved, Scope

_MAX_VALUES = 32
_MAX_DEPTH = 8

_BINOPS = {
    cst.Add: operator.add,
    cst.Subtract: operator.sub,
    cst.Multiply: operator.mul,
    cst.Divide: operator.truediv,
    cst.FloorDivide: operator.floordiv,
    cst.Power: operator.pow,
}


def literal(expr: cst.BaseExpression):
    """The Python value of a literal number / string / bool / None, else a sentinel."""
    if isinstance(expr, (cst.Integer, cst.Float)):
        try:
            return ast.literal_eval(expr.value)
        except (ValueError, SyntaxError):
            return _UNKNOWN
    if isinstance(expr, cst.SimpleString):
        try:
            return expr.evaluated_value
        except Exception:  # noqa: BLE001 - odd prefixes
            return _UNKNOWN
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    return _UNKNOWN


class _Unknown:
    def __repr__(self) -> str:  # pragma: no cover
        return "<unknown>"


_UNKNOWN = _Unknown()


class Resolver:
    def __init__(self, module_scope: Scope, calls: list[CallFact], positions) -> None:
        self.module_scope = module_scope
        self.positions = positions
        # Call sites of module-level functions and of methods called as self.name(...).
        self.call_sites: dict[str, list[CallFact]] = {}
        for c in calls:
            if c.func_text and "." not in c.func_text:
                self.call_sites.setdefault(c.func_text, []).append(c)
            elif c.func_text.startswith("self.") and c.func_text.count(".") == 1:
                self.call_sites.setdefault(c.func_text, []).append(c)

    # -- public ------------------------------------------------------------------------------
    def resolve(self, expr: cst.BaseExpression | None, scope: Scope) -> list[Resolved] | None:
        """Every value ``expr`` may have, or None when any of them is unknown."""
        if expr is None:
            return None
        try:
            out = self._resolve(expr, scope, 0)
        except (ArithmeticError, ValueError, TypeError, OverflowError):
            return None
        if out is None:
            return None
        seen: dict = {}
        for r in out:
            seen.setdefault((repr(r.value), r.via), r)
        return list(seen.values())

    def number(self, expr, scope: Scope) -> list[Resolved] | None:
        vals = self.resolve(expr, scope)
        if vals is None:
            return None
        if not all(isinstance(v.value, (int, float)) and not isinstance(v.value, bool) for v in vals):
            return None
        return vals

    def const(self, expr, scope: Scope):
        """A single known value, else the ``UNKNOWN`` sentinel."""
        vals = self.resolve(expr, scope)
        if vals and len({repr(v.value) for v in vals}) == 1:
            return vals[0].value
        return _UNKNOWN

    UNKNOWN = _UNKNOWN

    # -- internals -------------------------------------------------------------------------
    def _resolve(self, expr, scope: Scope, depth: int) -> list[Resolved] | None:
        if depth > _MAX_DEPTH:
            return None
        lit = literal(expr)
        if lit is not _UNKNOWN:
            return [Resolved(lit)]
        if isinstance(expr, cst.UnaryOperation):
            inner = self._resolve(expr.expression, scope, depth + 1)
            if inner is None:
                return None
            if isinstance(expr.operator, cst.Minus):
                return [Resolved(-r.value, r.via, r.via_line) for r in inner if _num(r.value)] if all(_num(r.value) for r in inner) else None
            if isinstance(expr.operator, cst.Plus):
                return inner if all(_num(r.value) for r in inner) else None
            if isinstance(expr.operator, cst.Not):
                return [Resolved(not r.value, r.via, r.via_line) for r in inner]
            return None
        if isinstance(expr, cst.BinaryOperation):
            fn = _BINOPS.get(type(expr.operator))
            if fn is None:
                return None
            left = self._resolve(expr.left, scope, depth + 1)
            right = self._resolve(expr.right, scope, depth + 1) if left is not None else None
            if left is None or right is None:
                return None
            out = []
            for a, b in itertools.islice(itertools.product(left, right), _MAX_VALUES):
                if not (_num(a.value) and _num(b.value)):
                    return None
                v = fn(a.value, b.value)
                if isinstance(v, float):
                    v = round(v, 10)
                out.append(Resolved(v, a.via or b.via, a.via_line or b.via_line))
            return out
        if isinstance(expr, cst.Name):
            return self._name(expr.value, scope, depth)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            cls = scope.enclosing_class()
            if cls is not None:
                return self._binding(cls, "self." + expr.attr.value, depth)
        return None

    def _name(self, name: str, scope: Scope, depth: int) -> list[Resolved] | None:
        s: Scope | None = scope
        while s is not None:
            if s.kind == "class" and s is not scope:
                s = s.parent  # class bodies are not visible from methods
                continue
            if name in s.assigns:
                if s.kind == "function" and name in s.params:
                    return None  # a parameter rebound in its function
                return self._binding(s, name, depth)
            if s.kind == "function" and name in s.params:
                return self._param(s, name, depth)
            s = s.parent
        return None

    def _binding(self, s: Scope, name: str, depth: int) -> list[Resolved] | None:
        values = s.assigns.get(name, [])
        results: list[Resolved] = []
        for v in values:
            if v is None:
                return None
            if isinstance(v, tuple) and v and v[0] == "for":
                it = v[1]
                if not isinstance(it, (cst.List, cst.Tuple, cst.Set)):
                    return None
                for el in it.elements:
                    if not isinstance(el, cst.Element):
                        return None
                    r = self._resolve(el.value, s, depth + 1)
                    if r is None:
                        return None
                    results.extend(r)
                continue
            r = self._resolve(v, s, depth + 1)
            if r is None:
                return None
            results.extend(r)
        if not results:
            return None
        # Rebinding to different values in straight-line code is ambiguous, except for loops.
        plain = [v for v in values if not (isinstance(v, tuple) and v and v[0] == "for")]
        if len(plain) > 1 and len({repr(r.value) for r in results}) > 1:
            return None
        return results[:_MAX_VALUES]

    def _param(self, fn: Scope, name: str, depth: int) -> list[Resolved] | None:
        param = fn.params[name]
        if param.star:  # *args / **kwargs
            return None
        cls = fn.parent if fn.parent is not None and fn.parent.kind == "class" else None
        key = ("self." + fn.name) if cls is not None else fn.name
        sites = [c for c in self.call_sites.get(key, []) if c.scope is not fn]
        default = None
        if param.default is not None:
            default = self._resolve(param.default, fn.parent or self.module_scope, depth + 1)
        if not sites:
            return [Resolved(r.value, r.via, r.via_line, True) for r in default] if default is not None else None
        order = [p for p in fn.param_order if not (cls is not None and p == fn.param_order[0])]
        out: list[Resolved] = []
        for site in sites:
            if site.has_star_args():
                return None
            expr = site.arg(name, order.index(name) if name in order else None)
            if expr is None:
                if default is None:
                    return None
                vals = [Resolved(r.value, self._site_text(site), site.start.row) for r in default]
            else:
                vals = self._resolve(expr, site.scope, depth + 1)
                if vals is None:
                    return None
                vals = [Resolved(r.value, r.via or self._site_text(site, r.value if _num(r.value) and isinstance(expr, cst.Name) else None), r.via_line or site.start.row) for r in vals]
            out.extend(vals)
        return out[:_MAX_VALUES]

    @staticmethod
    def _site_text(site: CallFact, loop_value=None) -> str:
        code = cst.Module([]).code_for_node(site.node)
        code = " ".join(code.split())
        if len(code) > 60:
            code = code[:57] + "..."
        if loop_value is not None:
            return f"{code} with {loop_value!r} at line {site.start.row}"
        return f"{code} at line {site.start.row}"


def _num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)
