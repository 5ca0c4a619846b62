"""Static resolution of constant values (rates, activations, flags).

Literals, unary minus, simple arithmetic, module and function constants, loop variables over
literal lists, parameter defaults, the constant arguments at the call sites of the function
that owns a parameter, keys of a config dict bound once to a literal (``cfg["rate"]``,
``cfg.get("rate", 0.5)``) and command-line defaults (``args.rate`` after
``parser.add_argument("--rate", default=0.5)``, ``FLAGS.rate`` after
``flags.DEFINE_float("rate", 0.5, ...)``; reported as "the default of --rate"). Anything else is unknown (``None``): rules skip unknown values and never
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

# Calls that only wrap a number (``float`` is the builtin unless the file rebinds it: then the
# collector gives it no canonical name).
_NUMBER_WRAPPERS = frozenset(
    {"float", "tf.constant", "tf.convert_to_tensor", "numpy.float32", "numpy.float64", "numpy.float16"}
)


class Resolver:
    def __init__(self, module_scope: Scope, calls: list[CallFact], positions) -> None:
        self.module_scope = module_scope
        self.positions = positions
        self.calls = calls
        self.mutated: set[str] = set()  # names whose items/attributes are assigned somewhere
        self._mutating: set[str] | None = None
        self.classes: list[Scope] = []  # every class scope of the module
        self._qnames: dict[int, str | None] | None = None  # a call's canonical callee, by id
        # Call sites of module-level functions and of methods called as self.name(...).
        self.call_sites: dict[str, list[CallFact]] = {}
        for c in calls:
            if c.func_text and "." not in c.func_text:
                self.call_sites.setdefault(c.func_text, []).append(c)
            elif c.func_text.startswith("self.") and c.func_text.count(".") == 1:
                self.call_sites.setdefault(c.func_text, []).append(c)

    def _holds(self, test, scope: Scope, depth: int) -> bool | None:
        """Whether ``test`` holds with every name it reads at its one known value, else None."""
        from dropout_lint.analysis import truth  # truth builds on this module's literals

        def lookup(e):
            vals = self._resolve(e, scope, depth)
            if vals and len({repr(v.value) for v in vals}) == 1:
                return vals[0].value
            return truth.UNKNOWN

        return truth.truth(test, lookup)

    def _qname(self, call: cst.Call) -> str | None:
        if self._qnames is None:
            self._qnames = {id(c.node): c.qname for c in self.calls}
        return self._qnames.get(id(call))

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
                return (
                    [Resolved(-r.value, r.via, r.via_line) for r in inner if _num(r.value)]
                    if all(_num(r.value) for r in inner)
                    else None
                )
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
        if isinstance(expr, cst.IfExp):
            # ``40 if maxlend else 0``: the arm its test takes, when the test is known
            holds = self._holds(expr.test, scope, depth + 1)
            if holds is None:
                return None
            return self._resolve(expr.body if holds else expr.orelse, scope, depth + 1)
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
            cls = scope.enclosing_class()
            if cls is not None:
                return self._binding(cls, "self." + expr.attr.value, depth)
            return None
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and len(expr.slice) == 1:
            index = expr.slice[0].slice
            if isinstance(index, cst.Index):
                return self._item(expr.value.value, index.value, None, scope, depth)
            return None
        if isinstance(expr, cst.Call) and self._qname(expr) in _NUMBER_WRAPPERS:
            # ``tf.constant(0.75)``, ``float(0.3)``, ``np.float32(x)``: the number they wrap
            args = expr.args
            if len(args) == 1 and args[0].keyword is None and not args[0].star:
                inner = self._resolve(args[0].value, scope, depth + 1)
                return inner if inner is not None and all(_num(r.value) for r in inner) else None
            return None
        if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "get":
            owner = expr.func.value
            args = [a for a in expr.args if a.keyword is None and not a.star]
            if isinstance(owner, cst.Name) and 1 <= len(args) <= 2 and len(args) == len(expr.args):
                return self._item(
                    owner.value, args[0].value, args[1].value if len(args) == 2 else _NONE_EXPR, scope, depth
                )
            return None
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
            return self._cli_default(expr.value.value, expr.attr.value, scope, depth)
        return None

    # -- config dicts and command-line defaults ------------------------------------------------
    def _mutating_calls(self) -> set[str]:
        """Names that a call may change in place (``cfg.update(...)``, ``cfg.pop(...)``)."""
        if self._mutating is None:
            self._mutating = {
                c.func_text.rsplit(".", 1)[0]
                for c in self.calls
                if c.func_text.count(".") == 1
                and c.func_text.rsplit(".", 1)[1] in ("update", "setdefault", "pop", "popitem", "clear", "__setitem__")
            }
        return self._mutating

    def _bound(self, name: str, scope: Scope) -> tuple[Scope, list] | None:
        """The scope that binds ``name`` as seen from ``scope`` and its bound expressions."""
        s: Scope | None = scope
        while s is not None:
            if s.kind == "class" and s is not scope:
                s = s.parent
                continue
            if s.kind == "function" and name in s.params:
                return None
            if name in s.assigns:
                return s, s.assigns[name]
            s = s.parent
        return None

    def _item(self, name: str, key_expr, default_expr, scope: Scope, depth: int) -> list[Resolved] | None:
        """``name[key]`` / ``name.get(key, default)`` for a dict bound once to a literal."""
        if name in self.mutated or depth > _MAX_DEPTH or name in self._mutating_calls():
            return None
        key = self.const(key_expr, scope)
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            return None
        fn = next((s for s in scope.chain() if s.kind == "function" and name in s.params), None)
        if fn is not None:
            if fn.params[name].star == "**" and isinstance(key, str):
                return self._kwarg(fn, key, default_expr, scope, depth)
            return None
        bound = self._bound(name, scope)
        if bound is None or len(bound[1]) != 1:
            return None
        owner, (value,) = bound
        entries = _dict_entries(value)
        if entries is None:
            return None
        found = None
        for k, v in entries:
            if k is None:  # ``**other``: any key may come from there
                return None
            kv = self.const(k, owner)
            if kv is _UNKNOWN:
                return None
            if kv == key:
                found = v  # the last one wins, as in Python
        if found is not None:
            return self._resolve(found, owner, depth + 1)
        if default_expr is not None:
            return self._resolve(default_expr, scope, depth + 1)
        return None

    def _cli_default(self, name: str, attr: str, scope: Scope, depth: int) -> list[Resolved] | None:
        """``args.attr`` after ``args = parser.parse_args()`` / ``FLAGS.attr`` of absl or tf.app flags."""
        if name in self.mutated:
            return None
        cls = self._visible_class(name, scope)
        if cls is not None:  # ``Config.dropout``: a class attribute
            return self._class_attr(cls, attr, depth)
        value = self._namespace(name, scope, depth)
        if value is None:
            return None
        if isinstance(value, cst.Call) and isinstance(value.func, cst.Name):
            cls = self._visible_class(value.func.value, scope)
            if cls is not None:  # ``cfg = Config(...)``: a keyword argument, else the class attribute
                return self._instance_attr(cls, value, attr, depth)
        if (
            isinstance(value, cst.Call)
            and isinstance(value.func, cst.Attribute)
            and value.func.attr.value in ("parse_args", "parse_known_args")
        ):
            if value.func.attr.value == "parse_known_args":
                return None  # a tuple, not the namespace
            return self._argparse_default(attr, depth)
        if isinstance(value, cst.Attribute) and value.attr.value == "FLAGS":
            return self._flag_default(attr, depth)
        return None

    def _namespace(self, name: str, scope: Scope, depth: int):
        """The one expression ``name`` is bound to, following a parameter to its call sites
        (``build(args)`` with ``args = parser.parse_args()`` at every site)."""
        if depth > _MAX_DEPTH:
            return None
        s: Scope | None = scope
        while s is not None:
            if s.kind == "class" and s is not scope:
                s = s.parent
                continue
            if name in s.assigns:
                values = s.assigns[name]
                return values[0] if len(values) == 1 and isinstance(values[0], cst.BaseExpression) else None
            if s.kind == "function" and name in s.params:
                break
            s = s.parent
        else:
            return None
        fn = s
        sites, order = self._sites(fn)
        if sites is None:
            return None
        found = None
        for site in sites:
            if site.has_star_args():
                return None
            expr = site.arg(name, order.index(name) if name in order else None)
            if not isinstance(expr, cst.Name):
                return None
            value = self._namespace(expr.value, site.scope, depth + 1)
            if value is None or (found is not None and not found.deep_equals(value)):
                return None
            found = value
        return found

    def _visible_class(self, name: str, scope: Scope) -> Scope | None:
        """The class ``name`` refers to from ``scope`` when that name is bound only by a class statement."""
        chain = scope.chain()
        for s in chain:
            if s.kind == "class" and s is not scope:
                continue
            if name in s.assigns:
                if s.assigns[name] != [None]:
                    return None
                hits = [c for c in self.classes if c.name == name and c.parent is s]
                return hits[0] if len(hits) == 1 else None
            if s.kind == "function" and name in s.params:
                return None
        return None

    def _class_attr(self, cls: Scope, attr: str, depth: int) -> list[Resolved] | None:
        if cls.name in self.mutated or "self." + attr in cls.assigns:
            return None  # assigned on the class elsewhere, or per instance in a method
        values = cls.assigns.get(attr)
        if not values or len(values) != 1 or not isinstance(values[0], cst.BaseExpression):
            return None
        return self._resolve(values[0], cls, depth + 1)

    def _instance_attr(self, cls: Scope, call: cst.Call, attr: str, depth: int) -> list[Resolved] | None:
        for a in call.args:
            if a.star or a.keyword is None:
                return None  # positional fields or **kwargs: cannot tell which one is ``attr``
            if a.keyword.value == attr:
                return self._resolve(a.value, self.module_scope, depth + 1) if not _uses_locals(a.value) else None
        return self._class_attr(cls, attr, depth)

    def _argparse_default(self, attr: str, depth: int) -> list[Resolved] | None:
        hits = []
        for c in self.calls:
            if not c.func_text.endswith(".add_argument"):
                continue
            node = c.node
            flags = [a.value for a in node.args if a.keyword is None and isinstance(a.value, cst.SimpleString)]
            names = [literal(f) for f in flags]
            dest = next(
                (literal(a.value) for a in node.args if a.keyword is not None and a.keyword.value == "dest"), None
            )
            if dest is None:
                longs = [n for n in names if isinstance(n, str) and n.startswith("--")]
                shorts = [n for n in names if isinstance(n, str) and not n.startswith("-")]
                picks: list[str | None] = [*longs, *shorts, *(n for n in names if isinstance(n, str))]
                pick = picks[0] if picks else None
                dest = pick.lstrip("-").replace("-", "_") if isinstance(pick, str) else None
            if dest == attr:
                hits.append(c)
        if len(hits) != 1:
            return None
        c = hits[0]
        default = next((a.value for a in c.node.args if a.keyword is not None and a.keyword.value == "default"), None)
        if default is None:
            return None
        label = next((literal(a.value) for a in c.node.args if a.keyword is None), attr)
        if not isinstance(label, str):
            label = attr
        vals = self._resolve(default, c.scope, depth + 1)
        if vals is None:
            return None
        return [Resolved(v.value, f"the default of {label} at line {c.start.row}", c.start.row) for v in vals]

    def _flag_default(self, attr: str, depth: int) -> list[Resolved] | None:
        hits = []
        for c in self.calls:
            tail = c.func_text.rsplit(".", 1)[-1]
            if not tail.startswith("DEFINE_"):
                continue
            first = next(
                (a.value for a in c.node.args if a.keyword is None or a.keyword.value in ("name", "flag_name")), None
            )
            if first is not None and literal(first) == attr:
                hits.append(c)
        if len(hits) != 1:
            return None
        c = hits[0]
        positional = [a.value for a in c.node.args if a.keyword is None]
        default = next((a.value for a in c.node.args if a.keyword is not None and a.keyword.value == "default"), None)
        if default is None and len(positional) >= 2:
            default = positional[1]
        if default is None:
            return None
        vals = self._resolve(default, c.scope, depth + 1)
        if vals is None:
            return None
        return [Resolved(v.value, f"the default of flag {attr} at line {c.start.row}", c.start.row) for v in vals]

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
                if isinstance(it, cst.Name):  # ``for rate in RATES`` with ``RATES = [...]`` bound once
                    listed = {
                        c.func_text.rsplit(".", 1)[0]
                        for c in self.calls
                        if c.func_text.endswith((".append", ".extend", ".insert", ".remove"))
                    }
                    mutated = it.value in self.mutated or it.value in self._mutating_calls() or it.value in listed
                    bound = None if mutated else self._bound(it.value, s)
                    lits = bound[1] if bound is not None else []
                    it = lits[0] if len(lits) == 1 else None
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
            r = self._resolve(v, s.assigned_in.get(id(v), s), depth + 1)
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

    def _sites(self, fn: Scope) -> tuple[list[CallFact] | None, list[str]]:
        """The calls of ``fn`` in the module (``name(...)``, or ``self.name(...)`` for a method)
        and its parameters in the order call-site positions fill them (``self`` left out)."""
        cls = fn.parent if fn.parent is not None and fn.parent.kind == "class" else None
        key = ("self." + fn.name) if cls is not None else fn.name
        order = [p for p in fn.param_order if not (cls is not None and p == fn.param_order[0])]
        if cls is not None and fn.name == "__init__":
            # ``Block(8, rate=0.95)`` calls ``Block.__init__``, unless a subclass of the file
            # reaches it too (its instantiations and ``super().__init__`` calls pass other values)
            if any(cls.name in (b.rsplit(".", 1)[-1] for b in c.bases) for c in self.classes if c is not cls):
                return None, order
            key = cls.name if cls.parent is not None and cls.parent.kind == "module" else key
        sites = [c for c in self.call_sites.get(key, []) if c.scope.owner() is not fn]
        return sites, order

    def _param(self, fn: Scope, name: str, depth: int) -> list[Resolved] | None:
        param = fn.params[name]
        if param.star:  # *args / **kwargs
            return None
        sites, order = self._sites(fn)
        if sites is None:
            return None
        default = None
        if param.default is not None:
            default = self._resolve(param.default, fn.parent or self.module_scope, depth + 1)
        return self._at_sites(sites, default, name, order.index(name) if name in order else None, depth)

    def _kwarg(self, fn: Scope, key: str, default_expr, scope: Scope, depth: int) -> list[Resolved] | None:
        """``kwargs.get("dropout", 0.1)`` / ``kwargs["dropout"]`` in ``def f(x, **kwargs)``: what
        each call site passes as ``dropout=`` (the default where it passes none)."""
        sites, _ = self._sites(fn)
        if sites is None:
            return None
        default = self._resolve(default_expr, scope, depth + 1) if default_expr is not None else None
        return self._at_sites(sites, default, key, None, depth)

    def _at_sites(self, sites, default, keyword: str, index, depth: int) -> list[Resolved] | None:
        """What every call site passes as ``keyword`` (or at ``index``), ``default`` where it
        passes nothing; with no call site, the default as a knob (``from_default``)."""
        if not sites:
            return [Resolved(r.value, r.via, r.via_line, True) for r in default] if default is not None else None
        out: list[Resolved] = []
        for site in sites:
            if site.has_star_args():
                return None
            expr = site.arg(keyword, index)
            if expr is None:
                if default is None:
                    return None
                out.extend(Resolved(r.value, self._site_text(site), site.start.row) for r in default)
                continue
            vals = self._resolve(expr, site.scope, depth + 1)
            if vals is None:
                return None
            loop = isinstance(expr, cst.Name)
            out.extend(
                Resolved(
                    r.value,
                    r.via or self._site_text(site, r.value if _num(r.value) and loop else None),
                    r.via_line or site.start.row,
                    r.from_default,
                )
                for r in vals
            )
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


_NONE_EXPR = cst.Name("None")


def _dict_entries(value) -> list[tuple] | None:
    """(key expression or None for ``**x``, value expression) of a dict literal or ``dict(k=v)``."""
    if isinstance(value, cst.Dict):
        out: list[tuple] = []
        for el in value.elements:
            if isinstance(el, cst.DictElement):
                out.append((el.key, el.value))
            else:
                out.append((None, None))
        return out
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value == "dict":
        out = []
        for a in value.args:
            if a.keyword is None:
                return None
            out.append((cst.SimpleString(repr(a.keyword.value)), a.value))
        return out
    return None


def _uses_locals(expr) -> bool:
    """Whether ``expr`` is more than a literal (names in it would need the call's scope)."""
    return literal(expr) is _UNKNOWN and not (
        isinstance(expr, cst.UnaryOperation) and literal(expr.expression) is not _UNKNOWN
    )


def _num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)
