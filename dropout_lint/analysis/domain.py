"""The interpreter's value domain: what a variable holds while ``analysis/flow.py`` runs.

- ``TensorV``: a tensor, the output of one graph ``Node`` (a layer application, an op, an input);
- ``LayerV``: a layer object not applied yet (``drop = Dropout(0.5)``);
- ``ModelV``: a model (its ``Graph``); ``FuncV``: a function (its returns, for calls);
- ``ListV``: a list / tuple / dict of values; ``ConstV``: a literal (``True``, ``0.5``, ``"relu"``);
- ``AltV``: alternatives, one per branch that may have run (``if`` / ``else``, ``tf.cond``);
- ``None`` is the explicit unknown: whatever the interpreter cannot read. Rules stay silent on it.

``Env`` holds the bindings of one scope as the interpreter runs it. Plain data: this module imports
nothing of the interpreter, so flow, ops and control all import it at the top.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from dropout_lint.analysis.facts import Graph, LayerSpec, Node

UNKNOWN = None  # the value of anything the interpreter cannot read


@dataclass(eq=False)
class LayerV:
    spec: LayerSpec


@dataclass(eq=False)
class TensorV:
    node: Node


@dataclass(eq=False)
class ListV:
    items: list


@dataclass(eq=False)
class ConstV:
    """A literal the code binds (``True``, ``None``, ``0.5``, ``"lstm"``): a helper's argument or
    parameter default, so that an ``if`` on it decides which arm a call-site copy runs."""

    value: object


@dataclass(eq=False)
class ModelV:
    graph: Graph


@dataclass(eq=False)
class AltV:
    """A value that depends on which branch ran: each item is one possibility."""

    items: list


@dataclass(eq=False)
class FuncV:
    returns: list = field(default_factory=list)
    deff: "object | None" = None  # for following calls into the body (analysis/control.py)


class Env:
    def __init__(self, parent: "Env | None" = None, is_class: bool = False) -> None:
        self.vars: dict[str, object] = {}
        self.parent = parent
        self.is_class = is_class
        self.returns: list = []
        # Functions of this module / class body not interpreted yet: key -> FunctionDef. A call
        # that reaches one before its ``def`` runs it then (a method calling a helper defined
        # below it; ``main()`` above the functions it uses).
        self.pending: dict[str, cst.FunctionDef] = {}
        # What this run of a function assumes of a parameter it does not rebind: name -> "none" |
        # "not_none" (``control.none_split``: the body runs once under each assumption)
        self.facts: dict[str, str] = {}

    def fact(self, name: str) -> str | None:
        """The assumption this run makes of ``name`` (``control.none_split`` picks only
        parameters the body never rebinds), else None."""
        e: Env | None = self
        while e is not None:
            if name in e.facts:
                return e.facts[name]
            e = e.parent
        return None

    def get(self, name: str):
        e: Env | None = self
        while e is not None:
            if name in e.vars:
                return e.vars[name]
            e = e.parent
        return None

    def set(self, name: str, value) -> None:
        if name.startswith("self."):
            e: Env | None = self
            while e is not None and not e.is_class:
                e = e.parent
            (e or self).vars[name] = value
        else:
            self.vars[name] = value


def _merge(a, b):
    """The value of a variable after two alternative branches."""
    if a is b:
        return a
    if isinstance(a, ConstV) and isinstance(b, ConstV) and a.value == b.value and type(a.value) is type(b.value):
        return a
    if _tensors(a) or _tensors(b):
        items = _alternatives(a, b)
        return AltV(items) if len(items) > 1 else items[0]
    if _models(a) and _models(b):
        return AltV(_models(a) + _models(b))  # a model bound in both arms
    if layers_of(a) and layers_of(b):
        items = _alternatives(a, b)  # a layer object bound in both arms (a backbone picked by name)
        return AltV(items) if len(items) > 1 else items[0]
    return None


def _alternatives(*values) -> list:
    """The possibilities of several values, flattened and each kept once. Nested ``AltV`` s
    would share the value from before an ``if`` whose arms may both leave it as it was, so n
    such statements in a row would make 2**n paths for every later walk."""
    out: list = []
    seen: set[int] = set()
    for v in values:
        for item in v.items if isinstance(v, AltV) else [v]:
            key = id(item.node) if isinstance(item, TensorV) else id(item)
            if item is not None and key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _models(v) -> list:
    """The models a value may be: itself, or every alternative when all of them are models."""
    if isinstance(v, ModelV):
        return [v]
    if isinstance(v, AltV) and v.items and all(isinstance(i, ModelV) for i in v.items):
        return list(v.items)
    return []


def layers_of(v) -> list:
    """The layer objects a value may be: itself, or every alternative when all are layers."""
    if isinstance(v, LayerV):
        return [v]
    if isinstance(v, AltV) and v.items and all(isinstance(i, LayerV) for i in v.items):
        return list(v.items)
    return []


def _tensors(v) -> list[Node]:
    if isinstance(v, TensorV):
        return [v.node]
    if isinstance(v, (ListV, AltV)):
        out: list[Node] = []
        for item in v.items:
            out.extend(_tensors(item))
        return out
    return []
