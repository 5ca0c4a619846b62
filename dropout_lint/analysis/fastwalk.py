"""A read-only walk over a libcst tree that calls a ``CSTVisitor``'s hooks like ``node.visit``.

libcst's own traversal rebuilds (and re-validates) every node it passes through, even for a
read-only ``CSTVisitor``: on real files that costs two to three times the parse. This walk
calls the same hooks in the same order (``visit_X``, ``visit_X_attr``, ``leave_X_attr``,
``leave_X``; ``visit_X`` returning False skips the children) without building anything.

The order of each node type's children is the order of the ``visit_*`` calls in that type's
``_visit_and_replace_children`` (read once per type from its bytecode), so it is exactly
libcst's order. Whitespace, comments, operators and bracket tokens are not entered unless the
visitor has a hook for such a node. A node type whose child order cannot be read (no source)
is handed to libcst's ``node.visit``, which calls the same hooks, so the walk stays correct.

``tests/test_walk.py`` checks that the hook sequence equals libcst's on every fixture and on
generated programs.
"""

from __future__ import annotations

import ast
import dis
import inspect
import textwrap

import libcst as cst
from libcst import CSTNode, MaybeSentinel

_VISIT_FUNCS = frozenset(
    {
        "visit_required",
        "visit_optional",
        "visit_sentinel",
        "visit_sequence",
        "visit_iterable",
        "visit_body_sequence",
        "visit_body_iterable",
    }
)

_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _child_fields(cls: type[CSTNode]) -> tuple[str, ...] | None:
    """The child fields of ``cls`` in libcst's visiting order, or None if unknown.

    The order is that of the field-name constants loaded by the bytecode of the type's
    ``_visit_and_replace_children`` (each ``visit_*(self, "field", self.field, visitor)`` loads
    its name): instruction order is evaluation order, i.e. libcst's order. ``source_child_fields``
    reads the same from the source; a test checks the two agree for every node type.
    """
    try:
        return _FIELDS[cls]
    except KeyError:
        pass
    fields: tuple[str, ...] | None
    try:
        known = getattr(cls, "__dataclass_fields__", None) or {}
        out: list[str] = []
        for ins in dis.get_instructions(cls._visit_and_replace_children):
            v = ins.argval
            if ins.opname == "LOAD_CONST" and isinstance(v, str) and v in known and v not in out:
                out.append(v)
        fields = tuple(out) if known else None
    except (TypeError, AttributeError):
        fields = None
    _FIELDS[cls] = fields
    return fields


def source_child_fields(cls: type[CSTNode]) -> tuple[str, ...] | None:
    """The same order read from libcst's source with ``ast`` (slow; for the tests)."""
    try:
        src = textwrap.dedent(inspect.getsource(cls._visit_and_replace_children))
    except (OSError, TypeError):
        return None
    calls: list[tuple[int, int, str]] = []  # (row, column, field name) of each visit_* call
    for n in ast.walk(ast.parse(src)):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in _VISIT_FUNCS and len(n.args) >= 2:
            field = n.args[1]
            if isinstance(field, ast.Constant) and isinstance(field.value, str):
                calls.append((n.lineno, n.col_offset, field.value))
    calls.sort(key=lambda c: (c[0], c[1]))
    out: list[str] = []
    for _, _, name in calls:
        if name not in out:
            out.append(name)
    return tuple(out)


def _token_types() -> frozenset[type]:
    """Node types that hold only whitespace or punctuation (nothing a rule looks for)."""
    from libcst._nodes import op, whitespace

    out: set[type] = set()
    for mod in (op, whitespace):
        for v in vars(mod).values():
            if isinstance(v, type) and issubclass(v, CSTNode) and v.__module__ == mod.__name__:
                out.add(v)
    for name in (
        "LeftParen",
        "RightParen",
        "LeftSquareBracket",
        "RightSquareBracket",
        "LeftCurlyBrace",
        "RightCurlyBrace",
        "Asynchronous",
        "Newline",
        "Semicolon",
    ):
        t = getattr(cst, name, None)
        if isinstance(t, type):
            out.add(t)
    return frozenset(out)


_TOKENS: frozenset[type] | None = None


def _token_only_fields(cls: type, tokens: frozenset[type]) -> frozenset[str]:
    """Fields of ``cls`` whose declared type admits only tokens (whitespace, operators, brackets)."""
    import typing

    out = set()
    for name, fld in getattr(cls, "__dataclass_fields__", {}).items():
        hint = fld.type
        classes: list = []
        stack = [hint]
        while stack:
            h = stack.pop()
            args = typing.get_args(h)
            if args:
                stack.extend(args)
            elif isinstance(h, type):
                classes.append(h)
            else:
                classes.append(None)  # a Literal value, a ForwardRef...: not provably a token
        if classes and all(
            c is type(None) or c is MaybeSentinel or (c is not None and any(issubclass(c, t) for t in tokens))
            for c in classes
        ):
            out.add(name)
    return frozenset(out)


class _Plan:
    __slots__ = ("visit", "leave", "fields", "attr_hooks", "fallback", "skip")

    def __init__(self, visit, leave, fields, attr_hooks, fallback, skip) -> None:
        self.visit = visit
        self.leave = leave
        self.fields = fields  # child field names to enter, in libcst's order
        self.attr_hooks = attr_hooks  # None, or tuple of (field, visit_attr hook, leave_attr hook)
        self.fallback = fallback
        self.skip = skip


def walk(node: CSTNode, visitor: cst.CSTVisitor) -> None:
    """Call ``visitor``'s hooks on ``node`` and its descendants, as ``node.visit(visitor)`` does."""
    global _TOKENS
    if _TOKENS is None:
        _TOKENS = _token_types()
    tokens = _TOKENS
    vcls = type(visitor)
    if (
        vcls.on_visit is not cst.CSTVisitor.on_visit
        or vcls.on_leave is not cst.CSTVisitor.on_leave
        or vcls.on_visit_attribute is not cst.CSTVisitor.on_visit_attribute
        or vcls.on_leave_attribute is not cst.CSTVisitor.on_leave_attribute
    ):
        node.visit(visitor)  # a visitor with its own dispatch: let libcst drive it
        return

    def hook(name: str):
        """The visitor's own method ``name``; libcst's no-op stubs (CSTTypedVisitorFunctions) are None."""
        for k in vcls.__mro__:
            if name in k.__dict__:
                if k.__module__.split(".", 1)[0] == "libcst" or k is object:
                    return None
                return getattr(visitor, name)
        return None

    # The hooks the visitor has: only its own classes can define one (libcst's are stubs).
    hooked = frozenset(
        name
        for k in vcls.__mro__
        if k is not object and k.__module__.split(".", 1)[0] != "libcst"
        for name in k.__dict__
        if name.startswith(("visit_", "leave_")) and hook(name) is not None
    )
    # Which hooks and fields each node type takes depends on those names only: planned once per
    # set of names (a visitor class made per call shares the plans of its first instance).
    named = _PLANS.get(hooked)
    if named is None:
        named = _PLANS[hooked] = {}
    plans: dict[type[CSTNode], _Plan] = {}
    sentinel_type = MaybeSentinel

    def bound(name):
        return None if name is None else getattr(visitor, name)

    def plan_for(t: type[CSTNode]) -> _Plan:
        spec = named.get(t)
        if spec is None:
            spec = named[t] = _plan_names(t, hooked, tokens)
        visit, leave, keep, attr_hooks, fallback, skip = spec
        p = _Plan(
            bound(visit),
            bound(leave),
            keep,
            None if attr_hooks is None else tuple((f, bound(va), bound(la)) for f, va, la in attr_hooks),
            fallback,
            skip,
        )
        plans[t] = p
        return p

    def go(n: CSTNode) -> None:
        p = plans.get(n.__class__) or plan_for(n.__class__)
        if p.skip:
            return
        if p.fallback:
            n.visit(visitor)
            return
        if p.visit is None or p.visit(n) is not False:
            if p.attr_hooks is None:
                for f in p.fields:
                    v = getattr(n, f)
                    vt = v.__class__
                    if vt is tuple or vt is list:
                        for c in v:
                            go(c)
                    elif v is not None and vt is not sentinel_type:
                        go(v)
            else:
                for f, va, la in p.attr_hooks:
                    if va is not None:
                        va(n)
                    v = getattr(n, f)
                    vt = v.__class__
                    if vt is tuple or vt is list:
                        for c in v:
                            go(c)
                    elif v is not None and vt is not sentinel_type:
                        go(v)
                    if la is not None:
                        la(n)
        if p.leave is not None:
            p.leave(n)

    try:
        go(node)
    finally:
        # ``go`` holds itself (a recursive closure), and with it the visitor: a cycle that would
        # keep the visitor and the whole tree alive until the collector finds it.
        go = None  # type: ignore[assignment]  # drop the def to break its cycle (no later call)


def parents(root: CSTNode) -> dict:
    """child -> parent for every node under ``root`` that ``walk`` enters (all but whitespace,
    operator and bracket tokens), as a visitor pushing and popping in ``on_visit``/``on_leave``
    would map them; no tree rebuilt, no recursion."""
    global _TOKENS
    if _TOKENS is None:
        _TOKENS = _token_types()
    tokens = _TOKENS
    fields_of: dict[type, tuple[str, ...] | None] = {}
    out: dict = {}
    stack = [root]
    pop, push = stack.pop, stack.append
    while stack:
        n = pop()
        t = n.__class__
        try:
            fields = fields_of[t]
        except KeyError:
            every = _child_fields(t)
            skip = _token_only_fields_cached(t)
            fields = fields_of[t] = None if every is None else tuple(f for f in every if f not in skip)
        if fields is None:  # child order unknown: libcst's own list of children
            kids = n.children
        else:
            kids = []
            for f in fields:
                v = getattr(n, f)
                vt = v.__class__
                if vt is tuple or vt is list:
                    kids.extend(v)
                elif v is not None and vt is not MaybeSentinel:
                    kids.append(v)
        for c in kids:
            if c.__class__ not in tokens:
                out[c] = n
                push(c)
    return out


_PLANS: dict[frozenset, dict[type, tuple]] = {}  # a visitor's hook names -> node type -> plan


def _plan_names(t: type[CSTNode], hooked: frozenset, tokens: frozenset[type]) -> tuple:
    """(visit hook, leave hook, fields to enter, per-field hooks or None, fallback, skip) of
    node type ``t`` for a visitor whose hooks are ``hooked``; hooks as names, None if absent."""
    token_names = {k.__name__ for k in tokens}
    hooked_token = any(name.split("_", 2)[1] in token_names for name in hooked)
    name = t.__name__
    fields = _child_fields(t)
    skip = (t in tokens) and not hooked_token
    hooks = []
    keep: list[str] = []
    if fields is not None:
        token_fields = frozenset() if hooked_token else _token_only_fields_cached(t)
        for f in fields:
            va = f"visit_{name}_{f}" if f"visit_{name}_{f}" in hooked else None
            la = f"leave_{name}_{f}" if f"leave_{name}_{f}" in hooked else None
            hooks.append((f, va, la))
            if va is not None or la is not None or f not in token_fields:
                keep.append(f)
    any_attr = any(va is not None or la is not None for _, va, la in hooks)
    own = lambda h: h if h in hooked else None  # noqa: E731
    return (
        own(f"visit_{name}"),
        own(f"leave_{name}"),
        tuple(keep),
        tuple(hooks) if any_attr else None,
        fields is None,
        skip,
    )


_TOKEN_FIELDS: dict[type, frozenset[str]] = {}


def _token_only_fields_cached(cls: type[CSTNode]) -> frozenset[str]:
    r = _TOKEN_FIELDS.get(cls)
    if r is None:
        r = _TOKEN_FIELDS[cls] = _token_only_fields(cls, _TOKENS or _token_types())
    return r


__all__ = ["walk", "parents", "MaybeSentinel"]
