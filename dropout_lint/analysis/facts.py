"""The facts the shared extraction produces and every rule reads.

- ``Scope``: module, class or function, with its bindings (for constant resolution).
- ``CallFact``: every call in the file, with its resolved name, kind and context (enclosing
  scopes, ``with`` items, loops, ``if`` tests).
- ``LayerSpec``: a layer object (a constructor call such as ``Dropout(0.5)``).
- ``Node``: one application of a layer or op to values, with its input nodes. Sequential lists,
  ``.add`` chains, functional graphs and op-level code all become nodes linked by ``inputs``.
- ``Graph``: a model: its nodes and its output nodes, and whether it is used inside another model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from dropout_lint.finding import Pos


@dataclass(eq=False)
class Scope:
    kind: str  # module | class | function | comprehension
    name: str
    node: cst.CSTNode | None
    parent: "Scope | None"
    decorators: list[str] = field(default_factory=list)  # canonical names
    bases: list[str] = field(default_factory=list)  # canonical names (classes)
    params: dict[str, cst.Param] = field(default_factory=dict)
    param_order: list[str] = field(default_factory=list)
    # name -> every expression bound to it in this scope (None for a binding we cannot read)
    assigns: dict[str, list[Any]] = field(default_factory=dict)
    # name -> full dotted path, for the imports written in this (function or class) scope; the
    # module's own imports are ``Names.aliases``
    imports: dict[str, str] = field(default_factory=dict)
    # name -> how many ``if`` statements of this function test it for None (``if x is None:``)
    none_tests: dict[str, int] = field(default_factory=dict)
    # a class's ``self.x = value`` bindings: id(value) -> the method scope it is written in
    assigned_in: dict[int, "Scope"] = field(default_factory=dict)
    start: Pos | None = None

    def chain(self) -> list["Scope"]:
        out: list[Scope] = []
        s: Scope | None = self
        while s is not None:
            out.append(s)
            s = s.parent
        return out

    def owner(self) -> "Scope":
        """The innermost scope that is not a comprehension: where a comprehension's code runs
        (its statement, its loops and ``if`` statements, a walrus target)."""
        s = self
        while s.kind == "comprehension" and s.parent is not None:
            s = s.parent
        return s

    def function(self) -> "Scope | None":
        """The innermost enclosing function (self included)."""
        for s in self.chain():
            if s.kind == "function":
                return s
        return None

    def enclosing_class(self) -> "Scope | None":
        for s in self.chain():
            if s.kind == "class":
                return s
        return None


@dataclass(eq=False)
class CallFact:
    node: cst.Call
    start: Pos
    end: Pos
    scope: Scope
    qname: str | None = None  # canonical dotted name of the callee, when it is a dotted name
    kind: str | None = None  # Keras class name or canonical op name
    withs: tuple = ()  # canonical names of the enclosing ``with`` items, in the same function
    loop_depth: int = 0  # loops and comprehensions around the call, in the same function
    loops: tuple = ()  # those loops (For / While / comprehension nodes), outermost first
    ifs: tuple = ()  # (test expression, "body" | "orelse") around the call, in the same function
    func_text: str = ""  # the callee as written (``self.model``, ``layers.Dropout``)
    # ``HighDrop = functools.partial(layers.Dropout, rate=0.9)``: for ``HighDrop(...)``, the
    # ``partial(...)`` call whose arguments come first
    partial: cst.Call | None = None

    @property
    def _args(self) -> list[cst.Arg]:
        if self.partial is None:
            return list(self.node.args)
        return list(self.partial.args[1:]) + list(self.node.args)

    @property
    def positional(self) -> list[cst.Arg]:
        return [a for a in self._args if a.keyword is None and not a.star]

    @property
    def keywords(self) -> dict[str, cst.Arg]:
        return {a.keyword.value: a for a in self._args if a.keyword is not None}

    def arg(self, keyword: str | None, index: int | None = None) -> cst.BaseExpression | None:
        kw = self.keywords
        if keyword is not None and keyword in kw:
            return kw[keyword].value
        if index is not None:
            pos = self.positional
            if index < len(pos):
                return pos[index].value
        return None

    def has_star_args(self) -> bool:
        return any(a.star for a in self._args)


@dataclass(eq=False)
class LayerSpec:
    kind: str
    call: CallFact  # the constructor call (for a wrapper: the inner layer's call)
    wrapper: str | None = None  # TimeDistributed, Bidirectional ...
    outer_call: CallFact | None = None  # the wrapper's call

    @property
    def start(self) -> Pos:
        return self.call.start

    @property
    def end(self) -> Pos:
        return self.call.end


@dataclass(eq=False)
class Node:
    kind: str | None  # None: an unknown call
    start: Pos
    end: Pos
    spec: LayerSpec | None = None  # for layers
    call: CallFact | None = None  # the application call (``layer(x)``) or the op call
    inputs: list["Node"] = field(default_factory=list)
    outputs: list["Node"] = field(default_factory=list)  # filled by finish()
    sub: "Graph | None" = None  # a model used as a layer
    # How the node entered its model: ("list", List node, Element) | ("add", statement) | None
    container: tuple | None = None
    arith: bool = False  # tensor arithmetic / indexing (``a - b``, ``h[:, 0]``), not a call
    # Made in a loop body inside arms of undecided ``if``s: one token per run of such an arm,
    # outermost first (analysis/flow.py ``_arm``); () outside loops or arms.
    arms: tuple = ()

    @property
    def decl(self) -> CallFact | None:
        """The call that declares the layer (constructor) or op."""
        return self.spec.call if self.spec is not None else self.call


@dataclass(eq=False)
class Graph:
    kind: str  # sequential | functional | subclass | ops
    start: Pos
    end: Pos
    name: str | None = None  # the variable the model was bound to, when known
    nodes: list[Node] = field(default_factory=list)
    outputs: list[Node] = field(default_factory=list)
    # a functional model's input tensors, when known: its layers are those between them and the
    # outputs (``Model(x, out)`` with ``x`` a layer's output leaves the layers before ``x`` out)
    inputs: list[Node] = field(default_factory=list)
    is_submodel: bool = False  # used as a layer inside another model
    call: CallFact | None = None  # the Sequential(...) / Model(...) call
    scope: Scope | None = None
    superseded: bool = False  # a helper's def-time graph replaced by its call-site copies
    # op-level code whose output only a name tells (a function named like a model that nobody
    # here calls, a value bound to ``logits``): DL111's (opt-in), not DL101's
    by_name: bool = False


@dataclass
class Resolved:
    value: Any
    via: str | None = None  # "build_model(0.95) at line 13" when it came from a call site
    via_line: int | None = None
    # The default of a parameter whose function has no call site in the module: a knob whose
    # callers live elsewhere (``def __init__(self, dropout=0.0)`` of a library layer).
    from_default: bool = False


@dataclass
class ModuleFacts:
    module: cst.Module
    names: Any
    module_scope: Scope
    scopes: list[Scope]
    calls: list[CallFact]
    nodes: list[Node]
    graphs: list[Graph]
    resolver: Any
    positions: Any = None  # libcst PositionProvider results, for fixes
    dialect: str | None = None  # "tf1" | "tf2" | None (unknown): see analysis/ops.py dialect()
    flow: Any = None  # the interpreter, for analysis/release.py (rules do not read it)
