"""Control structures of the interpreter in ``flow.py``: classes, calls into helpers, loops and branches (issue 9).

- **Subclassed models and layers.** A class deriving (directly or through classes of the same
  module) from ``keras.Model`` / ``keras.layers.Layer`` runs ``__init__``/``build`` first, so the
  layers bound to ``self.name`` (and lists of layers, ``self.blocks = [...]``) are known when
  ``call()`` runs; ``call()``'s parameters are symbolic tensors. What ``call()`` returns becomes the
  outputs of a ``Graph(kind="subclass")``. A Layer subclass is never a final output (its graph is
  a sub-model from the start); a Model subclass is, unless an instance is used as a layer.
  Instantiating the class (``Net()``) gives that graph as a model value.
- **Helper functions applied to tensors** (``x = block(x, 0.3)``): the function body is run again
  at the call site with its parameters bound to the arguments (interprocedural, ``MAX_INLINE``
  deep, never recursively), so the graph runs through the body instead of stopping at an opaque
  call. Model graphs built during the body's first, parameter-only run are replaced by the
  call-site ones (a block's ``Model(inp, out)`` returned and then used as a layer is a sub-model).
- **Loops over known lists** (``for block in self.blocks: x = block(x)``) run once per element, in
  order; ``[Layer(...) for _ in range(n)]`` is a one-element list of that layer.
- **Sub-model marking only for symbolic inputs.** ``model(x)`` marks ``model`` as used inside
  another model only when ``x`` is a symbolic tensor (an ``Input``, a ``call()`` parameter, a
  layer output), not data (``model(x_batch)`` in a training loop, ``model(tf.zeros(...))``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from dropout_lint.analysis.facts import Graph, Node
from dropout_lint.analysis.domain import AltV, ConstV, Env, FuncV, LayerV, ListV, ModelV, TensorV, _tensors
from dropout_lint import kinds
from dropout_lint.analysis import constants, truth
from dropout_lint.kinds import PARAM

MAX_INLINE = 3  # nested helper calls followed into their bodies
MAX_UNROLL = 32  # list elements a loop is unrolled over
NON_TENSOR_PARAMS = frozenset({"self", "cls", "training", "mask", "kwargs", "args"})
CALL_METHODS = ("call", "__call__")


@dataclass(eq=False)
class ClassV:
    """A class of this module: its role ("model" / "layer" / None) and ``call()``'s graph."""

    name: str
    role: str | None
    graph: Graph | None = None


@dataclass(eq=False)
class FuncDef:
    """What inlining needs about a function: its definition, defining env and def-time graphs."""

    fn: cst.FunctionDef
    env: Env
    is_method: bool
    graphs: list = field(default_factory=list)
    nodes: list = field(default_factory=list)  # made by the def-time run (parameters unknown)
    inlined_at: set = field(default_factory=set)  # ids of the call nodes run as call-site copies


def class_role(flow, cls: cst.ClassDef, env) -> str | None:
    """ "model" / "layer" for a Keras Model / Layer subclass, else None (``kinds.class_kind``
    decides, for the rules too)."""
    scope = flow.node_scope.get(cls)
    if scope is None:
        return None
    if flow.classes is None:
        flow.classes = kinds.classes_by_name(s for s in flow.node_scope.values() if s.kind == "class")
    return kinds.class_kind(scope, flow.classes)


def subclass_graph(flow, cls: cst.ClassDef, cenv, role: str) -> Graph | None:
    """The graph of a Model/Layer subclass: the outputs ``call()`` returns."""

    fv = None
    for m in CALL_METHODS:
        fv = cenv.vars.get("self." + m)
        if isinstance(fv, FuncV):
            break
    if not isinstance(fv, FuncV):
        return None
    outs: list[Node] = []
    for r in fv.returns:
        for n in _tensors(r):
            if n not in outs:
                outs.append(n)
    scope = flow.node_scope.get(cls)
    start = scope.start if scope is not None and scope.start is not None else None
    if start is None:
        return None
    g = Graph("subclass", start, start, name=cls.name.value, outputs=outs, scope=scope)
    g.is_submodel = role != "model"
    flow.graphs.append(g)
    return g


def bind_call_params(flow, fn: cst.FunctionDef, fenv) -> None:
    """``call(self, inputs, training=None)``: ``inputs`` is a symbolic tensor."""
    params = fn.params
    for p in (*params.posonly_params, *params.params, *params.kwonly_params):
        name = p.name.value
        if name in NON_TENSOR_PARAMS:
            continue
        flow.ops.param_source(name, fenv)


def symbolic(nodes: list[Node]) -> bool:
    """Whether a value is a symbolic tensor of a model under construction (not data)."""
    seen: set[int] = set()
    stack = list(nodes)
    while stack:
        n = stack.pop()
        if id(n) in seen or len(seen) > 500:
            continue
        seen.add(id(n))
        if n.kind in kinds.INPUT_KINDS or n.sub is not None or n.spec is not None:
            return True
        if n.kind == PARAM or (n.kind is None and n.call is None and not n.inputs):
            return True  # a parameter of call() / of a function being interpreted
        stack.extend(n.inputs)
    return False


def inline(flow, callee, node: cst.Call, call, env):
    """Run a helper function's body with its parameters bound to this call's arguments.

    Returns (done, value): ``done`` is False when the call cannot be followed (too deep,
    recursive, ``*args``), and the caller falls back to the function's summary.
    """

    d: FuncDef | None = getattr(callee, "deff", None)
    if d is None or len(flow.inline_stack) >= MAX_INLINE or id(d.fn) in flow.inline_stack:
        return False, None
    if any(a.star for a in node.args):
        return False, None
    args = [(a.keyword.value if a.keyword is not None else None, flow.eval(a.value, env)) for a in node.args]
    if not any(_tensors(v) for _, v in args):
        return False, args
    params = d.fn.params
    order = [p.name.value for p in (*params.posonly_params, *params.params)]
    if d.is_method and order:
        order = order[1:]
    fenv = Env(parent=d.env)
    for p in (*params.posonly_params, *params.params, *params.kwonly_params):
        fenv.vars[p.name.value] = literal(p.default)
    literals = [literal(a.value) for a in node.args]
    args = [(kw, lit if v is None and lit is not None else v) for (kw, v), lit in zip(args, literals)]
    pos = 0
    for kw, v in args:
        if kw is None:
            if pos < len(order):
                fenv.vars[order[pos]] = v
            pos += 1
        else:
            fenv.vars[kw] = v
    for g in d.graphs:
        g.superseded = True
    d.inlined_at.add(id(node))
    flow.inline_stack.append(id(d.fn))
    flow.ops.enter_function(d.fn)
    carried = _loop_params(flow, node, order)
    if carried:
        # ``for state in states: x = get_layer(x, state)``: an ``if`` of the body on ``state`` picks
        # its arm by what the loop runs over, as one written in the loop itself (``flow._arm``)
        start, names = flow.loop_marks[-1]
        flow.loop_marks.append((start, names | carried))
    try:
        flow.exec_block(d.fn.body.body, fenv)
    finally:
        if carried:
            flow.loop_marks.pop()
        flow.ops.leave_function()
        flow.inline_stack.pop()
    rets = [r for r in fenv.returns if r is not None]
    if not rets:
        return True, None
    if len(rets) == 1:
        return True, rets[0]

    tensors = [TensorV(n) for r in rets for n in _tensors(r)]
    return True, (AltV(tensors) if tensors else rets[-1])


def _loop_params(flow, node: cst.Call, order: list[str]) -> frozenset[str]:
    """The parameters of an inlined function that this call, made in a loop body, binds to
    arguments reading the loop's target."""
    if not flow.loop_marks or not flow.loop_marks[-1][1]:
        return frozenset()
    targets = flow.loop_marks[-1][1]
    out = set()
    pos = 0
    for a in node.args:
        name: str | None
        if a.keyword is not None:
            name = a.keyword.value
        else:
            name = order[pos] if pos < len(order) else None
            pos += 1
        if name is not None and targets.intersection(names_in(a.value)):
            out.add(name)
    return frozenset(out)


def literal(expr):
    """``ConstV`` of a literal expression (``False``, ``None``, ``3``, ``0.5``, ``"relu"``,
    ``-1``), else None. The literals are ``constants.literal``'s, as the rules read them."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Minus):
        inner = literal(expr.expression)
        if inner is not None and isinstance(inner.value, (int, float)) and not isinstance(inner.value, bool):
            return ConstV(-inner.value)
        return None
    v = constants.literal(expr) if expr is not None else constants.Resolver.UNKNOWN
    return None if v is constants.Resolver.UNKNOWN else ConstV(v)


def decide(test, env):
    """Whether ``test`` is true (True / False) when the names it reads hold literals, else None:
    ``if dropout:``, ``if not use_bn``, ``if rate is None``, ``if act == "relu"``,
    ``if rate > 0``, and/or of those (``truth.py`` evaluates them, with the environment's view
    of each name)."""

    def lookup(expr):
        if not isinstance(expr, cst.Name):
            return truth.UNKNOWN
        v = env.get(expr.value)
        if isinstance(v, ConstV):
            return v.value
        # a value the code bound (an argument at a call site); not a parameter's own placeholder
        placeholder = isinstance(v, TensorV) and v.node.kind == PARAM
        if isinstance(v, (TensorV, ModelV, LayerV, ListV, FuncV)) and not placeholder:
            return truth.NOT_NONE
        fact = env.fact(expr.value)
        return None if fact == "none" else truth.NOT_NONE if fact == "not_none" else truth.UNKNOWN

    return truth.truth(test, lookup)


def none_split(flow, fn: cst.FunctionDef) -> str | None:
    """A parameter the body tests for ``None`` in two or more ``if`` statements and never rebinds
    (``if inp_q is not None:`` before and after a loop): the body then runs once with it None
    and once not, so the arms of those tests stay paired (no path where the first test held and
    the second did not). The collector counted the tests (``Scope.none_tests``)."""
    scope = flow.node_scope.get(fn)
    if scope is None or not scope.none_tests:
        return None
    best = [(c, n) for n, c in scope.none_tests.items() if c >= 2 and n in scope.params and n not in scope.assigns]
    return max(best)[1] if best else None


def drop_superseded_runs(flow, funcdefs) -> None:
    """A function run at every one of its call sites in the file as a call-site copy (arguments
    known) does not need its def-time run (parameters unknown, every arm of every ``if`` taken):
    its nodes leave the analysis, so a layer only an untaken arm builds is not reported."""
    sites: dict[str, set] = {}
    for c in flow.callmap.values():
        if c.func_text and "." not in c.func_text:
            sites.setdefault(c.func_text, set()).add(id(c.node))
    dropped: set[int] = set()
    for d in funcdefs:
        at = sites.get(d.fn.name.value)
        if not d.is_method and d.nodes and at and at <= d.inlined_at:
            dropped.update(id(n) for n in d.nodes)
    if dropped:
        flow.nodes[:] = [n for n in flow.nodes if id(n) not in dropped]
        flow.ops.forget(dropped)


def comprehension(flow, expr, env):
    """``[Layer(...) for _ in range(n)]``: a list holding that layer (for loops over it)."""

    if isinstance(expr, cst.ListComp) and isinstance(expr.elt, cst.Name):
        return _unrolled_blocks(flow, expr, env)
    if not isinstance(expr, cst.ListComp) or not isinstance(expr.elt, cst.Call):
        return None
    call = flow.callmap.get(id(expr.elt))
    if call is None or not (call.kind and call.kind[:1].isupper()):
        return None
    cenv = Env(parent=env)
    v = flow.eval(expr.elt, cenv)
    return ListV([v]) if isinstance(v, (LayerV, ModelV)) else None


def _unrolled_blocks(flow, expr, env):
    """``[l for u in SIZES for l in (BatchNormalization(), Dense(u), Dropout(.5))]``: the inner
    tuple of layers is one block, repeated by the outer loops (twice: one block's end feeds the
    next one's start, as for loops)."""

    fors = []
    f = expr.for_in
    while f is not None:
        if f.ifs:
            return None
        fors.append(f)
        f = f.inner_for_in
    inner = fors[-1]
    if len(fors) < 2 or not isinstance(inner.target, cst.Name) or inner.target.value != expr.elt.value:
        return None
    if not isinstance(inner.iter, (cst.List, cst.Tuple)) or not inner.iter.elements:
        return None
    cenv = Env(parent=env)
    for outer in fors[:-1]:
        flow.bind(outer.target, None, cenv)
    block = [flow.eval(el.value, cenv) if isinstance(el, cst.Element) else None for el in inner.iter.elements]
    if not all(isinstance(v, LayerV) for v in block):
        return None
    if any(known_empty(o.iter) for o in fors[:-1]):
        return ListV([])
    times = 1 if all(_count(o.iter) == 1 for o in fors[:-1]) else 2
    return ListV(block * times)


def unroll(flow, stmt: cst.For, env) -> bool:
    """Run a ``for`` loop over a known list once per element; False when the list is unknown."""

    if stmt.orelse is not None:
        return False
    count = _count(stmt.iter)
    if count:
        # ``for _ in range(3)`` / over a non-empty literal: the body runs, it is not an
        # alternative to skipping it; twice when it repeats, so that the end of one iteration
        # feeds the start of the next (Dropout at the end of a block -> BatchNorm at its start).
        flow.bind(stmt.target, None, env)
        repeat_body(flow, stmt.body.body, env, count, stmt.target)
        return True
    it = flow.eval(stmt.iter, env)
    if not isinstance(it, ListV) or not it.items or len(it.items) > MAX_UNROLL:
        return False
    if not any(getattr(v, "spec", None) is not None or getattr(v, "graph", None) is not None for v in it.items):
        return False  # a list of numbers / names: the ordinary loop handling is enough
    for item in it.items:
        flow.bind(stmt.target, item, env)
        flow.exec_block(stmt.body.body, env)
    return True


def list_value(flow, expr, env):
    """A list/tuple literal; ``*block()`` of a known list of layers is spliced in."""

    items: list = []
    for el in expr.elements:
        if isinstance(el, cst.StarredElement):
            v = flow.eval(el.value, env)
            if isinstance(v, ListV):
                items.extend(v.items)
            else:
                items.append(None)
        else:
            items.append(flow.eval(el.value, env))
    return ListV(items)


def layer_list(rets: list) -> bool:
    """A helper returning one list of layers (``return [Conv2D(...), Dropout(...)]``)."""

    return len(rets) == 1 and isinstance(rets[0], ListV) and any(isinstance(v, (LayerV, ModelV)) for v in rets[0].items)


MAX_REPEAT_NESTING = 3  # loops nested deeper run their body once (each level doubles the work)


def repeat_body(flow, body, env, count: int | None, target=None) -> None:
    """Run a loop body once, or twice when it may repeat (``count`` None: unknown, or >= 2).
    ``target``: the ``for``'s target, whose names ``if``s in the body may test (``flow._arm``)."""
    flow.loop_marks.append((len(flow.arms), frozenset(names_in(target)) if target is not None else frozenset()))
    try:
        flow.exec_block(body, env)
        depth = flow.repeat_depth
        if (count is None or count >= 2) and depth < MAX_REPEAT_NESTING:
            flow.repeat_depth, saved = depth + 1, flow.repeat_conditional
            flow.repeat_conditional = flow.conditional  # ``if``s entered from here on are in the body
            if target is not None:
                flow.bind(target, None, env)  # each pass takes the next element, not the last pass's value
            try:
                flow.exec_block(body, env)
            finally:
                flow.repeat_depth, flow.repeat_conditional = depth, saved
    finally:
        flow.loop_marks.pop()


def string_dispatch(test) -> bool:
    """``if activation == "softmax":`` / ``elif mode in ("a", "b"):``: a test that picks an arm
    by comparing a value with string literals (a dispatcher whose caller chooses the arm)."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return False
    target = test.comparisons[0]
    if not isinstance(target.operator, (cst.Equal, cst.In)):
        return False
    right = target.comparator
    items = [e.value for e in right.elements] if isinstance(right, (cst.Tuple, cst.List, cst.Set)) else [right]
    return bool(items) and all(isinstance(i, cst.SimpleString) for i in items)


def names_in(node) -> list[str]:
    """Every name an expression reads or a target binds (``c``, ``(i, (a, b))``)."""
    out: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (tuple, list)):
            stack.extend(n)
        elif isinstance(n, cst.Name):
            out.append(n.value)
        elif isinstance(n, cst.Attribute):
            stack.append(n.value)  # ``self.x``: the ``self``, not the attribute's name
        else:
            stack.extend(n.children)
    return out


def known_empty(it) -> bool:
    """``for x in []`` / ``range(0)``: a loop known to run no iteration."""
    if isinstance(it, (cst.List, cst.Tuple)):
        return not it.elements
    return (
        isinstance(it, cst.Call)
        and isinstance(it.func, cst.Name)
        and it.func.value == "range"
        and bool(it.args)
        and _count(it) == 0
        and all(isinstance(a.value, cst.Integer) for a in it.args)
    )


def _count(it) -> int | None:
    """How many times a loop over ``it`` surely runs: ``range(3)``, ``range(1, 4)``, ``[a, b]``
    (0 when unknown or empty)."""
    if isinstance(it, (cst.List, cst.Tuple)):
        if any(isinstance(e, cst.StarredElement) for e in it.elements):
            return 0
        return len(it.elements)
    if isinstance(it, cst.Call) and isinstance(it.func, cst.Name) and it.func.value == "range":
        ints = []
        for a in it.args:
            if a.keyword is not None or a.star or not isinstance(a.value, cst.Integer):
                return 0
            ints.append(int(a.value.value, 0))
        if len(ints) == 1:
            return max(ints[0], 0)
        if len(ints) == 2:
            return max(ints[1] - ints[0], 0)
    return 0


def functional_super_init(flow, node: cst.Call) -> bool:
    """``super().__init__(inputs, outputs)`` in a Model subclass: a functional model."""
    f = node.func
    return (
        bool(flow.class_roles)
        and flow.class_roles[-1] == "model"
        and isinstance(f, cst.Attribute)
        and f.attr.value == "__init__"
        and isinstance(f.value, cst.Call)
        and isinstance(f.value.func, cst.Name)
        and f.value.func.value == "super"
        and (
            len([a for a in node.args if a.keyword is None]) >= 2
            or any(a.keyword is not None and a.keyword.value in ("outputs", "output") for a in node.args)
        )
    )
